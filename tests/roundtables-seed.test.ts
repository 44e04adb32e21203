// The demo round-tables: two published (Tianjin in Asia/Shanghai, online from Tokyo in Asia/Tokyo) with
// agendas, registrations and a waitlist, one draft; accepted demo issues, when seeded first, get a slot.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { issues, organizations, users } from '../src/db/schema/index.js';
import { hashPassword } from '../src/lib/passwords.js';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, seedIdentity } from '../src/db/seed/identity.js';
import { seedRoundTables } from '../src/db/seed/roundtables.js';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';
import { acceptedIssue } from './helpers/issues.js';

t.test('the demo data as seeded on a first start', async (t) => {
  const database = await testDatabase(t);
  const app = await testApp(t, database);
  const list = (await stranger(app).get('/api/round-tables')).json<
    {
      id: string;
      timeZone: string;
      status: string;
      localStart: string;
      latestRelease: number;
      seatsTaken: number;
      waitlisted: number;
      onlineUrl: string | null;
    }[]
  >();
  t.same(
    list.map((r) => [r.timeZone, r.status, r.localStart]),
    [
      ['Asia/Shanghai', 'concluded', '2026-07-14T14:00+08:00'],
      ['Asia/Shanghai', 'scheduled', '2026-12-15T14:00+08:00'],
    ],
    'the public sees the July one held (its outcomes) and the Tianjin one (the online one is for signed-in users)',
  );
  const attendee = await signIn(app, 'attendee3');
  const signedIn = (await attendee.get('/api/round-tables')).json<typeof list>();
  t.equal(signedIn.length, 3);
  const tianjin = signedIn[1]!;
  const online = signedIn[2]!;
  t.same([tianjin.seatsTaken, tianjin.waitlisted], [4, 2], 'full, two waiting');
  t.equal(tianjin.latestRelease, 3, 'releases 1 and 2, and 3 with the accepted demo issues');
  t.same([online.timeZone, online.localStart, online.latestRelease, online.onlineUrl !== null], ['Asia/Tokyo', '2026-12-18T10:00+09:00', 1, true]);
  const releases = (await attendee.get(`/api/round-tables/${tianjin.id}/agenda/releases`)).json();
  const changes = releases
    .find((r: { number: number }) => r.number === 2)
    .changelog.map((c: { change: string; titleEn: string }) => `${c.change} ${c.titleEn}`);
  t.ok(changes.includes('renamed Customs clearance times at Tianjin port'), 'release 2 has a changelog');
  t.ok(changes.includes('moved Tea break'));
  const agenda = (await attendee.get(`/api/round-tables/${tianjin.id}/agenda`)).json();
  const issueSlot = agenda.items.find((i: { kind: string }) => i.kind === 'issue');
  t.equal(issueSlot.issueIds.length, 2, 'the oldest accepted demo issues are on the agenda');
  t.ok(
    agenda.issues.every((i: { title: string | null }) => i.title),
    'shown with their titles',
  );
  const official = await signIn(app, 'official1');
  const staffList = (await official.get('/api/round-tables')).json<typeof list>();
  t.ok(
    staffList.some((r) => r.status === 'draft'),
    'and a draft for its officials',
  );
});

t.test('accepted demo issues seeded first get an issue slot', async (t) => {
  const database = await testDatabase(t, { seed: false });
  await database.db.transaction(async (tx) => {
    await seedIdentity(tx, await hashPassword(DEMO_PASSWORD));
  });
  const app = await testApp(t, database);
  const official = await signIn(app, 'official1');
  const issue = await acceptedIssue(await signIn(app, 'hanami'), official);
  const orgRows = await database.db.select({ id: organizations.id, nameEn: organizations.nameEn }).from(organizations);
  const userRows = await database.db.select({ id: users.id, email: users.email }).from(users);
  const ids = {
    orgs: Object.fromEntries(DEMO_ORGS.map((o) => [o.key, orgRows.find((r) => r.nameEn === o.en)!.id])),
    users: Object.fromEntries(DEMO_USERS.map((u) => [u.key, userRows.find((r) => r.email === u.email)!.id])),
  };
  await database.db.transaction((tx) => seedRoundTables(tx, ids, [issue.id]));
  const [row] = await database.db.select({ state: issues.state }).from(issues).where(eq(issues.id, issue.id));
  t.equal(row!.state, 'scheduled');
  const tianjin = (await official.get('/api/round-tables')).json()[0];
  const agenda = (await official.get(`/api/round-tables/${tianjin.id}/agenda`)).json();
  t.equal(agenda.number, 3);
  t.ok(agenda.issues.some((i: { id: string }) => i.id === issue.id));
});
