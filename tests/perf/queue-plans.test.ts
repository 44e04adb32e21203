// The review queue's sorts and text filter are served by indexes: the queries the app really sends
// (captured from the driver) are EXPLAINed on the PostgreSQL server with sequential scans priced out,
// so a plan that still sorts the table or scans it for the text proves an index is missing.
// Needs the server (DATABASE_URL); PGlite has no separate planner setup worth checking.
import t from 'tap';
import { signIn } from '../helpers/app.js';
import { issueListQuery, planningApp } from '../helpers/plans.js';

const onServer = Boolean(process.env.DATABASE_URL);

t.test('review queue plans use the indexes', { skip: onServer ? false : 'needs DATABASE_URL (the PostgreSQL server)' }, async (t) => {
  const { app, seed, planOf: plan } = await planningApp(t);
  // Enough rows that a plan choice means something.
  await seed`
    insert into issues (company_id, author_id, title, body, category, language, visibility, state, support_count, submitted_at)
    select company_id, author_id, 'Seeded ' || g || ' ' || md5(g::text), 'Body ' || md5(g::text) || ' repeated text for the plan',
           category, language, visibility, 'submitted', g % 7, now() - g * interval '1 minute'
    from generate_series(1, 20000) g, (select * from issues limit 1) i`;
  // As autovacuum would: the bulk insert left the GIN indexes a pending list that makes them look costly.
  await seed`vacuum analyze issues`;
  const official = await signIn(app, 'official1');

  const planOf = (path: string, options?: { sorting?: boolean }) => plan(() => official.get(path), path, issueListQuery, options);

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
