// One notification system, end to end with a real SMTP server in the test process: a reschedule
// reaches every registrant as a feed row, a live push on user:<id> and an e-mail in their language
// with both zones; the unsubscribe link works (and refuses tampering); the relay down for a while
// loses nothing and sends nothing twice; preferences reject unknown categories; the development
// mailbox is for organizers.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { loadConfig, ConfigError } from '../../src/config.js';
import { redactUrl } from '../../src/lib/redact.js';
import { outbox } from '../../src/db/schema/index.js';
import { queueAccountMail } from '../../src/modules/notifications/notifications.service.js';
import { render } from '../../src/modules/notifications/notifications.templates.js';
import { signIn, testApp, testConfig, testDatabase, type Client } from '../helpers/app.js';
import { command, createIssue } from '../helpers/issues.js';
import { injectLive } from '../helpers/live.js';
import { TestMailServer, until } from '../helpers/mail.js';

const smtp = new TestMailServer();
await smtp.start();
t.teardown(() => smtp.stop());

const database = await testDatabase(t);
const app = await testApp(t, database, {
  mail: { ...testConfig().mail, smtpUrl: smtp.url, outboxIntervalMs: 100, retryBaseSeconds: 1, maxAttempts: 20 },
});
const official = await signIn(app, 'official1');
const organizer = await signIn(app, 'organizer');
const ja = await signIn(app, 'attendee2'); // ja, Asia/Tokyo
const en = await signIn(app, 'attendee3'); // en, America/New_York
const idOf = async (c: Client) => (await c.get('/api/me')).json().user as { id: string; email: string };
const jaUser = await idOf(ja);
const enUser = await idOf(en);

let day = 0;
async function publishedRoundTable(title: string) {
  const date = `2028-03-${String(++day + 10).padStart(2, '0')}`;
  const created = await official.post('/api/round-tables', {
    titleEn: title,
    titleJa: `${title}（日本語）`,
    titleZh: `${title}（中文）`,
    start: `${date}T14:00`,
    end: `${date}T16:00`,
    capacity: 10,
    venueName: `Mail hall ${date}`,
    venueCityEn: 'Tianjin',
    venueCityJa: '天津',
    venueCityZh: '天津',
  });
  t.equal(created.statusCode, 201, created.statusCode === 201 ? 'created' : created.body);
  const rt = created.json<{ id: string }>();
  t.equal((await official.post(`/api/round-tables/${rt.id}/publish`)).statusCode, 200);
  for (const c of [ja, en]) t.equal((await c.post(`/api/round-tables/${rt.id}/registration`)).statusCode, 201);
  return { ...rt, date };
}

t.test('a reschedule: feed row, live push and e-mail for each registrant, in their language, with both zones', async (t) => {
  const rt = await publishedRoundTable('Mail reschedule');
  const socket = await injectLive(app, en);
  t.teardown(() => socket.close());
  const subscribed = await socket.command({ type: 'subscribe', stream: `user:${enUser.id}` });
  t.equal(subscribed.type, 'snapshot');
  const before = smtp.messages.length;

  const res = await official.post(`/api/round-tables/${rt.id}/reschedule`, {
    start: `${rt.date}T18:00`,
    end: `${rt.date}T19:30`,
    reason: 'Minister available',
  });
  t.equal(res.statusCode, 200, res.statusCode === 200 ? 'rescheduled' : res.body);

  const push = await socket.waitFor((f) => f.type === 'event' && f.event === 'feed.item' && (f.data as { type: string }).type === 'roundtable.rescheduled');
  t.match(push.data, { type: 'roundtable.rescheduled', link: `/round-tables/${rt.id}`, data: { roundTableId: rt.id, timeZone: 'Asia/Shanghai' } }, 'live push');

  for (const c of [ja, en]) {
    const feed = (await c.get('/api/feed?limit=5')).json();
    const item = feed.items.find(
      (i: { type: string; data: { roundTableId?: string } }) => i.type === 'roundtable.rescheduled' && i.data.roundTableId === rt.id,
    );
    t.ok(item, 'feed row');
    t.equal(item.link, `/round-tables/${rt.id}`);
    t.ok(feed.unread >= 1);
  }

  await until(
    () => smtp.to(jaUser.email).some((m) => m.subject.includes('Mail reschedule（日本語）') && m.subject.includes('日程')),
    60_000,
    'the Japanese e-mail',
  ).catch(async (err) => {
    t.comment(JSON.stringify(await database.db.select().from(outbox)), JSON.stringify(smtp.messages.map((m) => [m.to, m.subject])));
    throw err;
  });
  await until(() => smtp.to(enUser.email).some((m) => m.subject === '"Mail reschedule" was rescheduled'), 60_000, 'the English e-mail');
  const jaMail = smtp.to(jaUser.email).find((m) => m.subject.includes('Mail reschedule（日本語）') && m.subject.includes('日程'))!;
  const enMail = smtp.to(enUser.email).find((m) => m.subject === '"Mail reschedule" was rescheduled')!;
  t.match(jaMail.text, /日時：2028年3月\d+日\(.\) 18:00–19:30 天津時間 · 19:00–20:30 日本標準時\n/, "the venue's city first, then the reader zone");
  t.match(jaMail.text, /変更前：2028年3月\d+日\(.\) 14:00–16:00 天津時間 · 15:00–17:00 日本標準時\n/, 'the previous time the same way');
  t.match(jaMail.text, /タイムゾーン：Asia\/Shanghai/, 'the venue zone as a detail');
  t.match(jaMail.text, /理由：Minister available/);
  t.match(enMail.text, /When: \w+, \d+ Mar 2028, 18:00–19:30 Tianjin time · 05:00–06:30 Eastern Time\n/);
  t.match(enMail.text, /Time zone: Asia\/Shanghai/);
  t.match(enMail.html, /<a href="http:\/\/localhost:3000\/#\/round-tables\//, 'HTML part with the link');
  t.match(enMail.rawHeaders, /List-Unsubscribe: <http:\/\/localhost:3000\/api\/notifications\/unsubscribe\?token=/);
  t.match(enMail.rawHeaders, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  t.ok(smtp.messages.length > before);
  const rows = await database.db.select().from(outbox).where(eq(outbox.kind, 'roundtable.rescheduled'));
  t.ok(rows.every((r) => r.status === 'sent' || r.status === 'sending'));
});

t.test('the unsubscribe link: opening it asks, the POST (its button, RFC 8058 one-click) turns the category to in-app; a tampered one is a 400', async (t) => {
  const mail = smtp.to(enUser.email).find((m) => m.subject.includes('was rescheduled'))!;
  const link = /http:\/\/localhost:3000(\/api\/notifications\/unsubscribe\?token=\S+)/.exec(mail.text)![1]!;
  const tampered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  const bad = await app.inject({ method: 'GET', url: tampered });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'INVALID_UNSUBSCRIBE_TOKEN');
  const otherCategory = link.replace('my_roundtables', 'reminders');
  t.equal((await app.inject({ method: 'GET', url: otherCategory })).statusCode, 400, 'the signature covers the category');

  const modeNow = async () =>
    (await en.get('/api/me/notification-preferences')).json().find((p: { category: string }) => p.category === 'my_roundtables').mode as string;
  const page = await app.inject({ method: 'GET', url: link });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.body, /Stop e-mails for “My round-tables”\?/, 'a confirmation page in their language');
  const token = new URL(link, 'http://localhost:3000').searchParams.get('token')!;
  t.ok(page.body.includes(`<form method="post" action="?token=${encodeURIComponent(token)}">`), 'whose button POSTs to the same link');
  t.equal(await modeNow(), 'immediate', 'opening the link changes nothing (scanners follow links)');

  // What a mail client sends for List-Unsubscribe-Post (RFC 8058): a form body, no cookie, no Origin.
  const badPost = await app.inject({
    method: 'POST',
    url: tampered,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  t.equal(badPost.json().code, 'INVALID_UNSUBSCRIBE_TOKEN', 'a tampered one-click POST is a 400 too');
  t.equal(await modeNow(), 'immediate');
  const done = await app.inject({
    method: 'POST',
    url: link,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  t.equal(done.statusCode, 200, 'RFC 8058 one-click POST');
  t.match(done.body, /You will no longer receive e-mails for “My round-tables”/);
  t.equal(await modeNow(), 'in_app', 'unsubscribed');
  const again = await app.inject({ method: 'POST', url: link, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' });
  t.equal(again.statusCode, 200, 'again, as multipart: still fine');

  const rt = await publishedRoundTable('After unsubscribe');
  await official.post(`/api/round-tables/${rt.id}/cancel`, { reason: 'Storm' });
  await until(() => smtp.to(jaUser.email).some((m) => m.subject.includes('After unsubscribe')), 60_000, 'the other registrant still mailed');
  const cancelled = smtp.to(jaUser.email).find((m) => m.subject.includes('After unsubscribe'))!;
  t.match(
    cancelled.text,
    /日時：2028年3月\d+日\(.\) 14:00–16:00 天津時間 · 15:00–17:00 日本標準時\nタイムゾーン：Asia\/Shanghai/,
    "the cancellation writes the time the one way: the venue's city first, the reader's zone beside it, the IANA zone a detail",
  );
  t.notOk(
    smtp.to(enUser.email).some((m) => m.subject.includes('After unsubscribe') && m.subject.includes('cancelled')),
    'no e-mail after unsubscribing',
  );
  const feed = (await en.get('/api/feed?limit=5')).json();
  t.ok(
    feed.items.some((i: { type: string }) => i.type === 'roundtable.cancelled'),
    'still in the feed',
  );
});

t.test('preferences: defaults, change, unknown category is a 400 and nothing is written', async (t) => {
  const prefs = (await ja.get('/api/me/notification-preferences')).json();
  t.same(
    prefs.map((p: { category: string }) => p.category),
    ['my_issues', 'supported_issues', 'my_roundtables', 'reminders', 'live_start'],
  );
  const bad = await ja.request('PUT', '/api/me/notification-preferences', [
    { category: 'reminders', mode: 'in_app' },
    { category: 'gossip', mode: 'immediate' },
  ]);
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'UNKNOWN_CATEGORY');
  t.equal(
    (await ja.get('/api/me/notification-preferences')).json().find((p: { category: string }) => p.category === 'reminders').mode,
    'immediate',
    'nothing half-written',
  );
  const badMode = await ja.request('PUT', '/api/me/notification-preferences', [{ category: 'reminders', mode: 'loud' }]);
  t.equal(badMode.statusCode, 400);
  const ok = await ja.request('PUT', '/api/me/notification-preferences', [{ category: 'supported_issues', mode: 'digest', digestHour: 7 }]);
  t.equal(ok.statusCode, 200, ok.body);
  t.match(
    ok.json().find((p: { category: string }) => p.category === 'supported_issues'),
    { mode: 'digest', digestHour: 7 },
  );
});

t.test('the relay down for a while: messages stay queued, are retried, and each arrives exactly once', async (t) => {
  const earlier = new Set((await database.db.select({ id: outbox.id }).from(outbox)).map((r) => r.id));
  await smtp.stop();
  const rt = await publishedRoundTable('Relay outage');
  const res = await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: `${rt.date}T09:00`, end: `${rt.date}T10:00` });
  t.equal(res.statusCode, 200, 'the request that caused the mail does not fail');
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < 6; i++)
      await queueAccountMail(tx, {
        kind: 'account.password_reset',
        toAddress: `outage${i}@example.org`,
        language: 'en',
        timeZone: 'UTC',
        params: { url: 'http://x/#/r', expiresAt: new Date().toISOString() },
      });
  });
  const mine = async () => (await database.db.select().from(outbox)).filter((r) => !earlier.has(r.id) && r.status !== 'digest' && r.status !== 'merged');
  await until(async () => (await mine()).filter((r) => r.attempts >= 1 && r.lastError !== null).length >= 7, 30_000, 'failed attempts to be recorded');
  t.ok(
    (await mine()).every((r) => r.status !== 'sent'),
    'nothing sent while the relay is down',
  );
  await smtp.start();
  await until(async () => (await mine()).every((r) => r.status === 'sent'), 60_000, 'every message sent after the relay is back');
  const rows = await mine();
  t.ok(rows.length >= 7, 'the reschedule and the account mails');
  t.ok(rows.some((r) => r.toAddress === jaUser.email && r.kind === 'roundtable.rescheduled'));
  await new Promise((r) => setTimeout(r, 500));
  for (const row of rows) t.equal(smtp.messages.filter((m) => m.outboxId === row.id).length, 1, `${row.toAddress} ${row.kind}: exactly once`);
  const ids = smtp.messages.map((m) => m.outboxId);
  t.equal(new Set(ids).size, ids.length, 'no message arrived twice');
});

t.test('the development mailbox: off while SMTP_URL sends the mail; for organizers, both parts rendered, without it', async (t) => {
  t.equal((await ja.get('/api/outbox')).statusCode, 403);
  const off = await organizer.get('/api/outbox?limit=5');
  t.equal(off.statusCode, 404);
  t.equal(off.json().code, 'DEV_MAILBOX_OFF');
  t.same((await organizer.get('/api/outbox/status')).json(), { devMailbox: false }, 'the client hides its link');

  const local = await testApp(t, database); // no SMTP_URL: the embedded default
  const organizerThere = await signIn(local, 'organizer');
  t.same((await organizerThere.get('/api/outbox/status')).json(), { devMailbox: true });
  t.equal((await (await signIn(local, 'attendee2')).get('/api/outbox')).statusCode, 403);
  const list = (await organizerThere.get('/api/outbox?limit=200')).json();
  const mail = list.find((m: { subject: string; text: string }) => m.subject.includes('was rescheduled') && m.text.includes('Asia/Shanghai'));
  t.ok(mail, 'rendered as sent');
  t.match(mail.html, /<a href="http:\/\/localhost:3000\/#\/round-tables\//, 'with its HTML part');
});

t.test('a live-start e-mail shows the start in both zones, the venue first, as pages and calendars write it', async (t) => {
  const params = {
    roundTableId: enUser.id,
    title: { en: 'Live now', ja: 'ライブ', zh: '直播' },
    startsAt: '2028-03-01T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  };
  const ctx = { language: 'en', timeZone: 'America/New_York', publicUrl: 'http://localhost:3000' } as const;
  const mail = render('roundtable.live', { ...params, venueCityEn: 'Tianjin', venueCityJa: '天津', venueCityZh: '天津' }, ctx);
  t.equal(mail.subject, '"Live now" has started');
  t.match(mail.text, /When: Wed, 1 Mar 2028, 14:00 Tianjin time · 01:00 Eastern Time\nTime zone: Asia\/Shanghai\n/);
  t.match(render('roundtable.live', params, ctx).text, /When: Wed, 1 Mar 2028, 14:00 China Standard Time · 01:00 Eastern Time/, 'no city: the zone’s name');
  t.match(
    render('roundtable.live', params, { ...ctx, language: 'zh' }).text,
    /时间：2028年3月1日周三 14:00 中国标准时间 · 01:00 北美东部时间\n时区：Asia\/Shanghai/,
  );
  t.equal(
    render('action.reminder', { dueDate: '2026-06-30', description: '开通快速通道' }, { ...ctx, language: 'ja' }).subject,
    '対応事項の期限 2026年6月30日：开通快速通道',
    "a due date in the recipient's language",
  );
  t.match(mail.text, /http:\/\/localhost:3000\/#\/live\//);
  t.match(mail.html, /Asia\/Shanghai/);
});

t.test('an invalid SMTP_URL stops the start naming it, without its password', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'http://mail.example' }), {
    name: 'ConfigError',
    message: /SMTP_URL="http:\/\/mail.example" must be a URL/,
  });
  t.throws(() => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'not a url' }), { message: /SMTP_URL="not a url"/ });
  let error: unknown;
  t.throws(() => {
    try {
      loadConfig({ NODE_ENV: 'test', SMTP_URL: 'imap://mailer:s3cret-pw@relay.example:993' });
    } catch (err) {
      error = err;
      throw err;
    }
  }, ConfigError);
  t.match((error as Error).message, /SMTP_URL="imap:\/\/mailer:\*\*\*@relay.example:993/);
  t.notMatch((error as Error).message, /s3cret-pw/, 'the password is not in the start-up error');
  t.equal(redactUrl('smtp://u:pw@ho st'), 'smtp://u:***@ho st', 'nor in one that does not parse');
  t.equal(loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://user:pw@relay.example:587' }).mail.smtpUrl, 'smtp://user:pw@relay.example:587');
});

t.test('the SMTP password never reaches the logs', async (t) => {
  const lines: string[] = [];
  const stream = { write: (line: string) => void lines.push(line) };
  const logged = await buildApp({
    config: testConfig({ mail: { ...testConfig().mail, smtpUrl: 'smtp://mailer:s3cret-pw@127.0.0.1:1', outboxIntervalMs: 60_000 } }),
    database,
    logger: { level: 'info', stream },
  });
  await logged.ready();
  await logged.close();
  t.ok(
    lines.some((l) => l.includes('smtp://mailer:***@127.0.0.1:1')),
    'the relay is named, masked',
  );
  t.notOk(
    lines.some((l) => l.includes('s3cret-pw')),
    'the password is not',
  );
});

t.test("a merge tells the primary issue's company (feed, live push, e-mail), naming the duplicate only if it may see it", async (t) => {
  const hanami = await signIn(app, 'hanami');
  const sakura = await signIn(app, 'sakura');
  const hanamiUser = await idOf(hanami);
  const primary = await createIssue(hanami, { title: 'Primary for the merge notice' });
  const open = await createIssue(sakura, { title: 'Public duplicate for the merge notice' });
  const secret = await createIssue(sakura, { title: 'Confidential duplicate for the merge notice', visibility: 'confidential' });
  const socket = await injectLive(app, hanami);
  t.teardown(() => socket.close());
  t.equal((await socket.command({ type: 'subscribe', stream: `user:${hanamiUser.id}` })).type, 'snapshot');
  for (const dup of [open, secret]) {
    await command(official, dup.id, 'start_review');
    const merged = await official.post(`/api/issues/${dup.id}/merge`, { primaryId: primary.id, reason: 'Same port' });
    t.equal(merged.statusCode, 200, merged.body);
  }
  const push = await socket.waitFor((f) => f.type === 'event' && f.event === 'feed.item' && (f.data as { type: string }).type === 'issue.merged_in');
  t.match(push.data, { issueId: primary.id, link: `/issues/${primary.id}` }, 'live push');
  const items = (await hanami.get('/api/feed?limit=10')).json().items.filter((i: { type: string }) => i.type === 'issue.merged_in');
  t.equal(items.length, 2, 'one notice per merge');
  t.ok(items.every((i: { issueId: string }) => i.issueId === primary.id));
  t.ok(items.some((i: { data: { duplicateTitle?: string } }) => i.data.duplicateTitle === 'Public duplicate for the merge notice'));
  t.notOk(JSON.stringify(items).includes('Confidential duplicate'), 'a confidential duplicate is not named to another company');
  t.notOk(JSON.stringify(items).includes(secret.id), 'nor its id');
  await until(() => smtp.to(hanamiUser.email).filter((m) => m.subject.includes('Primary for the merge notice')).length === 2, 60_000, 'two e-mails');
  const mails = smtp.to(hanamiUser.email).filter((m) => m.subject.includes('Primary for the merge notice'));
  t.ok(mails.some((m) => m.text.includes('Public duplicate for the merge notice')));
  t.notOk(
    mails.some((m) => m.text.includes('Confidential duplicate')),
    'nor in the e-mail',
  );
});
