// Round-tables through the real API: zones and daylight saving, conflicts, access, registration with
// waitlist and approval, the agenda builder (fit, internal notes), releases and their changelogs.
import t from 'tap';
import { and, eq, sql } from 'drizzle-orm';
import { events } from '../src/db/schema/index.js';
import { streamOf } from '../src/live/streams.js';
import { hashPassword } from '../src/lib/passwords.js';
import { insertUser } from '../src/modules/users/users.repo.js';
import { DEMO_PASSWORD } from '../src/db/seed/identity.js';
import { signIn, stranger, testApp, testDatabase, type Client } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const official2 = await signIn(app, 'official2');
const attendee1 = await signIn(app, 'attendee1');
const attendee2 = await signIn(app, 'attendee2');
const attendee3 = await signIn(app, 'attendee3');
const hanami = await signIn(app, 'hanami');
const anonymous = stranger(app);

let day = 0;
/** A fresh date per round-table so tests do not collide with each other (or the demo data). */
const nextDay = () => `2027-0${1 + Math.floor(day / 28)}-${String((day++ % 28) + 1).padStart(2, '0')}`;

async function create(client: Client, body: Record<string, unknown>) {
  const date = nextDay();
  const res = await client.post('/api/round-tables', {
    titleEn: 'Test round-table',
    start: `${date}T14:00`,
    end: `${date}T17:00`,
    capacity: 10,
    venueName: `Hall ${date}`,
    ...body,
  });
  return res;
}
async function created(client: Client, body: Record<string, unknown> = {}) {
  const res = await create(client, body);
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json<{ id: string; startsAt: string; endsAt: string; localStart: string; timeZone: string; durationMinutes: number; sequence: number }>();
}
async function published(body: Record<string, unknown> = {}) {
  const rt = await created(official, body);
  const res = await official.post(`/api/round-tables/${rt.id}/publish`);
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.body}`);
  return rt;
}

t.test('times: local wall-clock in the venue zone, API gives instants plus the zone', async (t) => {
  const shanghai = await created(official, { start: '2027-06-01T14:00', end: '2027-06-01T16:00', venueName: 'Zone hall A' });
  t.equal(shanghai.timeZone, 'Asia/Shanghai', 'default zone');
  t.equal(shanghai.startsAt, '2027-06-01T06:00:00.000Z', '14:00 CST is 06:00 UTC');
  t.equal(shanghai.localStart, '2027-06-01T14:00+08:00', 'localStart carries its offset');
  const tokyo = await created(official2, { start: '2027-06-01T14:00', end: '2027-06-01T16:00', timeZone: 'Asia/Tokyo', venueName: 'Zone hall B' });
  t.equal(tokyo.startsAt, '2027-06-01T05:00:00.000Z', '14:00 JST is 05:00 UTC, an hour before 14:00 in Shanghai');
  t.equal(Date.parse(shanghai.startsAt) - Date.parse(tokyo.startsAt), 3_600_000);

  // The venue's city in three languages (time labels name it); blank means none.
  const tianjin = await created(official, {
    start: '2027-06-02T14:00',
    end: '2027-06-02T16:00',
    venueName: 'Zone hall C',
    venueCityEn: 'Tianjin',
    venueCityJa: '天津',
    venueCityZh: ' ',
  });
  const body = (await official.get(`/api/round-tables/${tianjin.id}`)).json<Record<string, unknown>>();
  t.same([body.venueCityEn, body.venueCityJa, body.venueCityZh], ['Tianjin', '天津', null]);
  const patched = await official.patch(`/api/round-tables/${tianjin.id}`, { venueCityZh: '天津' });
  t.equal(patched.json().venueCityZh, '天津');
});

t.test('daylight saving: nonexistent and repeated local times are refused, durations are real time', async (t) => {
  const ny = { timeZone: 'America/New_York', venueName: 'NY office' };
  let res = await create(official, { ...ny, start: '2027-03-14T02:30', end: '2027-03-14T04:00' });
  t.equal(res.statusCode, 400);
  t.equal(res.json().code, 'LOCAL_TIME_NONEXISTENT', '02:30 is skipped on 14 March 2027 in New York');
  res = await create(official, { ...ny, start: '2027-11-07T01:30', end: '2027-11-07T03:00' });
  t.equal(res.json().code, 'LOCAL_TIME_AMBIGUOUS', '01:30 happens twice on 7 November 2027');
  const spring = await created(official, { ...ny, start: '2027-03-14T00:00', end: '2027-03-14T04:00', venueName: 'NY spring' });
  t.equal(spring.durationMinutes, 180, 'midnight to 4am across the spring change is 3 real hours');
  t.equal(spring.startsAt, '2027-03-14T05:00:00.000Z', 'EST before the change');
  const fall = await created(official2, { ...ny, start: '2027-11-07T00:00', end: '2027-11-07T04:00', venueName: 'NY fall' });
  t.equal(fall.durationMinutes, 300, 'midnight to 4am across the autumn change is 5 real hours');
  t.equal(fall.endsAt, '2027-11-07T09:00:00.000Z', 'EST after the change');
  const full = (await official.get(`/api/round-tables/${fall.id}`)).json<{ localStart: string; localEnd: string }>();
  t.same([full.localStart, full.localEnd], ['2027-11-07T00:00-04:00', '2027-11-07T04:00-05:00'], 'each local time with its own offset');
});

t.test('bad input gets stable 4xx codes and writes nothing', async (t) => {
  const cases: [Record<string, unknown>, number, string][] = [
    [{ timeZone: 'Mars/Olympus' }, 400, 'INVALID_TIME_ZONE'],
    [{ timeZone: '+08:00' }, 400, 'INVALID_TIME_ZONE'],
    [{ start: '2027-05-01T15:00', end: '2027-05-01T14:00' }, 400, 'END_BEFORE_START'],
    [{ start: '2027-05-01T15:00', end: '2027-05-01T15:00' }, 400, 'END_BEFORE_START'],
    [{ start: '2027-02-30T15:00', end: '2027-03-01T14:00' }, 400, 'INVALID_LOCAL_TIME'],
    [{ start: 'tomorrow', end: '2027-05-01T14:00' }, 400, 'VALIDATION_FAILED'],
    [{ venueName: null }, 400, 'LOCATION_REQUIRED'],
    [{ titleEn: '' }, 400, 'TITLE_REQUIRED'],
    [{ onlineUrl: 'javascript:alert(1)' }, 400, 'INVALID_ONLINE_URL'],
    [{ chairId: '00000000-0000-4000-8000-000000000000' }, 400, 'CHAIR_NOT_FOUND'],
  ];
  const before = (await anonymous.get('/api/round-tables').then((r) => r.json())).length;
  const staffBefore = (await official.get('/api/round-tables').then((r) => r.json())).length;
  for (const [body, status, code] of cases) {
    const res = await create(official, body);
    t.equal(res.statusCode, status, `${JSON.stringify(body)} -> ${status}`);
    t.equal(res.json().code, code);
  }
  t.equal((await anonymous.get('/api/round-tables').then((r) => r.json())).length, before);
  t.equal((await official.get('/api/round-tables').then((r) => r.json())).length, staffBefore, 'nothing half-written');
});

t.test('conflicts: same room or same chair at overlapping times, naming the other round-table', async (t) => {
  const first = await created(official, {
    titleEn: 'Room holder',
    start: '2027-07-01T09:00',
    end: '2027-07-01T12:00',
    venueName: 'Tianjin Guest House',
    venueRoom: 'Hall 3',
  });
  let res = await official2.post('/api/round-tables', {
    titleEn: 'Second',
    start: '2027-07-01T11:30',
    end: '2027-07-01T13:00',
    capacity: 5,
    venueName: ' tianjin guest house ',
    venueRoom: 'hall 3',
  });
  t.equal(res.statusCode, 409);
  t.equal(res.json().code, 'VENUE_CONFLICT');
  t.match(res.json().message, /Room holder/);
  t.equal(res.json().details.conflictingRoundTableId, first.id);
  res = await official2.post('/api/round-tables', {
    titleEn: 'Other room',
    start: '2027-07-01T11:30',
    end: '2027-07-01T13:00',
    capacity: 5,
    venueName: 'Tianjin Guest House',
    venueRoom: 'Hall 4',
  });
  t.equal(res.statusCode, 201, 'another room is fine');
  res = await official2.post('/api/round-tables', {
    titleEn: 'Back to back',
    start: '2027-07-01T12:00',
    end: '2027-07-01T13:00',
    capacity: 5,
    venueName: 'Tianjin Guest House',
    venueRoom: 'Hall 3',
    chairId: (await official2.get('/api/me').then((r) => r.json())).user.id,
  });
  t.equal(res.statusCode, 409, 'the chair of "Other room" is busy then');
  t.equal(res.json().code, 'CHAIR_CONFLICT');
  t.match(res.json().message, /Other room/);
  // Same chair, online, in Tokyo: 10:30 JST is 09:30 CST, inside "Room holder".
  res = await official.post('/api/round-tables', {
    titleEn: 'Online',
    timeZone: 'Asia/Tokyo',
    start: '2027-07-01T10:30',
    end: '2027-07-01T11:00',
    capacity: 5,
    onlineUrl: 'https://meet.example/x',
  });
  t.equal(res.json().code, 'CHAIR_CONFLICT', 'overlap is computed on instants, across zones');
  res = await official.post('/api/round-tables', {
    titleEn: 'Online later',
    timeZone: 'Asia/Tokyo',
    start: '2027-07-01T13:00',
    end: '2027-07-01T14:00',
    capacity: 5,
    onlineUrl: 'https://meet.example/x',
  });
  t.equal(res.statusCode, 201, '13:00 JST is 12:00 CST, right when "Room holder" ends');
  // Cancelled round-tables free the room.
  await official.post(`/api/round-tables/${first.id}/cancel`, { reason: 'Moved' });
  res = await official2.post('/api/round-tables', {
    titleEn: 'Takes the room',
    start: '2027-07-01T08:00',
    end: '2027-07-01T10:00',
    capacity: 5,
    venueName: 'Tianjin Guest House',
    venueRoom: 'Hall 3',
    chairId: (await official.get('/api/me').then((r) => r.json())).user.id,
  });
  t.equal(res.statusCode, 201);
});

t.test('access: who may create, see drafts and run a round-table', async (t) => {
  t.equal((await create(attendee1, {})).statusCode, 403);
  t.equal((await create(hanami, {})).statusCode, 403);
  t.equal((await create(anonymous, {})).statusCode, 401);
  const draft = await created(official);
  t.equal((await attendee1.get(`/api/round-tables/${draft.id}`)).statusCode, 404, 'drafts are invisible to attendees');
  t.equal((await anonymous.get(`/api/round-tables/${draft.id}`)).statusCode, 404);
  t.equal((await official2.get(`/api/round-tables/${draft.id}`)).statusCode, 200, 'officials of the host see drafts');
  t.equal((await attendee1.post(`/api/round-tables/${draft.id}/registration`)).statusCode, 404);
  t.equal((await official2.post(`/api/round-tables/${draft.id}/publish`)).statusCode, 200, 'officials of the host run it');
  t.equal((await anonymous.get(`/api/round-tables/${draft.id}`)).statusCode, 200, 'published to the public');
  t.equal((await attendee1.get(`/api/round-tables/${draft.id}/agenda/draft`)).statusCode, 403);
  t.equal((await attendee1.get(`/api/round-tables/${draft.id}/registrations.csv`)).statusCode, 403);
  t.equal((await attendee1.post(`/api/round-tables/${draft.id}/cancel`, { reason: 'x' })).statusCode, 403);
  const registeredOnly = await published({ audience: 'registered' });
  t.equal((await anonymous.get(`/api/round-tables/${registeredOnly.id}`)).statusCode, 404, 'audience "registered": signed-in users only');
  t.equal((await attendee1.get(`/api/round-tables/${registeredOnly.id}`)).statusCode, 200);
  t.equal((await anonymous.get(`/api/round-tables/${registeredOnly.id}/calendar.ics`)).statusCode, 404);
});

t.test('status machine', async (t) => {
  const rt = await created(official);
  t.equal((await official.post(`/api/round-tables/${rt.id}/start`)).json().code, 'TRANSITION_NOT_ALLOWED', 'a draft cannot go live');
  await official.post(`/api/round-tables/${rt.id}/publish`);
  t.equal((await official.post(`/api/round-tables/${rt.id}/publish`)).json().code, 'TRANSITION_NOT_ALLOWED');
  t.equal((await official.post(`/api/round-tables/${rt.id}/start`)).json().status, 'live');
  t.equal((await official.post(`/api/round-tables/${rt.id}/cancel`, { reason: 'x' })).statusCode, 409, 'live cannot be cancelled');
  t.equal((await official.post(`/api/round-tables/${rt.id}/conclude`)).json().status, 'concluded');
  const other = await published();
  const cancelled = await official.post(`/api/round-tables/${other.id}/cancel`, { reason: 'Typhoon warning' });
  t.equal(cancelled.json().status, 'cancelled');
  t.equal(cancelled.json().cancelReason, 'Typhoon warning');
  t.equal(cancelled.json().sequence, 1);
  t.equal((await attendee1.post(`/api/round-tables/${other.id}/registration`)).json().code, 'REGISTRATION_CLOSED');
});

t.test('registration: capacity, waitlist in order, cancellation promotes, per-company limit, approval', async (t) => {
  const rt = await published({ capacity: 1 });
  const r1 = await attendee1.post(`/api/round-tables/${rt.id}/registration`);
  t.equal(r1.statusCode, 201);
  t.equal(r1.json().status, 'confirmed');
  t.equal((await attendee1.post(`/api/round-tables/${rt.id}/registration`)).json().code, 'ALREADY_REGISTERED');
  const full = await attendee2.post(`/api/round-tables/${rt.id}/registration`, { waitlist: false });
  t.equal(full.statusCode, 409);
  t.equal(full.json().code, 'ROUND_TABLE_FULL', 'past capacity without the waitlist');
  t.equal((await attendee2.post(`/api/round-tables/${rt.id}/registration`)).json().status, 'waitlisted');
  t.equal((await attendee3.post(`/api/round-tables/${rt.id}/registration`)).json().status, 'waitlisted');
  t.equal((await official.post(`/api/round-tables/${rt.id}/registration`)).json().code, 'REGISTRATION_ROLE');

  t.equal((await attendee1.delete(`/api/round-tables/${rt.id}/registration`)).statusCode, 200);
  const view = (c: Client) => c.get(`/api/round-tables/${rt.id}`).then((r) => r.json());
  t.equal((await view(attendee2)).myRegistration.status, 'confirmed', 'the first on the waitlist moves up');
  t.equal((await view(attendee3)).myRegistration.status, 'waitlisted', 'the second still waits');
  t.equal((await view(attendee1)).myRegistration, null);
  const promoted = await database.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.stream, streamOf.userFeed((await attendee2.get('/api/me').then((r) => r.json())).user.id)),
        eq(events.type, 'feed.item'),
        sql`${events.data}->>'type' = 'registration.status'`,
      ),
    );
  t.ok(
    promoted.some((e) => (e.data as { data: { promoted?: boolean } }).data.promoted),
    'the promoted attendee is notified',
  );

  // Capacity raised: the waitlist moves up at once.
  await official.patch(`/api/round-tables/${rt.id}`, { capacity: 2 });
  t.equal((await view(attendee3)).myRegistration.status, 'confirmed');

  // Per-company limit: a second Hanami colleague, limit 1.
  const limited = await published({ seatsPerCompany: 1 });
  const me = (await hanami.get('/api/me').then((r) => r.json())).user;
  await insertUser(database.db, {
    email: 'colleague@hanami-motors.example',
    displayName: 'Colleague',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'company_rep',
    organizationId: me.organizationId,
    language: 'en',
    timeZone: 'Asia/Shanghai',
  });
  const colleague = await signIn(app, 'colleague@hanami-motors.example');
  t.equal((await hanami.post(`/api/round-tables/${limited.id}/registration`)).json().status, 'confirmed');
  const second = await colleague.post(`/api/round-tables/${limited.id}/registration`);
  t.equal(second.statusCode, 409);
  t.equal(second.json().code, 'COMPANY_SEAT_LIMIT');

  // Approval: pending holds a seat until an official decides; a rejection frees it for the waitlist.
  const approval = await published({ capacity: 1, requiresApproval: true });
  const pending = (await attendee1.post(`/api/round-tables/${approval.id}/registration`)).json();
  t.equal(pending.status, 'pending');
  t.equal((await attendee2.post(`/api/round-tables/${approval.id}/registration`)).json().status, 'waitlisted');
  t.equal((await attendee1.post(`/api/round-tables/${approval.id}/registrations/${pending.id}/approve`)).statusCode, 403);
  t.equal((await official.post(`/api/round-tables/${approval.id}/registrations/${pending.id}/reject`)).json().status, 'rejected');
  const list = (await official.get(`/api/round-tables/${approval.id}/registrations`)).json<{ displayName: string; status: string; id: string }[]>();
  t.same(
    list.map((r) => [r.displayName, r.status]),
    [
      ['Liu Yang', 'rejected'],
      ['Mai Nakamura', 'pending'],
    ],
    'promoted into approval',
  );
  t.equal((await official.post(`/api/round-tables/${approval.id}/registrations/${list[1]!.id}/approve`)).json().status, 'confirmed');

  // A display name that a spreadsheet would run as a formula is defused in the export.
  await attendee1.patch('/api/me', { displayName: '=HYPERLINK("http://evil.example","x")' });
  await attendee1.post(`/api/round-tables/${limited.id}/registration`);
  const risky = (await official.get(`/api/round-tables/${limited.id}/registrations.csv`)).body;
  t.match(risky, `"'=HYPERLINK(""http://evil.example"",""x"")"`);
  await attendee1.patch('/api/me', { displayName: 'Liu Yang' });

  const csv = await official.get(`/api/round-tables/${rt.id}/registrations.csv?lang=en`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  const rows = (body: string) =>
    body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
  const lines = rows(csv.body);
  t.equal(lines[0], '"Name","E-mail","Organization","Status","Registered at (UTC)"');
  t.match(lines[1], /^"Liu Yang","liu.yang@example.org","","Cancelled",/);
  t.match(lines[2], /^"Mai Nakamura",.*"Registered"/);
  t.equal(lines.length, 4);
  // Headers and labels follow Accept-Language (then the official's own language, Chinese here).
  const ja = rows(
    (await official.request('GET', `/api/round-tables/${rt.id}/registrations.csv`, undefined, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.5' })).body,
  );
  t.equal(ja[0], '"氏名","メールアドレス","所属組織","状態","登録日時（UTC）"');
  t.match(ja[1], /"取消済み"/);
  const zh = rows((await official.get(`/api/round-tables/${rt.id}/registrations.csv`)).body);
  t.equal(zh[0], '"姓名","电子邮件","所属机构","状态","报名时间（UTC）"', "no header: the official's language");
  t.match(zh[2], /"已报名"/);
});

t.test('reschedule: history, SEQUENCE, registrants notified, conflicts still checked', async (t) => {
  const rt = await published({ capacity: 5 });
  await attendee1.post(`/api/round-tables/${rt.id}/registration`);
  const res = await official.post(`/api/round-tables/${rt.id}/reschedule`, {
    start: '2027-09-01T10:00',
    end: '2027-09-01T12:00',
    timeZone: 'Asia/Tokyo',
    reason: 'Minister available',
  });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().startsAt, '2027-09-01T01:00:00.000Z');
  t.equal(res.json().sequence, 1);
  const detail = (await attendee1.get(`/api/round-tables/${rt.id}`)).json();
  t.equal(detail.reschedules.length, 1);
  t.equal(detail.reschedules[0].previousStartsAt, rt.startsAt);
  t.equal(detail.reschedules[0].reason, 'Minister available');
  const userId = (await attendee1.get('/api/me').then((r) => r.json())).user.id;
  const feed = await database.db
    .select()
    .from(events)
    .where(and(eq(events.stream, streamOf.userFeed(userId)), eq(events.type, 'feed.item'), sql`${events.data}->>'type' = 'roundtable.rescheduled'`));
  t.equal(feed.length, 1, 'the registrant is told');
  const bad = await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: '2027-09-01T12:00', end: '2027-09-01T11:00' });
  t.equal(bad.json().code, 'END_BEFORE_START');
  t.equal((await attendee1.get(`/api/round-tables/${rt.id}`)).json().sequence, 1, 'nothing half-written');
});

const slots = (over: Record<string, unknown>[] = []) => over;

t.test('agenda: fit, sections, computed times in the venue zone, internal notes for officials only', async (t) => {
  const rt = await published({ start: '2027-10-10T14:00', end: '2027-10-10T16:00', venueName: 'Agenda hall' });
  t.equal((await anonymous.get(`/api/round-tables/${rt.id}/agenda`)).json(), null, 'no release yet');
  const draft = (await official.get(`/api/round-tables/${rt.id}/agenda/draft`)).json();
  t.equal(draft.version, 0);
  t.equal(draft.availableMinutes, 120);

  const items = slots([
    { kind: 'opening', titleEn: 'Opening', plannedMinutes: 10, presenter: 'Wang Li' },
    {
      kind: 'section',
      titleEn: 'Investment',
      items: [
        { kind: 'presentation', titleEn: 'Free trade zone update', plannedMinutes: 30, internalNotes: 'SECRET-NOTE' },
        { kind: 'break', titleEn: 'Tea', plannedMinutes: 15 },
      ],
    },
    { kind: 'closing', titleEn: 'Closing', plannedMinutes: 10 },
  ]);
  const over = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [...items, { kind: 'presentation', titleEn: 'Long', plannedMinutes: 70 }],
  });
  t.equal(over.statusCode, 422);
  t.equal(over.json().code, 'AGENDA_OVER_TIME');
  t.equal(over.json().details.overByMinutes, 15, '135 planned in 120 minutes');
  t.match(over.json().message, /15 minutes/);

  const deep = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'section', items: [{ kind: 'section' }] }],
  });
  t.equal(deep.statusCode, 400, 'sections are one level deep');
  const noIssue = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'issue', titleEn: 'x', plannedMinutes: 5 }],
  });
  t.equal(noIssue.json().code, 'ISSUE_SLOT_NEEDS_ISSUES');
  t.equal((await official.get(`/api/round-tables/${rt.id}/agenda/draft`)).json().version, 0, 'refused saves change nothing');

  const saved = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 0, items });
  t.equal(saved.statusCode, 200, saved.body);
  const d = saved.json();
  t.equal(d.version, 1);
  t.equal(d.plannedMinutes, 65);
  t.equal(d.items[1].kind, 'section');
  t.equal(d.items[1].plannedMinutes, 45, 'a section spans its slots');
  t.equal(d.items[1].items[1].localStart, '2027-10-10T14:40+08:00', 'computed in the venue zone');
  t.equal(d.items[1].items[1].startsAt, '2027-10-10T06:40:00.000Z');
  t.equal(d.items[1].items[0].internalNotes, 'SECRET-NOTE');
  t.equal((await hanami.get(`/api/round-tables/${rt.id}/agenda/draft`)).statusCode, 403);
  t.equal((await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 0, items })).json().code, 'AGENDA_VERSION_CONFLICT');
  t.equal((await anonymous.get(`/api/round-tables/${rt.id}/agenda`)).json(), null, 'the public sees only releases');

  const r1 = await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 });
  t.equal(r1.statusCode, 201, r1.body);
  t.equal(r1.json().number, 1);
  t.same(
    r1.json().changelog.map((c: { change: string }) => c.change),
    ['added', 'added', 'added', 'added', 'added'],
  );
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 })).json().code, 'AGENDA_ALREADY_PUBLISHED');

  const pub = await anonymous.get(`/api/round-tables/${rt.id}/agenda`);
  t.equal(pub.json().number, 1);
  t.notMatch(pub.body, /SECRET-NOTE/, 'internal notes never reach the public');
  t.notMatch(pub.body, /internalNotes/);
  const stream = await database.db
    .select()
    .from(events)
    .where(eq(events.stream, streamOf.roundTable(rt.id)));
  t.ok(stream.some((e) => e.type === 'agenda.released'));
  t.notMatch(JSON.stringify(stream), /SECRET-NOTE/, 'nor the audience stream');
  const staffStream = await database.db
    .select()
    .from(events)
    .where(eq(events.stream, streamOf.roundTableStaff(rt.id)));
  t.match(JSON.stringify(staffStream), /SECRET-NOTE/, 'officials get the notes on their stream');

  // Release 2: move closing before the section? No: rename the opening, retime the tea, move the talk out of the section,
  // remove the closing, add a Q&A.
  const [opening, section] = d.items;
  const [talk, tea] = section.items;
  const next = [
    { id: opening.id, kind: 'opening', titleEn: 'Welcome', plannedMinutes: 10 },
    { id: talk.id, kind: 'presentation', titleEn: talk.titleEn, plannedMinutes: 30 },
    { id: section.id, kind: 'section', titleEn: 'Investment', items: [{ id: tea.id, kind: 'break', titleEn: 'Tea', plannedMinutes: 20 }] },
    { kind: 'presentation', titleEn: 'Q&A', plannedMinutes: 20 },
  ];
  const saved2 = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 1, items: next });
  t.equal(saved2.statusCode, 200, saved2.body);
  const r2 = (await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 2 })).json();
  t.equal(r2.number, 2);
  const log = r2.changelog.map((c: { change: string; titleEn: string }) => `${c.change} ${c.titleEn}`).sort();
  t.same(log, ['added Q&A', 'moved Free trade zone update', 'removed Closing', 'renamed Welcome', 'retimed Tea'].sort());
  const renamed = r2.changelog.find((c: { change: string }) => c.change === 'renamed');
  t.same([renamed.before.titleEn, renamed.after.titleEn], ['Opening', 'Welcome']);
  const releases = (await attendee1.get(`/api/round-tables/${rt.id}/agenda/releases`)).json();
  t.same(
    releases.map((r: { number: number }) => r.number),
    [2, 1],
  );

  // Rescheduling follows the release without a new one; a shorter slot must still fit.
  const shorter = await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: '2027-10-10T15:00', end: '2027-10-10T16:00' });
  t.equal(shorter.json().code, 'AGENDA_OVER_TIME', '80 minutes planned do not fit in 60');
  await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: '2027-10-10T15:00', end: '2027-10-10T17:00' });
  const moved = (await anonymous.get(`/api/round-tables/${rt.id}/agenda`)).json();
  t.equal(moved.items[0].localStart, '2027-10-10T15:00+08:00');
});

t.test('changing the chair makes the former chair reconnect (live subscriptions are checked again)', async (t) => {
  const rt = (await created(official)) as unknown as { id: string; chairId: string };
  const other = (await official2.get('/api/me')).json().user.id as string;
  const formerChair = rt.chairId;
  t.equal((await official.patch(`/api/round-tables/${rt.id}`, { chairId: other })).statusCode, 200);
  const [event] = await database.db
    .select()
    .from(events)
    .where(and(eq(events.stream, streamOf.userFeed(formerChair)), eq(events.type, 'access.changed')));
  t.ok(event, "access.changed on the former chair's stream");
});
