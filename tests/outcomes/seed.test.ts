// The demo outcomes as seeded: a concluded round-table with final minutes, decisions of every kind,
// actions in every status (overdue ones too), and an issue resolved by its closed actions.
import t from 'tap';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);

t.test('the board has something to show on first start', async (t) => {
  const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; status: string; localStart: string }[]>();
  const held = list.find((r) => r.status === 'concluded')!;
  t.equal(held.localStart, '2026-07-14T14:00+08:00');
  const board = (await stranger(app).get(`/api/board?roundTableId=${held.id}`)).json();
  t.equal(board.pledges[0].pledgeDueDate, '2026-10-22');
  t.same(
    [board.totals.open, board.totals.in_progress, board.totals.done, board.totals.dropped, board.totals.overdue],
    [2, 1, 1, 1, 2],
    'actions in every status, two overdue against the pledge (the anonymous issue’s too: it is published)',
  );
  t.notMatch(JSON.stringify(board), /Midori/, 'without naming the anonymous issue’s company');

  const out = (await stranger(app).get(`/api/round-tables/${held.id}/outcomes`)).json();
  t.ok(
    out.slots.every((s: { minutes: { status: string } }) => s.minutes.status === 'final'),
    'final minutes',
  );
  const kinds = out.slots.flatMap((s: { decisions: { kind: string }[] }) => s.decisions.map((d) => d.kind)).sort();
  t.same(kinds, ['commitment', 'needs_more_information', 'no_action', 'referral']);
  t.equal(out.slots[0].minutes.addenda.length, 1);

  const official = await signIn(app, 'official1');
  const all = (await official.get(`/api/board?roundTableId=${held.id}`)).json();
  t.same([all.totals.open, all.totals.in_progress, all.totals.done, all.totals.dropped, all.totals.overdue], [2, 1, 1, 1, 2]);
  const land = out.slots[0].decisions.find((d: { kind: string }) => d.kind === 'commitment').issues[0];
  t.equal(land.state, 'resolved', 'its only action is done: the issue is resolved');
  const chain = (await stranger(app).get(`/api/issues/${land.id}/chain`)).json();
  t.same(
    chain.steps.map((s: { kind: string }) => s.kind),
    ['submitted', 'answered', 'scheduled', 'discussed', 'decision', 'action', 'progress', 'action_closed', 'resolved'],
  );
});
