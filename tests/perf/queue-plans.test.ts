// The review queue's sorts and text filter are served by indexes: the queries the app really sends
// (captured from the driver) are EXPLAINed on the PostgreSQL server with sequential scans priced out,
// so a plan that still sorts the table or scans it for the text proves an index is missing.
// Needs the server (DATABASE_URL); PGlite has no separate planner setup worth checking.
import t from 'tap';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { serverUrlOf, signIn, testConfig, testDatabase } from '../helpers/app.js';

const onServer = Boolean(process.env.DATABASE_URL);

t.test('review queue plans use the indexes', { skip: onServer ? false : 'needs DATABASE_URL (the PostgreSQL server)' }, async (t) => {
  const database = await testDatabase(t);
  const url = serverUrlOf(database)!;
  const captured: { query: string; params: unknown[] }[] = [];
  const sql = postgres(url, { max: 2, onnotice: () => {}, debug: (_c, query, params) => void captured.push({ query, params: params as unknown[] }) });
  t.teardown(() => sql.end({ timeout: 1 }));
  // The project's own handle for LISTEN and locks; queries go through the capturing pool.
  const capturing: Database = { ...database, db: drizzle({ client: sql, schema }), close: async () => {} };
  const app = await buildApp({ config: testConfig(), database: capturing, logger: false });
  t.teardown(() => app.close());
  // Enough rows that a plan choice means something.
  const seed = postgres(url, { max: 1, onnotice: () => {} });
  t.teardown(() => seed.end({ timeout: 1 }));
  await seed`
    insert into issues (company_id, author_id, title, body, category, language, visibility, state, support_count, submitted_at)
    select company_id, author_id, 'Seeded ' || g || ' ' || md5(g::text), 'Body ' || md5(g::text) || ' repeated text for the plan',
           category, language, visibility, 'submitted', g % 7, now() - g * interval '1 minute'
    from generate_series(1, 20000) g, (select * from issues limit 1) i`;
  // As autovacuum would: the bulk insert left the GIN indexes a pending list that makes them look costly.
  await seed`vacuum analyze issues`;
  const official = await signIn(app, 'official1');

  async function planOf(path: string, { sorting = false } = {}): Promise<string> {
    captured.length = 0;
    const res = await official.get(path);
    t.equal(res.statusCode, 200, path);
    const listed = captured.find((c) => /from "issues"/.test(c.query) && /order by/i.test(c.query) && /limit/i.test(c.query));
    if (!listed) throw new Error(`no issue list query for ${path}`);
    return seed.begin<string>(async (tx) => {
      await tx`set local enable_seqscan = off`;
      // Checking a sort: an explicit Sort is priced out too, so its absence means no index could serve it.
      if (sorting) await tx`set local enable_sort = off`;
      const rows = await tx.unsafe(`explain ${listed.query}`, listed.params as never[]);
      return rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    });
  }

  const sorted = (plan: string) => !/\bSort\b/.test(plan.replace(/Sort Key.*/g, '')) && !/Seq Scan/.test(plan);
  const newest = await planOf('/api/issues/queue?sort=newest', { sorting: true });
  t.match(newest, /issues_when_idx/, 'newest first walks the (coalesce(submitted_at, created_at), id) index');
  t.ok(sorted(newest), `newest: no sort, no table scan\n${newest}`);
  const waiting = await planOf('/api/issues/queue?sort=oldest_waiting', { sorting: true });
  t.match(waiting, /issues_state_changed_idx/, 'oldest waiting walks the (state_changed_at, id) index');
  t.ok(sorted(waiting), `oldest waiting: no sort, no table scan\n${waiting}`);
  const supported = await planOf('/api/issues/queue?sort=most_supported', { sorting: true });
  t.match(supported, /issues_support_idx/, 'most supported walks the (support_count, when, id) index');
  t.ok(sorted(supported), `most supported: no sort, no table scan\n${supported}`);

  const first = JSON.parse((await official.get('/api/issues/queue?sort=newest&limit=5')).body) as { nextCursor: string };
  const deep = await planOf(`/api/issues/queue?sort=newest&cursor=${first.nextCursor}`, { sorting: true });
  t.match(deep, /Index Cond: \(ROW\(COALESCE/, 'a later page starts inside the index (keyset condition as an index condition)');

  // A selective term (one seeded body holds md5('1')), as a search usually is.
  const text = await planOf('/api/issues/queue?q=c4ca4238a0b9');
  t.match(text, /issues_title_trgm_idx/, 'the text filter uses the title trigram index');
  t.match(text, /issues_body_trgm_idx/, 'and the body trigram index');
  t.notMatch(text, /Seq Scan/, 'no table scan for the text filter');
});
