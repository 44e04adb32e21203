// Reminders go out exactly once: two app instances (their own connection pools on the PostgreSQL
// server; one shared embedded database on PGlite) run the job at the same time, several times, and
// also on their own schedule; each reminder is recorded once and reaches each recipient's feed once.
import t from 'tap';
import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { feedItems, remindersSent } from '../../src/db/schema/index.js';
import { sendDueReminders } from '../../src/modules/outcomes/reminders.service.js';
import { serverUrlOf, signIn, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { acceptedIssue, principal } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';

const database = await testDatabase(t);
// Instance A runs the job every second on its own; B is driven by hand, concurrently with A.
const a = await testApp(t, database, { reminderIntervalSeconds: 1 });
let second = database;
const url = serverUrlOf(database);
if (url) {
  second = await openDatabase({ databaseUrl: url, dataDir: '' });
  t.teardown(() => second.close());
}
const b = await buildApp({ config: testConfig({ reminderIntervalSeconds: 1 }), database: second, logger: false });
await b.ready();
t.teardown(() => b.close());

const official = await signIn(a, 'official1');
const hanami = await signIn(a, 'hanami');
const wang = await principal(database, 'official1');
const tanaka = await principal(database, 'hanami');

// A round-table held 20 days ago in Shanghai; actions due yesterday, tomorrow, in 5 days and in 30.
const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
const day = (n: number) => today.plus({ days: n }).toISODate()!;
const issue = await acceptedIssue(hanami, official, { title: 'Reminders: an issue with actions' });
const rt = await heldRoundTable(official, [issue.id], { start: `${day(-20)}T09:00`, end: `${day(-20)}T10:00` });
const decision = (
  await official.post(`/api/round-tables/${rt.id}/slots/${rt.slotId}/decisions`, { text: 'Act', kind: 'commitment', issueIds: [issue.id], language: 'en' })
).json();
const action = async (due: number) =>
  (
    await official.post(`/api/decisions/${decision.id}/actions`, {
      description: `Due in ${due} days`,
      ownerOrganizationId: wang.organizationId,
      ownerUserId: wang.userId,
      dueDate: day(due),
    })
  ).json().id as string;
const ids = { overdue: await action(-1), tomorrow: await action(1), soon: await action(5), later: await action(30) };

t.test('each reminder once, with two instances racing', async (t) => {
  for (let round = 0; round < 3; round++) {
    await Promise.all([sendDueReminders(a.db), sendDueReminders(b.db), sendDueReminders(a.db), sendDueReminders(b.db)]);
  }
  const mine = Object.values(ids);
  const sent = await database.db.select().from(remindersSent).where(inArray(remindersSent.actionId, mine));
  t.same(
    sent.map((r) => `${r.actionId}:${r.kind}`).sort(),
    [`${ids.overdue}:overdue`, `${ids.tomorrow}:due_tomorrow`, `${ids.soon}:due_in_7_days`].sort(),
    'one record per action and kind; nothing for the action due in 30 days',
  );
  const feed = await database.db.select().from(feedItems).where(eq(feedItems.type, 'action.reminder'));
  const ours = feed.filter((f) => mine.includes((f.data as { actionId: string }).actionId));
  const toWang = ours.filter((f) => f.userId === wang.userId);
  const toTanaka = ours.filter((f) => f.userId === tanaka.userId);
  t.equal(toWang.length, 3, 'the owner gets each reminder once');
  t.equal(toTanaka.length, 3, 'the author company gets each reminder once');
  t.ok(
    toTanaka.every((f) => f.issueId === issue.id),
    "the author company's rows point at its issue",
  );
  t.ok(
    toWang.every((f) => f.issueId === null),
    "the owner's rows do not",
  );
  t.same((toWang.find((f) => (f.data as { actionId: string }).actionId === ids.overdue)!.data as { kind: string }).kind, 'overdue');
});

t.test('the scheduled job, running on both instances, sends a new reminder once', async (t) => {
  const fresh = await action(3);
  // Wait for one of the instances' own timers to pick it up.
  for (;;) {
    const rows = await database.db.select().from(remindersSent).where(eq(remindersSent.actionId, fresh));
    if (rows.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await Promise.all([sendDueReminders(a.db), sendDueReminders(b.db)]);
  const feed = await database.db.select().from(feedItems).where(eq(feedItems.type, 'action.reminder'));
  const rows = feed.filter((f) => (f.data as { actionId: string }).actionId === fresh);
  t.same(rows.map((r) => r.userId).sort(), [wang.userId, tanaka.userId].sort(), 'once to the owner, once to the author company');
});

t.test('closed actions get no more reminders', async (t) => {
  t.equal((await official.patch(`/api/actions/${ids.later}`, { status: 'dropped', reason: 'Superseded' })).json().status, 'dropped');
  await sendDueReminders(a.db, new Date(Date.now() + 40 * 86_400_000));
  const sent = await database.db
    .select()
    .from(remindersSent)
    .where(inArray(remindersSent.actionId, [ids.tomorrow, ids.soon, ids.later]));
  t.same(
    sent
      .filter((r) => r.kind === 'overdue')
      .map((r) => r.actionId)
      .sort(),
    [ids.tomorrow, ids.soon].sort(),
    'forty days on, the open ones are overdue; the dropped one is not reminded',
  );
});
