// Round-table settings rules behind the web form (issue 12): canonical zones, times to the minute,
// no start in the past, at most a day long, and one reschedule path for any move of a published
// round-table (time, zone, venue or link): history, SEQUENCE, registrants told. Also the audit
// trail as the organizers' page reads it: names, kind filter, keyset pages.
import t from 'tap';
import { and, eq } from 'drizzle-orm';
import { events } from '../src/db/schema/index.js';
import { streamOf } from '../src/live/streams.js';
import { signIn, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const attendee = await signIn(app, 'attendee1');
const organizer = await signIn(app, 'organizer');

let day = 0;
const nextDay = () => `2028-0${1 + Math.floor(day / 28)}-${String((day++ % 28) + 1).padStart(2, '0')}`;
const base = () => {
  const d = nextDay();
  return { titleEn: 'Form rules', start: `${d}T14:00`, end: `${d}T16:00`, capacity: 10, venueName: `Room ${d}` };
};
const create = (body: Record<string, unknown>) => official.post('/api/round-tables', { ...base(), ...body });

t.test('zones are stored in their canonical spelling', async (t) => {
  const res = await create({ timeZone: 'asia/shanghai' });
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.json().timeZone, 'Asia/Shanghai');
  const tokyo = await official.patch(`/api/round-tables/${res.json().id}`, { timeZone: 'ASIA/TOKYO' });
  t.equal(tokyo.json().timeZone, 'Asia/Tokyo');
  t.equal((await create({ timeZone: 'Mars/Olympus' })).json().code, 'INVALID_TIME_ZONE');
});

t.test('times to the minute, not in the past, at most a day', async (t) => {
  const d = nextDay();
  const seconds = await create({ start: `${d}T14:00:30`, end: `${d}T16:00` });
  t.same([seconds.statusCode, seconds.json().code, seconds.json().details.field], [400, 'TIME_NOT_WHOLE_MINUTE', 'start']);
  const past = await create({ start: '2020-01-01T10:00', end: '2020-01-01T11:00' });
  t.same([past.statusCode, past.json().code], [400, 'START_IN_PAST']);
  const long = await create({ start: '2028-05-10T10:00', end: '2028-05-11T10:01' });
  t.same([long.statusCode, long.json().code], [400, 'DURATION_TOO_LONG']);
  const day24 = await create({ start: '2028-05-10T10:00', end: '2028-05-11T10:00' });
  t.equal(day24.statusCode, 201, 'exactly a day is fine');
  const moved = await official.patch(`/api/round-tables/${day24.json().id}`, { start: '2021-05-01T10:00', end: '2021-05-01T11:00' });
  t.equal(moved.json().code, 'START_IN_PAST', 'an edit cannot move it into the past');
  const rescheduled = await official.post(`/api/round-tables/${day24.json().id}/reschedule`, { start: '2021-05-01T10:00', end: '2021-05-01T11:00' });
  t.equal(rescheduled.json().code, 'START_IN_PAST', 'nor can a reschedule');
});

t.test('every setting through create and edit', async (t) => {
  const users = (await organizer.get('/api/users')).json<{ id: string; role: string; email: string; organizationId: string }[]>();
  const me = (await official.get('/api/me')).json();
  const chair = users.find((u) => u.role === 'official' && u.organizationId === me.user.organizationId && u.id !== me.user.id) ?? me.user;
  const d = nextDay();
  const res = await official.post('/api/round-tables', {
    titleEn: 'All settings',
    theme: 'intellectual_property',
    venueName: 'Settings hall',
    venueRoom: 'R1',
    venueAddress: '1 Binshui Road',
    onlineUrl: 'https://meet.example/all',
    capacity: 12,
    seatsPerCompany: 3,
    requiresApproval: true,
    audience: 'registered',
    proposalDeadline: `${d}T09:00`,
    pledgeDays: 60,
    chairId: chair.id,
    timeZone: 'Asia/Tokyo',
    start: `${d}T14:00`,
    end: `${d}T15:30`,
  });
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), {
    theme: 'intellectual_property',
    venueRoom: 'R1',
    venueAddress: '1 Binshui Road',
    onlineUrl: 'https://meet.example/all',
    seatsPerCompany: 3,
    requiresApproval: true,
    audience: 'registered',
    pledgeDays: 60,
    chairId: chair.id,
    timeZone: 'Asia/Tokyo',
    localStart: `${d}T14:00`,
    durationMinutes: 90,
    sequence: 0,
  });
  const edit = await official.patch(`/api/round-tables/${res.json().id}`, { venueRoom: 'R2', pledgeDays: 90 });
  t.match(edit.json(), { venueRoom: 'R2', pledgeDays: 90, sequence: 0 }, 'a draft edit is not a reschedule');
});

t.test('moving a published round-table (time, venue or link) is a reschedule: one path', async (t) => {
  const created = (await create({ onlineUrl: 'https://meet.example/a' })).json();
  t.equal((await official.post(`/api/round-tables/${created.id}/publish`)).statusCode, 200);
  t.equal((await attendee.post(`/api/round-tables/${created.id}/registration`)).statusCode, 201);
  const userId = (await attendee.get('/api/me')).json().user.id;
  const told = async () =>
    (
      await database.db
        .select()
        .from(events)
        .where(and(eq(events.stream, streamOf.userFeed(userId)), eq(events.type, 'roundtable.rescheduled')))
    ).length;

  const title = await official.patch(`/api/round-tables/${created.id}`, { titleEn: 'Renamed', capacity: 11 });
  t.match(title.json(), { titleEn: 'Renamed', sequence: 0 }, 'a new title does not move it');
  t.equal(await told(), 0);

  const venue = await official.patch(`/api/round-tables/${created.id}`, { venueName: 'Another hall', reason: 'Bigger room' });
  t.equal(venue.statusCode, 200, venue.body);
  t.match(venue.json(), { venueName: 'Another hall', sequence: 1 });
  t.equal(await told(), 1, 'registrants are told of a new venue');

  const link = await official.patch(`/api/round-tables/${created.id}`, { onlineUrl: 'https://meet.example/b' });
  t.match(link.json(), { onlineUrl: 'https://meet.example/b', sequence: 2 });

  const when = await official.patch(`/api/round-tables/${created.id}`, { start: '2029-09-09T10:00', end: '2029-09-09T11:00' });
  t.match(when.json(), { localStart: '2029-09-09T10:00', sequence: 3 });
  t.equal(await told(), 3);
  const detail = (await attendee.get(`/api/round-tables/${created.id}`)).json();
  t.equal(detail.reschedules.length, 3, 'each move is in the history');
  t.equal(detail.reschedules.find((r: { reason: string }) => r.reason === 'Bigger room')?.previousStartsAt, created.startsAt);

  const bad = await official.patch(`/api/round-tables/${created.id}`, { venueName: null, onlineUrl: null });
  t.equal(bad.json().code, 'LOCATION_REQUIRED');
  t.equal((await attendee.get(`/api/round-tables/${created.id}`)).json().sequence, 3, 'nothing half-written');
});

t.test('audit trail: names, a kind filter and keyset pages', async (t) => {
  const first = (await organizer.get('/api/events?kind=roundtable&limit=3')).json<
    {
      type: string;
      actorName: string | null;
      actorOrganization: { nameEn: string } | null;
      cursor: string;
    }[]
  >();
  t.equal(first.length, 3);
  t.ok(
    first.every((e) => e.type.startsWith('roundtable.')),
    'kind filter',
  );
  const named = first.find((e) => e.actorName);
  t.ok(named && named.actorOrganization?.nameEn, 'the actor by name and organization');
  const second = (await organizer.get(`/api/events?kind=roundtable&limit=3&cursor=${first[2]!.cursor}`)).json<{ cursor: string }[]>();
  t.equal(second.length, 3);
  const all = (await organizer.get('/api/events?kind=roundtable&limit=6')).json<{ cursor: string }[]>();
  t.same(
    [...first, ...second].map((e) => e.cursor),
    all.map((e) => e.cursor),
    'pages join up without gaps or repeats',
  );
  const bad = await organizer.get('/api/events?cursor=nonsense');
  t.same([bad.statusCode, bad.json().code], [400, 'INVALID_CURSOR']);
  const badKind = await organizer.get('/api/events?kind=nope');
  t.equal(badKind.statusCode, 400);
});
