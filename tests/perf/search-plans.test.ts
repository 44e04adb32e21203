// Search and similar-issue suggestions are served by indexes: the queries the app really sends (captured
// from the driver) are EXPLAINed on the PostgreSQL server with sequential scans priced out, so a plan
// that still scans the table for the text proves an index is missing. Needs the server (DATABASE_URL).
import t from 'tap';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { serverUrlOf, signIn, stranger, testConfig, testDatabase } from '../helpers/app.js';

const onServer = Boolean(process.env.DATABASE_URL);

void t.test('search and similar-issue plans use the indexes', { skip: onServer ? false : 'needs DATABASE_URL (the PostgreSQL server)' }, async (t) => {
  const database = await testDatabase(t);
  const url = serverUrlOf(database)!;
  const captured: { query: string; params: unknown[] }[] = [];
  const sql = postgres(url, { max: 2, onnotice: () => {}, debug: (_c, query, params) => void captured.push({ query, params: params as unknown[] }) });
  t.teardown(() => sql.end({ timeout: 1 }));
  const capturing: Database = { ...database, db: drizzle({ client: sql, schema }), close: async () => {} };
  const app = await buildApp({ config: testConfig(), database: capturing, logger: false });
  t.teardown(() => app.close());
  const seed = postgres(url, { max: 1, onnotice: () => {} });
  t.teardown(() => seed.end({ timeout: 1 }));
  // Enough rows, in the three languages, that a plan choice means something (the term sets are generated on insert).
  await seed`
    insert into issues (company_id, author_id, title, body, category, language, visibility, state, support_count, submitted_at)
    select company_id, author_id,
           (array['Seeded report ', '工場の報告 ', '工厂报告 '])[g % 3 + 1] || g || ' ' || md5(g::text),
           'Body ' || md5(g::text) || ' 本文 正文 repeated text for the plan',
           category, language, 'public', 'submitted', g % 7, now() - g * interval '1 minute'
    from generate_series(1, 20000) g, (select * from issues limit 1) i`;
  await seed`vacuum analyze issues`;
  const kaze = await signIn(app, 'kaze');
  const visitor = stranger(app);

  async function planOf(get: () => Promise<{ statusCode: number }>, what: string): Promise<string> {
    captured.length = 0;
    t.equal((await get()).statusCode, 200, what);
    const listed = captured.find((c) => /from "issues"/.test(c.query) && /order by/i.test(c.query) && /limit/i.test(c.query));
    if (!listed) throw new Error(`no issue query for ${what}`);
    return seed.begin<string>(async (tx) => {
      await tx`set local enable_seqscan = off`;
      const rows = await tx.unsafe(`explain ${listed.query}`, listed.params as never[]);
      const plan = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      if (/Seq Scan/.test(plan)) t.comment(`${what}:\n${plan}`);
      return plan;
    });
  }

  for (const q of ['通関', '天津港の通関に時間がかかる', 'customs clearance']) {
    const search = await planOf(() => visitor.get(`/api/issues/public?q=${encodeURIComponent(q)}`), `search ${q}`);
    t.match(search, /issues_search_text_idx/, `search "${q}" uses the term index`);
    t.notMatch(search, /Seq Scan/, `search "${q}": no table scan`);
    const similar = await planOf(() => kaze.get(`/api/issues/similar?title=${encodeURIComponent(q)}`), `similar ${q}`);
    t.match(similar, /issues_search_text_idx/, `similar "${q}" uses the term index`);
    t.match(similar, /issues_title_trgm_idx/, 'and the title trigram index');
    t.notMatch(similar, /Seq Scan/, `similar "${q}": no table scan`);
  }
});
