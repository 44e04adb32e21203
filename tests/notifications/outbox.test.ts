// The outbox worker's rules, driven pass by pass: retries with backoff and a final `failed`; a crashed
// instance's claim is taken over; daily digests gather a person's notices into one e-mail at their
// local hour; and (PostgreSQL server only) two app instances send each message exactly once.
import t from 'tap';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/index.js';
import { deliver, nextDigestAt, queueAccountMail } from '../../src/modules/notifications/notifications.service.js';
import { gatherDigests, sendDue, type OutgoingMail } from '../../src/modules/notifications/notifications.outbox.js';
import { DateTime } from 'luxon';
import { serverUrlOf, signIn, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { TestMailServer, until } from '../helpers/mail.js';

const database = await testDatabase(t);
const db = database.db;
const settings = { publicUrl: 'http://localhost:3000', maxAttempts: 2, retryBaseSeconds: 1, leaseSeconds: 60, batch: 100 };

async function queue(addresses: string[]) {
  await db.transaction(async (tx) => {
    for (const toAddress of addresses)
      await queueAccountMail(tx, {
        kind: 'account.password_reset',
        toAddress,
        language: 'en',
        timeZone: 'UTC',
        params: { url: 'http://x/#/reset-password/abc', expiresAt: new Date().toISOString() },
      });
  });
  return db.select().from(outbox).where(inArray(outbox.toAddress, addresses));
}

t.test('a failing relay: retried with backoff, then failed after maxAttempts; nothing else is touched', async (t) => {
  const rows = await queue(['retry@example.org']);
  const failing = async () => {
    throw new Error('421 service not available');
  };
  t.equal(await sendDue(db, failing, settings), 0);
  let [row] = await db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
  t.match(row, { status: 'queued', attempts: 1, lastError: '421 service not available' });
  t.ok(row!.dueAt.getTime() > Date.now(), 'backed off');
  t.equal(await sendDue(db, failing, settings), 0, 'not due yet');
  await db
    .update(outbox)
    .set({ dueAt: sql`now()` })
    .where(eq(outbox.id, row!.id));
  await sendDue(db, failing, settings);
  [row] = await db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
  t.match(row, { status: 'failed', attempts: 2 }, 'final state after N tries');
});

t.test('a claim whose instance died expires and the message is sent by another', async (t) => {
  const rows = await queue(['crashed@example.org']);
  await db
    .update(outbox)
    .set({ status: 'sending', attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
    .where(eq(outbox.id, rows[0]!.id));
  const sent: OutgoingMail[] = [];
  await sendDue(db, async (m) => void sent.push(m), settings);
  t.ok(sent.some((m) => m.to === 'crashed@example.org'));
  const [row] = await db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
  t.equal(row!.status, 'sent');
});

t.test('only the holder of the lease marks a message: a worker whose claim was taken over changes nothing', async (t) => {
  const rows = await queue(['fenced@example.org']);
  const id = rows[0]!.id;
  let releaseSecond!: () => void;
  let second: Promise<number> | undefined;
  const slow = async (m: OutgoingMail) => {
    if (m.to !== 'fenced@example.org') return;
    // This worker stalls past its lease: another instance claims the message and starts sending it.
    await db
      .update(outbox)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, id));
    const held = new Promise<void>((r) => (releaseSecond = r));
    second = sendDue(db, async () => held, settings);
    await until(async () => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!.attempts === 2, 15_000, 'the second claim');
  };
  t.equal(await sendDue(db, slow, settings), 0, 'the stale worker does not count it sent');
  let [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  t.match(row, { status: 'sending', attempts: 2, sentAt: null }, 'still the second claim, unmarked');
  releaseSecond();
  t.equal(await second, 1, 'the holder marks it sent');
  [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  t.match(row, { status: 'sent', attempts: 2 });
});

t.test('daily digest: queued for the local hour, gathered into one e-mail per person and category', async (t) => {
  const app = await testApp(t, database);
  const ja = await signIn(app, 'attendee2'); // Asia/Tokyo
  t.equal((await ja.request('PUT', '/api/me/notification-preferences', [{ category: 'my_roundtables', mode: 'digest', digestHour: 7 }])).statusCode, 200);
  const userId = (await ja.get('/api/me')).json().user.id as string;
  await db.delete(outbox).where(eq(outbox.userId, userId)); // what the demo seed queued for them
  await db.transaction((tx) =>
    deliver(tx, [
      {
        userId,
        kind: 'roundtable.cancelled',
        category: 'my_roundtables',
        data: { roundTableId: userId, title: { en: 'Digest A', ja: 'ダイジェストA', zh: '摘要A' }, reason: 'x' },
      },
      { userId, kind: 'roundtable.live', category: 'live_start', data: { roundTableId: userId, title: { en: 'Not mailed', ja: 'メールなし', zh: '不发' } } },
    ]),
  );
  await db.transaction((tx) =>
    deliver(tx, [
      {
        userId,
        kind: 'agenda.released',
        category: 'my_roundtables',
        data: { roundTableId: userId, number: 2, title: { en: 'Digest B', ja: 'ダイジェストB', zh: '摘要B' } },
      },
    ]),
  );
  const waiting = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), inArray(outbox.kind, ['roundtable.cancelled', 'roundtable.live', 'agenda.released'])));
  t.equal(waiting.length, 2, 'live start is in-app only by default');
  t.ok(waiting.every((r) => r.status === 'digest'));
  const due = DateTime.fromJSDate(waiting[0]!.dueAt).setZone('Asia/Tokyo');
  t.equal(due.hour, 7, 'at 07:00 in the person\u2019s zone');
  t.equal(nextDigestAt(DateTime.fromISO('2028-01-01T06:59', { zone: 'Asia/Tokyo' }), 'Asia/Tokyo', 7).toISOString(), '2027-12-31T22:00:00.000Z');

  t.equal(await gatherDigests(db), 0, 'not before the hour');
  await db
    .update(outbox)
    .set({ dueAt: sql`now()` })
    .where(and(eq(outbox.userId, userId), eq(outbox.status, 'digest')));
  t.equal(await gatherDigests(db), 1, 'one digest');
  const sent: OutgoingMail[] = [];
  await sendDue(db, async (m) => void sent.push(m), settings);
  const digest = sent.find((m) => m.to === 'nakamura@example.org' && m.subject.includes('ダイジェスト'))!;
  t.equal(digest.subject, 'Roundtable ダイジェスト：2件のお知らせ');
  t.match(digest.text, /ダイジェストA/);
  t.match(digest.text, /ダイジェストB/);
  t.match(digest.headers['List-Unsubscribe'], /unsubscribe\?token=/);
});

t.test(
  'two app instances on the PostgreSQL server send each message exactly once',
  { skip: !process.env.DATABASE_URL && 'needs the PostgreSQL server (DATABASE_URL)' },
  async (t) => {
    const smtp = new TestMailServer();
    await smtp.start();
    t.teardown(() => smtp.stop());
    const second = await openDatabase({ databaseUrl: serverUrlOf(database)!, dataDir: '' });
    t.teardown(() => second.close());
    const mail = { ...testConfig().mail, smtpUrl: smtp.url, outboxIntervalMs: 50, retryBaseSeconds: 1 };
    await testApp(t, database, { mail });
    await testApp(t, second, { mail });
    const addresses = Array.from({ length: 80 }, (_, i) => `cluster${i}@example.org`);
    await queue(addresses);
    await until(() => addresses.every((a) => smtp.to(a).length > 0), 60_000, 'every message');
    await new Promise((r) => setTimeout(r, 1000));
    const ids = smtp.messages.filter((m) => m.to.startsWith('cluster')).map((m) => m.outboxId);
    t.equal(ids.length, 80, 'each message arrived');
    t.equal(new Set(ids).size, 80, 'none twice');
    const rows = await db.select().from(outbox).where(inArray(outbox.toAddress, addresses));
    t.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
  },
);
