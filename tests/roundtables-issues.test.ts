// Issue slots on agendas, through the issues module's contract: only accepted, visible issues can be
// placed; placing schedules them, removing (or cancelling the round-table) puts them back; the agenda
// shows each issue as projected for its viewer.
import t from 'tap';
import { and, eq, sql } from 'drizzle-orm';
import { events, issues } from '../src/db/schema/index.js';
import { streamOf } from '../src/live/streams.js';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';
import { acceptedIssue, createIssue } from './helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const attendee = await signIn(app, 'attendee1');
const anonymous = stranger(app);

const stateOf = async (id: string) => (await database.db.select({ state: issues.state }).from(issues).where(eq(issues.id, id)))[0]?.state;

t.test('issue slots schedule accepted issues; refusals write nothing', async (t) => {
  const pub = await acceptedIssue(hanami, official);
  const anon = await acceptedIssue(sakura, official, { visibility: 'anonymous' });
  const submitted = await createIssue(hanami);
  const draftIssue = await createIssue(sakura, { submit: false });

  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Issues RT',
      start: '2028-05-01T09:00',
      end: '2028-05-01T12:00',
      capacity: 10,
      venueName: 'Issue hall',
    })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  const put = (version: number, issueIds: string[][]) =>
    official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
      version,
      items: [
        { kind: 'opening', titleEn: 'Opening', plannedMinutes: 10 },
        ...issueIds.map((ids, i) => ({ kind: 'issue', titleEn: `Issue slot ${i + 1}`, plannedMinutes: 30, issueIds: ids })),
      ],
    });

  let res = await put(0, [[pub.id], [submitted.id]]);
  t.equal(res.statusCode, 409);
  t.equal(res.json().code, 'ISSUE_NOT_ACCEPTED', 'a submitted issue cannot go on an agenda');
  t.equal(await stateOf(pub.id), 'accepted', 'nothing half-written: the other issue was not scheduled');
  res = await put(0, [[draftIssue.id]]);
  t.equal(res.statusCode, 404);
  t.equal(res.json().code, 'ISSUE_NOT_FOUND', 'a draft is not visible to officials');
  res = await put(0, [['00000000-0000-4000-8000-000000000000']]);
  t.equal(res.json().code, 'ISSUE_NOT_FOUND');
  res = await put(0, [[pub.id], [pub.id]]);
  t.equal(res.json().code, 'ISSUE_LINKED_TWICE');
  t.equal((await official.get(`/api/round-tables/${rt.id}/agenda/draft`)).json().version, 0);

  res = await put(0, [[pub.id, anon.id]]);
  t.equal(res.statusCode, 200, res.body);
  t.equal(await stateOf(pub.id), 'scheduled');
  t.equal(await stateOf(anon.id), 'scheduled');
  t.equal(res.json().issues.length, 2);
  t.equal(res.json().issues.find((i: { id: string }) => i.id === anon.id).companyName, 'Sakura Electronics China', 'officials know the author');

  await attendee.post(`/api/round-tables/${rt.id}/registration`);
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 })).statusCode, 201);
  const attendeeId = (await attendee.get('/api/me')).json().user.id;
  const told = await database.db
    .select()
    .from(events)
    .where(and(eq(events.stream, streamOf.userFeed(attendeeId)), eq(events.type, 'feed.item'), sql`${events.data}->>'type' = 'agenda.released'`));
  t.same(
    told
      .map((e) => (e.data as { data: { roundTableId: string; number: number } }).data)
      .filter((d) => d.roundTableId === rt.id)
      .map((d) => d.number),
    [1],
    'registrants are told of the release',
  );
  const sakuraOrg = (await sakura.get('/api/me')).json().user.organizationId;
  const inbox = await database.db
    .select()
    .from(events)
    .where(and(eq(events.stream, streamOf.companyInbox(sakuraOrg)), eq(events.type, 'agenda.released')));
  t.same(
    inbox.map((e) => (e.data as { issueIds: string[] }).issueIds),
    [[anon.id]],
    'the company hears of its own issue on the release',
  );
  for (const [who, client] of [
    ['attendee', attendee],
    ['stranger', anonymous],
  ] as const) {
    const agenda = (await client.get(`/api/round-tables/${rt.id}/agenda`)).json();
    const shown = new Map(agenda.issues.map((i: { id: string; companyName: string | null }) => [i.id, i.companyName]));
    t.equal(shown.get(pub.id), 'Hanami Motors (Tianjin) Co., Ltd.', `${who}: a public issue names its company`);
    t.equal(shown.get(anon.id), null, `${who}: an anonymous issue does not`);
    t.notMatch(JSON.stringify(agenda), /Sakura/, `${who}: the anonymous author appears nowhere`);
  }

  res = await put(1, [[pub.id]]);
  t.equal(res.statusCode, 200);
  t.equal(await stateOf(anon.id), 'accepted', 'taken off the agenda: back to accepted');
  t.equal(await stateOf(pub.id), 'scheduled');

  await official.post(`/api/round-tables/${rt.id}/cancel`, { reason: 'Postponed' });
  t.equal(await stateOf(pub.id), 'accepted', 'a cancelled round-table releases its issues');
});

t.test('where an issue is on the programme: told to others once a released agenda lists it', async (t) => {
  const pub = await acceptedIssue(hanami, official);
  const secret = await acceptedIssue(hanami, official, { visibility: 'confidential' });
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Placement RT',
      start: '2028-06-01T09:00',
      end: '2028-06-01T12:00',
      capacity: 10,
      venueName: 'Placement hall',
    })
  ).json();
  const placement = async (client: typeof official, id: string) => {
    const res = await client.get(`/api/issues/${id}/round-table`);
    return res.statusCode === 200 ? res.json<{ roundTableId: string | null }>().roundTableId : res.json<{ code: string }>().code;
  };
  t.equal(await placement(anonymous, pub.id), null, 'accepted, not on any agenda: nothing to tell');
  const draft = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'issue', titleEn: 'Both issues', plannedMinutes: 30, issueIds: [pub.id, secret.id] }],
  });
  t.equal(draft.statusCode, 200, draft.body);
  t.equal(await placement(official, pub.id), rt.id, 'staff know it from the draft of a draft round-table');
  t.equal(await placement(sakura, pub.id), null, 'another company: not while only a draft lists it');
  await official.post(`/api/round-tables/${rt.id}/publish`);
  t.equal(await placement(anonymous, pub.id), null, 'a published round-table whose draft alone lists it: still not');
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 })).statusCode, 201);
  t.equal(await placement(anonymous, pub.id), rt.id, 'released: a visitor is told');
  t.equal(await placement(attendee, pub.id), rt.id, 'and an attendee');
  t.equal(await placement(sakura, secret.id), 'ISSUE_NOT_FOUND', 'a confidential issue stays unseen by another company');
  t.equal(await placement(hanami, secret.id), rt.id, 'its company knows');
  t.equal(await placement(anonymous, '00000000-0000-4000-8000-000000000000'), 'ISSUE_NOT_FOUND');
});
