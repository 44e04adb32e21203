// Outcomes through the API: minutes (versions, conflicts, circulation, comments, final, addenda),
// decisions, actions with the pledge due date, transitions, progress, resolution, and bad input
// (each a 4xx with its code and nothing written).
import t from 'tap';
import { count, eq } from 'drizzle-orm';
import { actionItems, actionProgress, decisions, feedItems, minutesVersions } from '../../src/db/schema/index.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue, principal } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const official = await signIn(app, 'official1');
const official2 = await signIn(app, 'official2');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const attendee = await signIn(app, 'attendee3');

const pub = await acceptedIssue(hanami, official, { title: 'Outcomes: public issue' });
const other = await acceptedIssue(sakura, official, { title: 'Outcomes: second issue' });
const rt = await heldRoundTable(official, [pub.id, other.id], { start: '2026-07-08T09:00', end: '2026-07-08T11:00' });
const m = `/api/round-tables/${rt.id}/slots/${rt.slotId}/minutes`;
const wang = await principal(database, 'official1');
const tanaka = await principal(database, 'hanami');
const code = async (res: Promise<{ json(): { code?: string } }>) => (await res).json().code;

t.test('the live session end made the issues discussed', async (t) => {
  t.equal((await official.get(`/api/issues/${pub.id}`)).json().state, 'discussed');
});

t.test('minutes: versions, conflict naming who saved first, diff', async (t) => {
  t.equal(await code(stranger(app).get(m)), 'MINUTES_NOT_FOUND', 'draft minutes are staff only');
  const first = await official.request('PUT', m, { text: 'The customs bureau will publish clearance times.', baseVersion: 0 });
  t.equal(first.statusCode, 200);
  t.equal(first.json().version, 1);
  const second = await official2.request('PUT', m, { text: 'The customs bureau will publish weekly clearance times.', baseVersion: 1 });
  t.equal(second.json().version, 2);
  const stale = await official.request('PUT', m, { text: 'Overwrite', baseVersion: 1 });
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().code, 'MINUTES_VERSION_CONFLICT');
  t.equal(stale.json().details.savedBy, 'Zhang Min', 'names who saved first');
  t.match(stale.json().message, /Zhang Min saved version 2 first at \d{4}-/);
  t.equal(
    Number((await db.select({ n: count() }).from(minutesVersions).where(eq(minutesVersions.slotId, rt.slotId)))[0]!.n),
    2,
    'the stale save wrote nothing',
  );
  const versions = (await official.get(`${m}/versions`)).json();
  t.same(
    versions.map((v: { n: number }) => v.n),
    [2, 1],
  );
  const diff = (await official.get(`${m}/diff?from=1&to=2`)).json();
  t.same(diff.parts, [
    { op: 'equal', text: 'The customs bureau will publish ' },
    { op: 'insert', text: 'weekly ' },
    { op: 'equal', text: 'clearance times.' },
  ]);
  t.equal(await code(official.get(`${m}/versions/9`)), 'MINUTES_VERSION_NOT_FOUND');
  t.equal(await code(hanami.request('PUT', m, { text: 'x', baseVersion: 2 })), 'OUTCOMES_STAFF_ONLY');
});

t.test('minutes: circulate, comments by the slot companies until the date, final, addenda', async (t) => {
  t.equal(await code(official.post(`${m}/circulate`, { commentsUntil: '2020-01-01T00:00:00Z' })), 'COMMENTS_UNTIL_PAST');
  t.equal(await code(hanami.post(`${m}/comments`, { text: 'Too early' })), 'MINUTES_NOT_CIRCULATED');
  const until = new Date(Date.now() + 86_400_000).toISOString();
  const circ = await official.post(`${m}/circulate`, { commentsUntil: until });
  t.equal(circ.json().status, 'circulated');
  t.equal((await hanami.get(m)).json().canComment, true, 'a company with an issue on the slot may comment');
  t.equal(await code(attendee.get(m)), 'MINUTES_NOT_FOUND', 'not registered, no issue on the slot: not yet');
  t.equal(await code(attendee.post(`${m}/comments`, { text: 'Me too' })), 'MINUTES_COMMENT_FORBIDDEN');
  t.equal((await hanami.post(`${m}/comments`, { text: 'Please add the port name.' })).statusCode, 201);
  t.equal((await sakura.post(`${m}/comments`, { text: 'Agreed.' })).statusCode, 201);
  t.equal((await official.get(`${m}/comments`)).json().length, 2, 'staff see every comment');
  const own = (await hanami.get(`${m}/comments`)).json();
  t.equal(own.length, 1, 'a commenter sees their own');
  t.equal(own[0].mine, true);
  t.equal((await official.post(`${m}/finalize`)).json().status, 'final');
  t.equal(await code(official.request('PUT', m, { text: 'changed', baseVersion: 2 })), 'MINUTES_FINAL');
  t.equal(await code(official.post(`${m}/finalize`)), 'MINUTES_FINAL');
  t.equal(await code(hanami.post(`${m}/comments`, { text: 'late' })), 'MINUTES_NOT_CIRCULATED');
  const add = await official.post(`${m}/addenda`, { text: 'The port is Tianjin Xingang.' });
  t.equal(add.statusCode, 201);
  t.equal(add.json().addenda.length, 1);
  const pubView = (await stranger(app).get(m)).json();
  t.equal(pubView.status, 'final', 'final minutes are public with the round-table');
  t.equal(pubView.text, 'The customs bureau will publish weekly clearance times.');
});

let decisionId = '';
t.test('decisions: kinds and their required fields, issues of the slot only', async (t) => {
  const base = `/api/round-tables/${rt.id}/slots/${rt.slotId}/decisions`;
  const elsewhere = await acceptedIssue(hanami, official);
  t.equal(await code(official.post(base, { text: 'x', kind: 'commitment', issueIds: [elsewhere.id], language: 'en' })), 'ISSUE_NOT_ON_SLOT');
  t.equal(await code(official.post(base, { text: 'x', kind: 'referral', issueIds: [pub.id], language: 'en' })), 'DEPARTMENT_REQUIRED');
  t.equal(await code(official.post(base, { text: 'x', kind: 'no_action', issueIds: [pub.id], language: 'en' })), 'REASON_REQUIRED');
  t.equal((await official.post(base, { text: 'x', kind: 'commitment', issueIds: [], language: 'en' })).statusCode, 400);
  t.equal(await code(hanami.post(base, { text: 'x', kind: 'commitment', issueIds: [pub.id], language: 'en' })), 'OUTCOMES_STAFF_ONLY');
  t.equal(Number((await db.select({ n: count() }).from(decisions).where(eq(decisions.roundTableId, rt.id)))[0]!.n), 0, 'nothing written');
  const res = await official.post(base, { text: '海关将每周公布通关时间。', kind: 'commitment', issueIds: [pub.id], language: 'zh' });
  t.equal(res.statusCode, 201);
  decisionId = res.json().id;
  t.equal(res.json().language, 'zh');
  t.equal(res.json().issues[0].companyName, 'Hanami Motors (Tianjin) Co., Ltd.', 'a public issue names its company');
  const referral = await official.post(base, { text: 'Referred', kind: 'referral', department: 'Tianjin Customs', issueIds: [other.id], language: 'en' });
  t.equal(referral.json().department, 'Tianjin Customs');
  const noAction = await official.post(base, { text: 'No change', kind: 'no_action', reason: 'Already national law', issueIds: [other.id], language: 'en' });
  t.equal(
    await code(official.post(`/api/decisions/${noAction.json().id}/actions`, { description: 'x', ownerOrganizationId: wang.organizationId })),
    'DECISION_TAKES_NO_ACTION',
  );
});

let actionId = '';
t.test('actions: the pledge default, bad input, transitions, progress, resolution', async (t) => {
  const orgId = wang.organizationId;
  const url = `/api/decisions/${decisionId}/actions`;
  const before = Number((await db.select({ n: count() }).from(actionItems))[0]!.n);
  t.equal(await code(official.post(url, { description: 'x', ownerOrganizationId: orgId, dueDate: '2026-07-07' })), 'DUE_BEFORE_ROUND_TABLE');
  t.equal(await code(official.post(url, { description: 'x', ownerOrganizationId: orgId, dueDate: '2027-02-30' })), 'INVALID_DATE');
  t.equal(await code(official.post(url, { description: 'x', ownerOrganizationId: orgId, ownerUserId: tanaka.userId })), 'OWNER_NOT_IN_ORGANIZATION');
  t.equal(
    await code(official.post(`/api/decisions/00000000-0000-4000-8000-000000000000/actions`, { description: 'x', ownerOrganizationId: orgId })),
    'DECISION_NOT_FOUND',
  );
  t.equal(Number((await db.select({ n: count() }).from(actionItems))[0]!.n), before, 'nothing written');

  const res = await official.post(url, { description: 'Publish weekly clearance times', ownerOrganizationId: orgId, ownerUserId: wang.userId });
  t.equal(res.statusCode, 201);
  const action = res.json();
  actionId = action.id;
  t.equal(action.dueDate, '2026-10-16', '2026-07-08 in Shanghai + 100 calendar days');
  t.equal(action.status, 'open');
  t.equal((await official.get(`/api/issues/${pub.id}`)).json().state, 'action_pending', 'the first action moves the issue on');

  const a = `/api/actions/${actionId}`;
  t.equal(await code(official.patch(a, { status: 'done' })), 'ACTION_TRANSITION_NOT_ALLOWED', 'open cannot jump to done');
  t.equal(await code(hanami.patch(a, { status: 'in_progress' })), 'ACTION_FORBIDDEN', 'not staff, not the owner');
  t.equal((await official.post(`${a}/progress`, { percent: 101, publicText: 'x' })).statusCode, 400, 'percent over 100');
  t.equal((await official.post(`${a}/progress`, { percent: -1, publicText: 'x' })).statusCode, 400, 'percent under 0');
  t.equal(Number((await db.select({ n: count() }).from(actionProgress).where(eq(actionProgress.actionId, actionId)))[0]!.n), 0, 'nothing written');
  t.equal((await official.patch(a, { status: 'in_progress' })).json().status, 'in_progress');
  const prog = await official2.post(`${a}/progress`, { percent: 40, publicText: 'Two weeks published', internalNote: 'Customs slow to send data' });
  t.equal(prog.statusCode, 201);
  t.equal(prog.json().percent, 40);
  t.equal(prog.json().progress[0].internalNote, 'Customs slow to send data', 'officials see the internal note');
  const seen = (await hanami.get(a)).json();
  t.equal(seen.progress[0].publicText, 'Two weeks published');
  t.notOk('internalNote' in seen.progress[0], 'a company never sees the internal note');
  t.equal(await code(official.patch(a, { status: 'dropped' })), 'REASON_REQUIRED');
  const done = await official.patch(a, { status: 'done' });
  t.equal(done.json().status, 'done');
  t.equal(done.json().percent, 100);
  t.equal(await code(official.post(`${a}/progress`, { percent: 50, publicText: 'x' })), 'ACTION_CLOSED');
  t.equal(await code(official.patch(a, { status: 'in_progress' })), 'ACTION_TRANSITION_NOT_ALLOWED');
  const issue = (await hanami.get(`/api/issues/${pub.id}`)).json();
  t.equal(issue.state, 'resolved', 'every action closed: the issue is resolved');
  const feed = await db.select().from(feedItems);
  t.ok(
    feed.some((f) => f.issueId === pub.id && f.type === 'issue.transition' && (f.data as { toState?: string }).toState === 'resolved'),
    'the author company is told in its feed',
  );
});

t.test('outcomes of the round-table, projected', async (t) => {
  const out = (await stranger(app).get(`/api/round-tables/${rt.id}/outcomes`)).json();
  t.equal(out.roundTable.pledgeDueDate, '2026-10-16');
  const slot = out.slots.find((s: { slotId: string }) => s.slotId === rt.slotId);
  t.equal(slot.minutes.status, 'final');
  t.equal(slot.decisions.length, 3);
  t.equal(slot.decisions[0].actions[0].status, 'done');
});

t.test("the owner's view: actions owned by my organization, nobody else's", async (t) => {
  const mine = (await official2.get('/api/actions/mine')).json<{ id: string; canUpdate: boolean }[]>();
  t.ok(
    mine.some((a) => a.id === actionId),
    'an official of the owner organization sees its action',
  );
  t.equal((await stranger(app).get('/api/actions/mine')).statusCode, 401, 'visitors are asked to sign in');
});

t.test('progress, comments, addenda and dropped reasons record the language they are written in', async (t) => {
  const issue = await acceptedIssue(hanami, official, { title: 'Outcomes: languages of what is written' });
  const held = await heldRoundTable(official, [issue.id]);
  const languageOf = async (client: typeof official) => (await client.get('/api/me')).json<{ user: { language: string } }>().user.language;
  // Given languages differ from the writer's, so a server that ignored them would be seen.
  const [officialLanguage, hanamiLanguage] = [await languageOf(official), await languageOf(hanami)];
  const otherThan = (lang: string) => (lang === 'en' ? 'ja' : 'en');
  const mins = `/api/round-tables/${held.id}/slots/${held.slotId}/minutes`;
  t.equal((await official.request('PUT', mins, { text: 'Minutes.', baseVersion: 0, language: 'en' })).statusCode, 200);
  t.equal((await official.post(`${mins}/circulate`, { commentsUntil: new Date(Date.now() + 86_400_000).toISOString() })).statusCode, 200);
  const comment = await hanami.post(`${mins}/comments`, { text: 'Please add the port.', language: otherThan(hanamiLanguage) });
  t.equal(comment.json().language, otherThan(hanamiLanguage), 'a comment in the language given');
  t.equal((await hanami.post(`${mins}/comments`, { text: 'Agreed.' })).json().language, hanamiLanguage, "else in the writer's");
  t.equal(await code(hanami.post(`${mins}/comments`, { text: 'x', language: 'fr' })), 'VALIDATION_FAILED', 'an unknown language is refused');
  t.equal((await official.post(`${mins}/finalize`)).statusCode, 200);
  const addenda = (await official.post(`${mins}/addenda`, { text: 'The port is Xingang.', language: otherThan(officialLanguage) })).json().addenda;
  t.same(
    addenda.map((a: { language: string }) => a.language),
    [otherThan(officialLanguage)],
    'an addendum too',
  );

  const decision = await official.post(`/api/round-tables/${held.id}/slots/${held.slotId}/decisions`, {
    text: 'Publish clearance times',
    kind: 'commitment',
    issueIds: [issue.id],
    language: 'en',
  });
  t.equal(decision.statusCode, 201, decision.body);
  const action = (
    await official.post(`/api/decisions/${decision.json().id}/actions`, { description: 'Publish weekly', ownerOrganizationId: wang.organizationId })
  ).json();
  const a = `/api/actions/${action.id}`;
  t.equal((await official.patch(a, { status: 'in_progress' })).statusCode, 200);
  const given = otherThan(officialLanguage);
  const progress = (await official.post(`${a}/progress`, { percent: 30, publicText: 'Two weeks.', language: given })).json().progress;
  t.equal(progress[0].language, given, 'a progress update in the language given');
  const defaulted = (await official.post(`${a}/progress`, { percent: 40, publicText: 'Three weeks.' })).json().progress;
  t.equal(defaulted[1].language, officialLanguage, "else in the writer's");
  const dropped = (await official.patch(a, { status: 'dropped', reason: 'Replaced by another measure.', language: given })).json();
  t.equal(dropped.droppedReasonLanguage, given, 'a dropped reason too');
  const chain = (await hanami.get(`/api/issues/${issue.id}/chain`)).json<{ steps: { kind: string; language?: string }[] }>();
  t.same(
    chain.steps.filter((s) => s.kind === 'progress').map((s) => s.language),
    [given, officialLanguage],
    'the chain marks progress steps with their language',
  );
});
