// Search and similar-issue suggestions are served by indexes: the queries the app really sends (captured
// from the driver) are EXPLAINed on the PostgreSQL server with sequential scans priced out, so a plan
// that still scans the table for the text proves an index is missing. Needs the server (DATABASE_URL).
import t from 'tap';
import { signIn, stranger } from '../helpers/app.js';
import { issueListQuery, planningApp } from '../helpers/plans.js';

const onServer = Boolean(process.env.DATABASE_URL);

void t.test('search and similar-issue plans use the indexes', { skip: onServer ? false : 'needs DATABASE_URL (the PostgreSQL server)' }, async (t) => {
  const { app, seed, planOf: plan } = await planningApp(t);
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
    const found = await plan(get, what, issueListQuery);
    if (/Seq Scan/.test(found)) t.comment(`${what}:\n${found}`);
    return found;
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
