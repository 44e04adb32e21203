// Object routes called with REAL objects that belong to someone else (not random ids): a company's draft and
// confidential issues, another government body's draft round-table, another user's session, an action item
// another organization owns. Each case first shows the owner's own call succeeds, so a refusal is about the
// caller and not about a missing object.
import t, { type Test } from 'tap';
import { signIn, stranger, testApp, testDatabase, type Client } from '../helpers/app.js';
import { createIssue } from '../helpers/issues.js';
import { officialOfAnotherBody } from '../helpers/other-body.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const [hanami, sakura, official, attendee, organizer] = (await Promise.all(
  ['hanami', 'sakura', 'official1', 'attendee1', 'organizer'].map((k) => signIn(app, k)),
)) as [Client, Client, Client, Client, Client];
const anonymous = stranger(app);

type Call = [method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown];

/** Each other caller gets exactly the expected refusal, in the error shape; then the owner's own call succeeds
 * (after the others, so a refused write is shown to change nothing the owner relies on). */
async function refused(t: Test, owner: Client, call: Call, others: [Client, string, number][]) {
  for (const [client, who, status] of others) {
    const res = await client.request(...call);
    t.equal(res.statusCode, status, `${who}: ${res.body.slice(0, 120)}`);
    t.match(res.json(), { statusCode: status, code: String }, `${who}: the error shape`);
    t.notMatch(res.body, /Secret|Binhai Hall/, `${who}: nothing of the object leaks`);
  }
  const mine = await owner.request(...call);
  t.ok(mine.statusCode >= 200 && mine.statusCode < 300, `the owner may: ${mine.statusCode} ${mine.body.slice(0, 120)}`);
}

const draft = await createIssue(hanami, { submit: false, title: 'Secret draft about a supplier dispute' });
const confidential = await createIssue(hanami, { visibility: 'confidential', title: 'Secret confidential tax ruling issue' });

t.test("a company's draft issue: nobody else may read, edit, submit or discuss it", async (t) => {
  const others = (status: number): [Client, string, number][] => [
    [sakura, 'another company', status],
    [official, 'an official', status],
    [attendee, 'an attendee', status],
  ];
  await refused(t, hanami, ['GET', `/api/issues/${draft.id}`], [...others(404), [anonymous, 'a visitor', 404]]);
  await refused(t, hanami, ['PATCH', `/api/issues/${draft.id}`, { title: 'Secret draft, renamed by its author' }], [[sakura, 'another company', 404]]);
  await refused(t, hanami, ['GET', `/api/issues/${draft.id}/messages`], others(404));
});

t.test('a confidential issue: other companies and attendees cannot see, support or message it; officials can', async (t) => {
  await refused(
    t,
    official,
    ['GET', `/api/issues/${confidential.id}`],
    [
      [sakura, 'another company', 404],
      [attendee, 'an attendee', 404],
      [anonymous, 'a visitor', 404],
    ],
  );
  await refused(t, hanami, ['GET', `/api/issues/${confidential.id}/messages`], [[sakura, 'another company', 404]]);
  await refused(
    t,
    official,
    ['POST', `/api/issues/${confidential.id}/messages`, { body: 'Could you share the ruling number?' }],
    [
      [sakura, 'another company', 404],
      [attendee, 'an attendee', 404],
    ],
  );
  const support = await sakura.post(`/api/issues/${confidential.id}/support`, {});
  t.equal(support.statusCode, 404, 'another company cannot support what it cannot see');
  const answer = await sakura.request('PUT', `/api/issues/${confidential.id}/answer`, { text: 'a', department: 'b', timeFrame: 'c' });
  t.equal(answer.statusCode, 403, 'a company never answers');
});

t.test("another government body's draft round-table: invisible to this body's officials", async (t) => {
  const chen = await officialOfAnotherBody(app, database);
  const created = await chen.post('/api/round-tables', {
    titleEn: 'Secret merger talks',
    start: '2029-04-01T09:00',
    end: '2029-04-01T12:00',
    capacity: 10,
    venueName: 'Binhai Hall',
    venueRoom: 'A',
  });
  t.equal(created.statusCode, 201, created.body);
  const id = created.json<{ id: string }>().id;
  const outsiders: [Client, string, number][] = [
    [official, "another body's official", 404],
    [hanami, 'a company', 404],
    [attendee, 'an attendee', 404],
    [anonymous, 'a visitor', 404],
  ];
  await refused(t, chen, ['GET', `/api/round-tables/${id}`], outsiders);
  await refused(t, chen, ['GET', `/api/round-tables/${id}/agenda/draft`], [[official, "another body's official", 404]]);
  await refused(t, chen, ['GET', `/api/round-tables/${id}/registrations`], [[official, "another body's official", 404]]);
  await refused(t, chen, ['PATCH', `/api/round-tables/${id}`, { capacity: 12 }], [[official, "another body's official", 404]]);
  // Last: it changes the round-table's state.
  await refused(t, chen, ['POST', `/api/round-tables/${id}/publish`], [[official, "another body's official", 404]]);
});

t.test("another user's session cannot be revoked", async (t) => {
  const sessions = (await hanami.get('/api/auth/sessions')).json<{ id: string; current: boolean }[]>();
  const current = sessions.find((s) => s.current)!;
  for (const [client, who] of [
    [sakura, 'another company'],
    [organizer, 'the organizer'],
  ] as const) {
    const res = await client.request('DELETE', `/api/auth/sessions/${current.id}`);
    t.equal(res.statusCode, 404, `${who} cannot revoke it`);
  }
  t.equal((await hanami.get('/api/me')).statusCode, 200, 'the session still works');
});

t.test('an action item is updated only by its owner organization or the round-table staff', async (t) => {
  // The demo actions are owned by the Tianjin Commission of Commerce (the official's organization).
  const mine = (await official.get('/api/actions/mine')).json<{ id: string; status: string }[]>();
  const action = mine.find((a) => a.status === 'open' || a.status === 'in_progress');
  if (!action) throw new Error('the demo data has an open action owned by the Tianjin Commission of Commerce');
  await refused(
    t,
    official,
    ['POST', `/api/actions/${action.id}/progress`, { percent: 20, publicText: 'Forms drafted' }],
    [
      [sakura, 'a company', 403],
      [attendee, 'an attendee', 403],
    ],
  );
});
