// Round-tables must not reveal more than their viewer may see: a draft agenda (and a draft
// round-table) stays with its staff until a release is published, a conflict refusal names only
// round-tables the official may see, and a confidential issue on a published agenda is seen only
// by officials and its author company.
import t from 'tap';
import { and, eq, like } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import { streamOf } from '../../src/live/streams.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue } from '../helpers/issues.js';
import { officialOfAnotherBody } from '../helpers/other-body.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const attendee = await signIn(app, 'attendee1');
const anonymous = stranger(app);

t.test('a draft agenda does not tell the public which round-table an issue is on', async (t) => {
  const issue = await acceptedIssue(hanami, official);
  t.equal((await sakura.post(`/api/issues/${issue.id}/support`, { comment: 'Same for us' })).statusCode, 200);
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Secret planning RT',
      start: '2029-03-01T09:00',
      end: '2029-03-01T12:00',
      capacity: 10,
      venueName: 'Planning room',
    })
  ).json();
  const put = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'issue', titleEn: 'Customs', plannedMinutes: 30, issueIds: [issue.id] }],
  });
  t.equal(put.statusCode, 200, put.body);

  for (const [who, client] of [
    ['stranger', anonymous],
    ['attendee', attendee],
    ['supporter', sakura],
  ] as const) {
    const res = await client.get(`/api/issues/${issue.id}`);
    t.equal(res.statusCode, 200);
    t.equal(res.json().roundTableId, null, `${who}: no round-table id before a release`);
    t.notMatch(res.body, rt.id, `${who}: the draft round-table appears nowhere`);
  }
  const sakuraMe = (await sakura.get('/api/me')).json();
  t.notMatch(JSON.stringify((await sakura.get('/api/feed')).json()), rt.id, "the supporter's feed does not name the draft round-table");
  for (const stream of [streamOf.public(), streamOf.userFeed(sakuraMe.user.id)]) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.stream, stream), like(events.type, '%')));
    t.notMatch(JSON.stringify(rows.map((r) => r.data)), rt.id, `${stream}: no event names the draft round-table`);
  }
  t.equal((await hanami.get(`/api/issues/${issue.id}`)).json().roundTableId, rt.id, 'the author company knows');
  t.equal((await official.get(`/api/issues/${issue.id}`)).json().roundTableId, rt.id, 'officials know');
});

t.test('a conflict names only a round-table the official may see', async (t) => {
  const other = await officialOfAnotherBody(app, database);
  const hidden = await other.post('/api/round-tables', {
    titleEn: 'Unannounced merger talks',
    start: '2029-04-01T09:00',
    end: '2029-04-01T12:00',
    capacity: 10,
    venueName: 'Binhai Hall',
    venueRoom: 'A',
  });
  t.equal(hidden.statusCode, 201, hidden.body);
  const hiddenId = hidden.json().id;

  const clash = await official.post('/api/round-tables', {
    titleEn: 'Our RT',
    start: '2029-04-01T10:00',
    end: '2029-04-01T11:00',
    capacity: 10,
    venueName: 'Binhai Hall',
    venueRoom: 'A',
  });
  t.equal(clash.statusCode, 409);
  t.equal(clash.json().code, 'VENUE_CONFLICT', 'still refused');
  t.notMatch(clash.body, /Unannounced merger talks/, "another organization's draft is not named");
  t.notMatch(clash.body, hiddenId);

  const own = await other.post('/api/round-tables', {
    titleEn: 'Second',
    start: '2029-04-01T10:00',
    end: '2029-04-01T11:00',
    capacity: 10,
    venueName: 'Binhai Hall',
    venueRoom: 'A',
  });
  t.equal(own.json().code, 'VENUE_CONFLICT');
  t.match(own.body, /Unannounced merger talks/, 'its own staff still learn which one');
});

t.test('a confidential issue on a published agenda is seen only by officials and its author company', async (t) => {
  const confidential = await acceptedIssue(hanami, official, { visibility: 'confidential', title: 'Zqx confidential licensing dispute' });
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Published RT',
      start: '2029-05-01T09:00',
      end: '2029-05-01T12:00',
      capacity: 10,
      venueName: 'Release hall',
    })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  const put = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'issue', titleEn: 'Licensing', plannedMinutes: 30, issueIds: [confidential.id] }],
  });
  t.equal(put.statusCode, 200, put.body);
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 })).statusCode, 201);

  for (const [who, client] of [
    ['stranger', anonymous],
    ['attendee', attendee],
    ['other company', sakura],
  ] as const) {
    const res = await client.get(`/api/round-tables/${rt.id}/agenda`);
    t.equal(res.statusCode, 200);
    t.notMatch(res.body, confidential.id, `${who}: the confidential issue appears nowhere`);
    t.equal(res.json().items.length, 1, `${who}: the slot itself is still shown`);
  }
  for (const [who, client] of [
    ['author', hanami],
    ['official', official],
  ] as const) {
    const agenda = (await client.get(`/api/round-tables/${rt.id}/agenda`)).json();
    t.same(agenda.items[0].issueIds, [confidential.id], `${who}: sees the issue on the slot`);
    t.equal(agenda.issues[0].title, 'Zqx confidential licensing dispute', `${who}: and its title`);
  }
});

t.test("the end of a live session does not tell the round-table's audience about confidential issues", async (t) => {
  const confidential = await acceptedIssue(hanami, official, { visibility: 'confidential', title: 'Zqx confidential live item' });
  const open = await acceptedIssue(sakura, official);
  const rt = (
    await official.post('/api/round-tables', { titleEn: 'Live RT', start: '2029-06-01T09:00', end: '2029-06-01T12:00', capacity: 10, venueName: 'Live hall' })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  const items = [{ kind: 'issue', titleEn: 'Both', plannedMinutes: 30, issueIds: [confidential.id, open.id] }];
  t.equal((await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 0, items })).statusCode, 200);
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 })).statusCode, 201);
  t.equal((await official.post(`/api/round-tables/${rt.id}/live/start`)).statusCode, 200);
  const ended = await official.post(`/api/round-tables/${rt.id}/live/end`);
  t.equal(ended.statusCode, 200, ended.body);

  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, streamOf.roundTable(rt.id)), eq(events.type, 'live.ended')));
  t.equal(rows.length, 1);
  const data = rows[0]!.data as { discussedIssueIds: string[] };
  t.same(data.discussedIssueIds, [open.id], 'only issues everyone may see are named to the audience');
  t.equal((await hanami.get(`/api/issues/${confidential.id}`)).json().state, 'discussed', 'the confidential issue was still discussed');
});
