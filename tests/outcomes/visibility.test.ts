// Chain, board, outcomes, open data and live events for each visibility: a confidential issue's
// decisions and actions never reach anyone but officials and the author company (not even as a
// count); an anonymous issue never names its company, through its owner or its people either.
import t from 'tap';
import { and, eq } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue, principal } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const kaze = await signIn(app, 'kaze');
const fuji = await signIn(app, 'fuji');
const wang = await principal(database, 'official1');
const suzuki = await principal(database, 'sakura');

const pub = await acceptedIssue(hanami, official, { title: 'Visible: public issue' });
const anon = await acceptedIssue(sakura, official, { title: 'Visible: anonymous issue', visibility: 'anonymous' });
const conf = await acceptedIssue(kaze, official, { title: 'Secret: confidential issue', visibility: 'confidential' });
const rt = await heldRoundTable(official, [pub.id, anon.id, conf.id], { start: '2026-05-20T09:00', end: '2026-05-20T11:00' });

const decide = async (issueId: string, text: string) => {
  const res = await official.post(`/api/round-tables/${rt.id}/slots/${rt.slotId}/decisions`, { text, kind: 'commitment', issueIds: [issueId], language: 'en' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
};
const act = async (decisionId: string, body: Record<string, unknown>) => {
  const res = await official.post(`/api/decisions/${decisionId}/actions`, { description: 'Do it', ownerOrganizationId: wang.organizationId, ...body });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
};
const dPub = await decide(pub.id, 'Public decision');
const dAnon = await decide(anon.id, 'Anonymous decision');
const dConf = await decide(conf.id, 'Secret decision');
const aPub = await act(dPub, { dueDate: '2026-06-01' }); // overdue
const aAnon = await act(dAnon, {
  dueDate: '2026-06-02',
  ownerOrganizationId: suzuki.organizationId,
  ownerUserId: suzuki.userId,
  description: 'The company itself reports',
}); // overdue, owned by the author company
const aConf = await act(dConf, { dueDate: '2026-06-03', description: 'Secret action' }); // overdue

interface Board {
  totals: { total: number; overdue: number };
  overdue: { id: string; ownerOrganization: { nameEn: string } | null }[];
  byCategory: { actions: { total: number } }[];
  byDepartment: { organization: { nameEn: string } }[];
  pledges: { pledgeDueDate: string }[];
}
const board = async (client: { get(url: string): Promise<{ json(): unknown; body: string }> }) =>
  (await client.get(`/api/board?roundTableId=${rt.id}`)).json() as Board;

t.test('board: counts only what the viewer may see', async (t) => {
  const everyone = await board(stranger(app));
  t.equal(everyone.totals.total, 2, 'a stranger counts the public and the anonymous action, not the confidential one');
  t.equal(everyone.totals.overdue, 2);
  t.same(everyone.overdue.map((a: { id: string }) => a.id).sort(), [aPub, aAnon].sort());
  t.equal(everyone.overdue.find((a: { id: string }) => a.id === aAnon)?.ownerOrganization, null, 'the anonymous author company is not named as owner');
  t.notMatch(JSON.stringify(everyone), /Sakura|Secret/, 'no trace of the author or the confidential issue');
  t.same(
    everyone.byCategory.map((c: { actions: { total: number } }) => c.actions.total),
    [2],
  );
  t.equal(everyone.pledges[0]?.pledgeDueDate, '2026-08-28');

  const author = await board(kaze);
  t.equal(author.totals.total, 3, 'the author company counts its confidential issue');
  t.notMatch(JSON.stringify(author), /Sakura/);
  t.equal((await board(fuji)).totals.total, 2, 'another company does not');
  const staff = await board(official);
  t.equal(staff.totals.total, 3);
  t.ok(
    staff.byDepartment.some((d: { organization: { nameEn: string } }) => d.organization.nameEn.startsWith('Sakura')),
    'officials know the owner',
  );
  t.equal(
    (await board(sakura)).overdue.find((a: { id: string }) => a.id === aAnon)?.ownerOrganization?.nameEn,
    'Sakura Electronics China',
    'the owner sees itself',
  );
  const overall = (await stranger(app).get('/api/board')).json();
  t.notOk(JSON.stringify(overall).includes(aConf), 'the overall board leaves it out too');
});

t.test('chain: steps with roles, names only where allowed', async (t) => {
  const anonChain = (await stranger(app).get(`/api/issues/${anon.id}/chain`)).json();
  t.equal(anonChain.issue.companyName, null);
  t.same(
    anonChain.steps.map((s: { kind: string }) => s.kind),
    ['submitted', 'scheduled', 'discussed', 'decision', 'action'],
    'the whole chain in order',
  );
  const submitted = anonChain.steps[0];
  t.same(submitted.actor, { role: 'company_rep', displayName: null }, 'the author is a role, not a name');
  t.equal(anonChain.steps[1].roundTableId, rt.id);
  t.equal(anonChain.steps[1].slotId, rt.slotId, 'scheduled links to the round-table and slot');
  t.equal(anonChain.steps[3].actor.displayName, 'Wang Li', 'officials are named');
  t.notMatch(JSON.stringify(anonChain), /Sakura|Suzuki/);
  const own = (await sakura.get(`/api/issues/${anon.id}/chain`)).json();
  t.equal(own.steps[0].actor.displayName, 'Yuki Suzuki', 'the author company sees its own names');

  t.equal((await stranger(app).get(`/api/issues/${conf.id}/chain`)).json().code, 'ISSUE_NOT_FOUND');
  t.equal((await hanami.get(`/api/issues/${conf.id}/chain`)).statusCode, 404);
  const confChain = (await kaze.get(`/api/issues/${conf.id}/chain`)).json();
  t.equal(confChain.decisions[0].actions[0].id, aConf, 'the author company follows its confidential issue');
});

t.test('outcomes page and single action', async (t) => {
  const out = (await stranger(app).get(`/api/round-tables/${rt.id}/outcomes`)).json();
  const slot = out.slots[0];
  t.same(slot.decisions.map((d: { id: string }) => d.id).sort(), [dPub, dAnon].sort());
  t.equal(slot.issues.length, 2, 'the confidential issue is not listed on the slot');
  t.notMatch(JSON.stringify(out), /Secret|Sakura/);
  t.equal((await stranger(app).get(`/api/actions/${aConf}`)).json().code, 'ACTION_NOT_FOUND');
  t.equal((await fuji.patch(`/api/actions/${aConf}`, { status: 'in_progress' })).json().code, 'ACTION_NOT_FOUND');
  t.equal(
    (await fuji.post(`/api/decisions/${dConf}/actions`, { description: 'x', ownerOrganizationId: wang.organizationId })).json().code,
    'DECISION_NOT_FOUND',
    'actions on a decision one may not see',
  );
  t.equal((await sakura.patch(`/api/actions/${aAnon}`, { status: 'in_progress' })).json().status, 'in_progress', 'the owner organization updates its action');
  t.equal(
    (await sakura.post(`/api/actions/${aAnon}/progress`, { percent: 10, publicText: 'Started', internalNote: 'x' })).json().code,
    'INTERNAL_NOTE_OFFICIALS_ONLY',
  );
});

t.test('open data: public rows only, anonymity applied', async (t) => {
  const decisions = await stranger(app).get('/api/open-data/decisions.json');
  t.equal(decisions.statusCode, 200);
  t.match(decisions.headers['content-type'], /application\/json/);
  const ids = decisions.json<{ id: string }[]>().map((d) => d.id);
  t.ok(ids.includes(dPub) && ids.includes(dAnon));
  t.notOk(ids.includes(dConf));
  const actions = await stranger(app).get('/api/open-data/actions.csv');
  t.match(actions.headers['content-type'], /text\/csv/);
  const lines = actions.body.trim().split('\r\n');
  t.equal(
    lines[0]!.replace(/^\uFEFF/, ''),
    [
      'id',
      'decisionId',
      'roundTableId',
      'description',
      'ownerOrganization',
      'dueDate',
      'timeZone',
      'status',
      'percent',
      'overdue',
      'droppedReason',
      'createdAt',
      'updatedAt',
    ]
      .map((c) => `"${c}"`)
      .join(','),
  );
  const anonLine = lines.find((l) => l.startsWith(`"${aAnon}"`))!;
  t.match(anonLine, /,"The company itself reports","","2026-06-02",/, 'the owner column is empty for the anonymous author');
  t.notOk(actions.body.includes(aConf));
  const issues = (await stranger(app).get('/api/open-data/issues.json')).json<{ id: string; company: string | null }[]>();
  t.equal(issues.find((i) => i.id === anon.id)!.company, null);
  t.equal(issues.find((i) => i.id === pub.id)!.company, 'Hanami Motors (Tianjin) Co., Ltd.');
  t.notOk(issues.some((i) => i.id === conf.id));
  t.equal((await stranger(app).get('/api/open-data/secrets.json')).statusCode, 400);
});

t.test('live events reach the public stream only for decisions everyone may see', async (t) => {
  const rows = await database.db
    .select({ data: events.data })
    .from(events)
    .where(and(eq(events.stream, 'public'), eq(events.type, 'outcomes.changed')));
  const decided = new Set(rows.map((r) => (r.data as { decisionId: string }).decisionId));
  t.ok(decided.has(dPub) && decided.has(dAnon));
  t.notOk(decided.has(dConf));
  const staff = await database.db
    .select({ data: events.data })
    .from(events)
    .where(eq(events.stream, `roundtable:${rt.id}:staff`));
  t.ok(
    staff.some((r) => (r.data as { decisionId?: string }).decisionId === dConf),
    'staff hear of every change',
  );
});
