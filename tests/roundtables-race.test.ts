// Races that must have exactly one winner: the last seat, and publishing the same agenda twice.
// Meaningful on the PostgreSQL server (DATABASE_URL), where the requests really run concurrently; the embedded
// database runs one statement at a time, so there they are skipped (reported as skipped, not as passed).
import t from 'tap';
import { eq } from 'drizzle-orm';
import { agendaReleases, registrations } from '../src/db/schema/index.js';
import { signIn, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const serverOnly = { skip: database.kind !== 'postgres' && 'concurrent transactions need the PostgreSQL server' };
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const attendees = await Promise.all(['attendee1', 'attendee2', 'attendee3', 'hanami', 'sakura', 'kaze'].map((k) => signIn(app, k)));

async function publishedRoundTable(date: string, capacity: number) {
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: `Race ${date}`,
      start: `${date}T09:00`,
      end: `${date}T11:00`,
      capacity,
      venueName: `Race hall ${date}`,
    })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  return rt.id as string;
}

t.test('two people register at once for the last seat: exactly one gets it', serverOnly, async (t) => {
  for (let round = 0; round < 5; round++) {
    const id = await publishedRoundTable(`2028-01-${String(round + 10)}`, 1);
    const [a, b] = [attendees[(round * 2) % 6]!, attendees[(round * 2 + 1) % 6]!];
    const results = await Promise.all([a, b].map((c) => c.post(`/api/round-tables/${id}/registration`, { waitlist: false })));
    const statuses = results.map((r) => r.statusCode).sort();
    t.same(statuses, [201, 409], `round ${round}: one seat, one winner`);
    t.equal(results.find((r) => r.statusCode === 409)!.json().code, 'ROUND_TABLE_FULL');
    const rows = await database.db.select().from(registrations).where(eq(registrations.roundTableId, id));
    t.equal(rows.filter((r) => r.status === 'confirmed').length, 1, 'one confirmed row in the database');
  }
});

t.test('six people race for two seats with the waitlist: two seats, four waiting in arrival order', serverOnly, async (t) => {
  const id = await publishedRoundTable('2028-02-01', 2);
  const results = await Promise.all(attendees.map((c) => c.post(`/api/round-tables/${id}/registration`)));
  t.ok(results.every((r) => r.statusCode === 201));
  const rows = await database.db.select().from(registrations).where(eq(registrations.roundTableId, id));
  t.equal(rows.filter((r) => r.status === 'confirmed').length, 2);
  t.equal(rows.filter((r) => r.status === 'waitlisted').length, 4);
  const confirmedArrivals = rows.filter((r) => r.status === 'confirmed').map((r) => r.arrival);
  const waitingArrivals = rows.filter((r) => r.status === 'waitlisted').map((r) => r.arrival);
  t.ok(Math.max(...confirmedArrivals) < Math.min(...waitingArrivals), 'seats went to the first arrivals');
});

t.test('publishing the same agenda twice at once: one release, one 409', serverOnly, async (t) => {
  const id = await publishedRoundTable('2028-03-01', 10);
  await official.request('PUT', `/api/round-tables/${id}/agenda/draft`, { version: 0, items: [{ kind: 'opening', titleEn: 'Opening', plannedMinutes: 10 }] });
  const second = await signIn(app, 'official2');
  const results = await Promise.all([official, second].map((c) => c.post(`/api/round-tables/${id}/agenda/releases`, { version: 1 })));
  t.same(results.map((r) => r.statusCode).sort(), [201, 409]);
  t.equal(results.find((r) => r.statusCode === 409)!.json().code, 'AGENDA_ALREADY_PUBLISHED');
  const releases = await database.db.select().from(agendaReleases).where(eq(agendaReleases.roundTableId, id));
  t.equal(releases.length, 1, 'nothing half-written');
});

t.test('two officials book the same room at once: one round-table, one VENUE_CONFLICT', serverOnly, async (t) => {
  const second = await signIn(app, 'official2');
  const secondId = (await second.get('/api/me')).json().user.id;
  const body = (title: string, chairId?: string) => ({
    titleEn: title,
    start: '2028-04-01T09:00',
    end: '2028-04-01T11:00',
    capacity: 5,
    venueName: 'Contested hall',
    venueRoom: 'Room 1',
    ...(chairId ? { chairId } : {}),
  });
  const results = await Promise.all([official.post('/api/round-tables', body('First')), second.post('/api/round-tables', body('Second', secondId))]);
  t.same(results.map((r) => r.statusCode).sort(), [201, 409]);
  t.equal(results.find((r) => r.statusCode === 409)!.json().code, 'VENUE_CONFLICT');
});
