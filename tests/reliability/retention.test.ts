// Data that grows is bounded: a retention round deletes ended sessions, unaccepted ended invitations,
// used or expired tickets and old throttle windows, each once older than its setting, and moves events outside the replay window to
// events_archive, where the audit trail still finds them; a client resuming from an archived seq gets a
// snapshot (as any client behind the replay window does).
import { sql } from 'drizzle-orm';
import t from 'tap';
import { rowsOf } from '../../src/db/client.js';
import { appendEvent } from '../../src/live/event-log.js';
import { DateTime } from 'luxon';
import { purgeArchive } from '../../src/live/archive.js';
import { runRetention } from '../../src/plugins/retention.js';
import { loadConfig } from '../../src/config.js';
import { demoEmail, signIn, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { injectLive } from '../helpers/live.js';

const database = await testDatabase(t);
const count = async (query: string) => Number(rowsOf<{ n: string | number }>(await database.db.execute(sql.raw(query)))[0]!.n);

void t.test('a retention round purges what ended and archives old events', async (t) => {
  const base = testConfig();
  const config = testConfig({
    live: { ...base.live, replayWindow: 2 },
    retention: { ...base.retention, sessionDays: 30, invitationDays: 30, ticketHours: 1, throttleHours: 24, eventArchiveAfterDays: 0, eventArchiveKeepDays: 0 },
  });
  const app = await testApp(t, database, config);
  const organizer = await signIn(app, 'organizer');
  const attendee = await signIn(app, 'attendee2');
  // An ended session, an ended invitation, an old ticket and an old throttle window.
  await database.db.execute(sql`update sessions set expires_at = now() - interval '31 days'
    where user_id = (select id from users where email = 'nakamura@example.org')`);
  t.equal((await organizer.post('/api/invitations', { email: 'late@example.org', role: 'attendee', organizationId: null })).statusCode, 201);
  await database.db.execute(sql`update invitations set expires_at = now() - interval '31 days' where email = 'late@example.org'`);
  t.equal((await organizer.post('/api/live/tickets')).statusCode, 201);
  await database.db.execute(sql`update live_tickets set expires_at = now() - interval '2 hours'`);
  await database.db.execute(sql`insert into throttle_hits (key, window_start, hits) values ('old', now() - interval '3 days', 5)`);
  // Five events on a stream of its own: with a replay window of 2, seqs 1..3 leave the hot table.
  const stream = 'roundtable:00000000-0000-4000-8000-00000000beef';
  for (let i = 0; i < 5; i++) {
    await database.db.transaction((tx) => appendEvent(tx, { stream, type: 'issue.hidden', data: { issueId: '00000000-0000-4000-8000-000000000001' } }));
  }
  const eventsBefore = await count(`select count(*) as n from events`);

  const report = await runRetention(app, config);
  t.comment(JSON.stringify(report));
  t.equal(report.sessions, 1, "the attendee's ended session is deleted");
  t.equal((await attendee.get('/api/me')).statusCode, 401, 'and no longer signs anyone in');
  t.equal((await organizer.get('/api/me')).statusCode, 200, 'live sessions stay');
  t.equal(report.invitations, 1, 'the ended invitation is deleted');
  t.equal(await count(`select count(*) as n from invitations where email = 'late@example.org'`), 0);
  t.ok(report.tickets >= 1, 'old tickets are deleted');
  t.equal(await count(`select count(*) as n from throttle_hits where key = 'old'`), 0, 'old throttle windows are deleted');
  t.same(
    rowsOf<{ seq: string | number }>(await database.db.execute(sql`select seq from events where stream = ${stream} order by seq`)).map((r) => Number(r.seq)),
    [4, 5],
    'only the replay window stays hot',
  );
  t.equal(await count(`select count(*) as n from events_archive where stream = '${stream}'`), 3, 'the rest is archived');
  t.equal((await count(`select count(*) as n from events`)) + report.eventsArchived, eventsBefore, 'moved, not lost');
  t.equal(await count(`select count(*) as n from events_all`), eventsBefore, 'the audit trail view sees every event exactly once');
  const again = await runRetention(app, config);
  t.equal(again.eventsArchived, 0, 'a second round finds nothing more (idempotent)');

  // The organizer's own actions (archived with the rest once old) are still in the audit trail.
  const trail = await organizer.get('/api/events?type=invitation.created&limit=50');
  t.equal(trail.statusCode, 200);
});

void t.test('each retention setting decides when its rows go', async (t) => {
  const base = testConfig();
  const keep = { ...base.retention, sessionDays: 30, invitationDays: 30, ticketHours: 1, throttleHours: 24 };
  const app = await testApp(t, database);
  const organizer = await signIn(app, 'organizer');
  await signIn(app, 'official2');
  // Ended ten days ago, half an hour ago, two hours ago: younger than the first round's settings.
  await database.db.execute(sql`update sessions set expires_at = now() - interval '10 days'
    where user_id = (select id from users where email = ${demoEmail('official2')})`);
  t.equal((await organizer.post('/api/invitations', { email: 'lapsed@example.org', role: 'attendee', organizationId: null })).statusCode, 201);
  await database.db.execute(sql`update invitations set expires_at = now() - interval '10 days' where email = 'lapsed@example.org'`);
  t.equal((await organizer.post('/api/live/tickets')).statusCode, 201);
  await database.db.execute(sql`update live_tickets set expires_at = now() - interval '30 minutes'`);
  await database.db.execute(sql`insert into throttle_hits (key, window_start, hits) values ('recent', now() - interval '2 hours', 5)`);
  const left = async () => ({
    sessions: await count(`select count(*) as n from sessions where user_id = (select id from users where email = '${demoEmail('official2')}')`),
    invitations: await count(`select count(*) as n from invitations where email = 'lapsed@example.org'`),
    tickets: await count(`select count(*) as n from live_tickets`),
    throttle: await count(`select count(*) as n from throttle_hits where key = 'recent'`),
  });

  await runRetention(app, testConfig({ retention: keep }));
  t.same(await left(), { sessions: 1, invitations: 1, tickets: 1, throttle: 1 }, 'kept: each is younger than its setting');
  const report = await runRetention(app, testConfig({ retention: { ...keep, sessionDays: 5, invitationDays: 5, ticketHours: 0, throttleHours: 1 } }));
  t.match(report, { sessions: 1, invitations: 1, tickets: 1, throttleHits: 1 });
  t.same(await left(), { sessions: 0, invitations: 0, tickets: 0, throttle: 0 }, 'purged once each is older than its setting');
  t.throws(() => loadConfig({ THROTTLE_RETENTION_HOURS: '0' }), /THROTTLE_RETENTION_HOURS/, 'throttle counters outlive the longest window');
});

void t.test('a client resuming from an archived seq gets a snapshot', async (t) => {
  const app = await testApp(t, database, { live: { ...testConfig().live, replayWindow: 2 } });
  const live = await injectLive(app);
  const reply = await live.command({ type: 'subscribe', stream: 'public', since: 1 });
  t.equal(reply.type, 'snapshot', 'seq 1 of public was archived: a snapshot, not an error');
  live.close();
});

void t.test('the archive is kept by month: each month its own partition, an expired month dropped whole', async (t) => {
  const base = testConfig();
  const app = await testApp(t, database);
  const stream = 'roundtable:00000000-0000-4000-8000-00000000cafe';
  for (let i = 0; i < 6; i++) {
    await database.db.transaction((tx) => appendEvent(tx, { stream, type: 'issue.hidden', data: { issueId: '00000000-0000-4000-8000-000000000001' } }));
  }
  // Seqs 1-2 five months ago, 3 four months ago (early), 4 three months ago; 5-6 stay in the replay window.
  const month = (back: number) => DateTime.utc().startOf('month').minus({ months: back });
  const at = { 1: month(5).plus({ days: 10 }), 2: month(5).plus({ days: 11 }), 3: month(4).plus({ days: 1 }), 4: month(3).plus({ days: 10 }) };
  for (const [seq, when] of Object.entries(at)) {
    await database.db.execute(sql`update events set created_at = ${when.toISO()} where stream = ${stream} and seq = ${Number(seq)}`);
  }
  await runRetention(app, testConfig({ live: { ...base.live, replayWindow: 2 }, retention: { ...base.retention, eventArchiveAfterDays: 30 } }));
  const placed = rowsOf<{ part: string; seq: string | number }>(
    await database.db.execute(sql`select tableoid::regclass::text as part, seq from events_archive where stream = ${stream} order by seq`),
  ).map((r) => [Number(r.seq), r.part]);
  const name = (back: number) => `events_archive_${month(back).toFormat('yyyy_MM')}`;
  t.same(
    placed,
    [
      [1, name(5)],
      [2, name(5)],
      [3, name(4)],
      [4, name(3)],
    ],
    'each archived event lies in the partition of its month',
  );

  // Keep 4 months minus two weeks: month(5) has wholly expired, month(4) only in part.
  const keepDays = Math.floor(DateTime.utc().diff(month(4).plus({ days: 14 }), 'days').days);
  const purged = await purgeArchive(database.db, keepDays);
  t.equal(purged, 3, 'the expired month (two events) and the expired event of the next one');
  t.equal(await count(`select count(*) as n from pg_class where relname = '${name(5)}'`), 0, 'the expired month is dropped as a table');
  t.same(
    rowsOf<{ seq: string | number }>(await database.db.execute(sql`select seq from events_archive where stream = ${stream} order by seq`)).map((r) =>
      Number(r.seq),
    ),
    [4],
    'what is younger than the setting stays',
  );
  t.equal(await count(`select count(*) as n from events_archive_default`), 0, 'nothing fell into the default partition');
});
