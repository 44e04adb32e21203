// One way to start and end a round-table: the round-table's own /start and /conclude are the live
// session's commands, so every path sets the first slot and moves the reached issues to discussed.
import t from 'tap';
import { signIn, testApp, testDatabase, type Client } from './helpers/app.js';
import { acceptedIssue } from './helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');

let day = 10;
/** A published round-table whose released agenda has one slot with a fresh accepted issue. */
async function roundTableWithIssue(by: Client) {
  const issue = await acceptedIssue(hanami, by);
  day += 1;
  const rt = (
    await by.post('/api/round-tables', {
      titleEn: `End test ${day}`,
      start: `2028-06-${day}T09:00`,
      end: `2028-06-${day}T12:00`,
      capacity: 10,
      venueName: `End hall ${day}`,
    })
  ).json();
  t.equal((await by.post(`/api/round-tables/${rt.id}/publish`)).statusCode, 200);
  const draft = await by.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'issue', titleEn: 'Customs', plannedMinutes: 30, issueIds: [issue.id] }],
  });
  t.equal(draft.statusCode, 200, draft.body);
  t.equal((await by.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: draft.json().version })).statusCode, 201);
  return { rt, issue };
}

const issueState = async (id: string) => (await hanami.get(`/api/issues/${id}`)).json().state as string;

for (const [startPath, endPath] of [
  ['start', 'conclude'],
  ['live/start', 'live/end'],
  ['start', 'live/end'],
  ['live/start', 'conclude'],
] as const) {
  t.test(`POST .../${startPath} then .../${endPath}: concluded, the reached issue discussed`, async (t) => {
    const { rt, issue } = await roundTableWithIssue(official);
    const started = await official.post(`/api/round-tables/${rt.id}/${startPath}`);
    t.equal(started.statusCode, 200, started.body);
    t.equal(started.json().status, 'live');
    t.ok(started.json().currentItemId, 'the first slot is current: the session started');
    const ended = await official.post(`/api/round-tables/${rt.id}/${endPath}`);
    t.equal(ended.statusCode, 200, ended.body);
    t.equal(ended.json().status, 'concluded');
    t.equal(await issueState(issue.id), 'discussed', 'the issue did not stay scheduled');
    t.equal((await official.post(`/api/round-tables/${rt.id}/${endPath}`)).json().code, 'SESSION_NOT_LIVE', 'ended once only');
  });
}

t.test('actions closed while the session is live: the end resolves the issue (through discussed and action_pending)', async (t) => {
  const { rt, issue } = await roundTableWithIssue(official);
  const started = (await official.post(`/api/round-tables/${rt.id}/live/start`)).json<{ currentItemId: string }>();
  const me = (await official.get('/api/me')).json<{ organization: { id: string } }>();
  const decision = await official.post(`/api/round-tables/${rt.id}/slots/${started.currentItemId}/decisions`, {
    text: 'Publish clearance times weekly',
    kind: 'commitment',
    issueIds: [issue.id],
    language: 'en',
  });
  t.equal(decision.statusCode, 201, decision.body);
  const action = await official.post(`/api/decisions/${decision.json().id}/actions`, {
    description: 'Weekly publication',
    ownerOrganizationId: me.organization.id,
  });
  t.equal(action.statusCode, 201, action.body);
  t.equal(await issueState(issue.id), 'scheduled', 'still on the live agenda');
  t.equal((await official.patch(`/api/actions/${action.json().id}`, { status: 'in_progress' })).statusCode, 200);
  t.equal((await official.patch(`/api/actions/${action.json().id}`, { status: 'done' })).statusCode, 200);
  t.equal(await issueState(issue.id), 'scheduled', 'nothing to resolve before the session ends');
  t.equal((await official.post(`/api/round-tables/${rt.id}/live/end`)).statusCode, 200);
  t.equal(await issueState(issue.id), 'resolved', 'the end settles it: every action was already done');
  const history = (await hanami.get(`/api/issues/${issue.id}`)).json().history as { toState: string | null }[];
  t.same(
    history
      .map((h) => h.toState)
      .filter(Boolean)
      .slice(-3),
    ['discussed', 'action_pending', 'resolved'],
    'through the state machine',
  );
});
