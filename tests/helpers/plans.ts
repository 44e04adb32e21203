// Query-plan checks on the PostgreSQL server: an app whose queries go through a capturing pool, so a test
// can EXPLAIN exactly the statement a request sent, with sequential scans (and, for sort checks, explicit
// sorts) priced out: a plan that still scans or sorts then proves that no index could serve it.
import type { Test } from 'tap';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { serverUrlOf, testConfig, testDatabase } from './app.js';

type Captured = { query: string; params: unknown[] };

export async function planningApp(t: Test) {
  const database = await testDatabase(t);
  const url = serverUrlOf(database)!;
  const captured: Captured[] = [];
  const sql = postgres(url, { max: 2, onnotice: () => {}, debug: (_c, query, params) => void captured.push({ query, params: params as unknown[] }) });
  t.teardown(() => sql.end({ timeout: 1 }));
  // The project's own handle for LISTEN and locks; queries go through the capturing pool.
  const capturing: Database = { ...database, db: drizzle({ client: sql, schema }), close: async () => {} };
  const app = await buildApp({ config: testConfig(), database: capturing, logger: false });
  t.teardown(() => app.close());
  // A separate connection for seeding and EXPLAIN, outside the capture.
  const seed = postgres(url, { max: 1, onnotice: () => {} });
  t.teardown(() => seed.end({ timeout: 1 }));

  /** Runs the request, finds the statement it sent that matches `pick`, and returns its plan. */
  async function planOf(
    request: () => Promise<{ statusCode: number }>,
    what: string,
    pick: (query: string) => boolean,
    { sorting = false } = {},
  ): Promise<string> {
    captured.length = 0;
    t.equal((await request()).statusCode, 200, what);
    const listed = captured.find((c) => pick(c.query));
    if (!listed) throw new Error(`no matching query for ${what}`);
    return seed.begin<string>(async (tx) => {
      await tx`set local enable_seqscan = off`;
      if (sorting) await tx`set local enable_sort = off`;
      const rows = await tx.unsafe(`explain ${listed.query}`, listed.params as never[]);
      return rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    });
  }
  return { app, seed, planOf };
}

/** The issue list statement of a request: the one that reads issues in order, a page at a time. */
export const issueListQuery = (query: string) => /from "issues"/.test(query) && /order by/i.test(query) && /limit/i.test(query);
