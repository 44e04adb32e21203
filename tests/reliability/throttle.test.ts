// Throttles: sign-in per account whatever the address and per address whatever the account, keys built
// from the parsed body, the client address taken from the entry our one proxy appended to
// X-Forwarded-For (TRUST_PROXY=1, as in docker-compose.yml) so a forged header changes nothing; per-user
// throttles of issue creation, messages, uploads, similar-issue queries and invitations; password reset per
// account and its link per address; invitation accept per address (each: 429 in the documented shape, and
// another user or address unaffected); and counters shared by two instances (PostgreSQL table), so running more instances does not multiply a limit.
import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config.js';
import type { App } from '../../src/app.js';
import { ORIGIN, demoEmail, signIn, testApp, testDatabase, type Client } from '../helpers/app.js';
import { createIssue, issueBody } from '../helpers/issues.js';

const database = await testDatabase(t);
const hops = loadConfig({ TRUST_PROXY: '1' }).trustProxy;

void t.test('sign-in is throttled by account and by address; a forged X-Forwarded-For changes nothing', async (t) => {
  const app = await testApp(t, database, { signInRateLimit: 3, signInAddressRateLimit: 5, trustProxy: hops });
  // What nginx sends: whatever the client claimed, then the address it really came from.
  const attempt = (email: string, realAddress: string, forged = '203.0.113.7') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '172.18.0.5',
      headers: { origin: ORIGIN, 'x-forwarded-for': `${forged}, ${realAddress}` },
      payload: { email, password: 'wrong password' },
    });

  const many: number[] = [];
  for (let i = 0; i < 7; i++) many.push((await attempt(`user${i}@example.org`, '10.0.0.1')).statusCode);
  t.same(many, [401, 401, 401, 401, 401, 429, 429], 'one address, five different e-mails, then 429');

  const spread: number[] = [];
  for (let i = 0; i < 5; i++) spread.push((await attempt('Target@Example.org', `10.0.1.${i}`)).statusCode);
  t.same(spread, [401, 401, 401, 429, 429], 'one account from five addresses: three attempts, then 429 (case-insensitive)');

  const forged: number[] = [];
  for (let i = 0; i < 7; i++) forged.push((await attempt(`forged${i}@example.org`, '10.0.2.1', `198.51.100.${i}`)).statusCode);
  t.same(forged, [401, 401, 401, 401, 401, 429, 429], 'a new forged X-Forwarded-For on each attempt changes nothing');

  t.equal((await attempt('someone.else@example.org', '10.0.3.1')).statusCode, 401, 'other accounts from other addresses unaffected');

  const limited = await attempt('flood@example.org', '10.0.0.1');
  t.equal(limited.statusCode, 429);
  t.same(Object.keys(limited.json()).sort(), ['code', 'details', 'error', 'message', 'statusCode'], '429 in the documented shape');
  t.equal(limited.json().code, 'RATE_LIMITED');
  t.equal(limited.json().error, 'Too Many Requests');
  t.ok(Number(limited.headers['retry-after']) >= 1, 'with Retry-After');
});

void t.test('the counters are shared: two instances together allow the limit once', async (t) => {
  const a = await testApp(t, database, { signInRateLimit: 4, signInAddressRateLimit: 1000 });
  const b = await testApp(t, database, { signInRateLimit: 4, signInAddressRateLimit: 1000 });
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) {
    const app = i % 2 ? b : a;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN },
      payload: { email: 'shared.counter@example.org', password: 'wrong password' },
    });
    statuses.push(res.statusCode);
  }
  t.same(statuses, [401, 401, 401, 401, 429, 429, 429, 429], 'four attempts across both instances, then 429 on either');
});

void t.test('per-user throttles: messages, similar-issue queries, issue creation, invitations', async (t) => {
  const app = await testApp(t, database, {
    throttles: { ...loadConfig({}).throttles, messagesPerMinute: 2, similarPerMinute: 3, issuesPerHour: 2, invitationsPerHour: 1 },
  });
  const rep = await signIn(app, 'sakura');
  const other = await signIn(app, 'kaze');
  const similar = async (c: typeof rep) => (await c.get('/api/issues/similar?title=customs%20clearance')).statusCode;
  t.same([await similar(rep), await similar(rep), await similar(rep), await similar(rep)], [200, 200, 200, 429], 'similar: three per minute');
  t.equal(await similar(other), 200, 'another user has their own budget');

  const created: number[] = [];
  for (let i = 0; i < 3; i++) created.push((await rep.post('/api/issues', issueBody({ submit: false }))).statusCode);
  t.same(created, [201, 201, 429], 'a third issue within the hour is refused');
  const issueId = (await other.post('/api/issues', issueBody())).json<{ id: string }>().id;

  const posted: number[] = [];
  for (let i = 0; i < 3; i++) posted.push((await other.post(`/api/issues/${issueId}/messages`, { body: `Question ${i}?` })).statusCode);
  t.same(posted, [201, 201, 429], 'messages: two per minute');

  const organizer = await signIn(app, 'organizer');
  const invite = (n: number) => organizer.post('/api/invitations', { email: `invitee${n}@example.org`, role: 'attendee', organizationId: null });
  t.same([(await invite(1)).statusCode, (await invite(2)).statusCode], [201, 429], 'invitations: one per hour');
});

/** A 429 in the documented shape, naming its throttle, with Retry-After. */
function limited(
  t: Test,
  res: { statusCode: number; json: () => { code?: string; details?: { throttle?: string } }; headers: Record<string, unknown> },
  throttle: string,
) {
  t.equal(res.statusCode, 429, `${throttle}: 429`);
  const body = res.json();
  t.same(Object.keys(body).sort(), ['code', 'details', 'error', 'message', 'statusCode'], `${throttle}: the documented shape`);
  t.match(body, { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', details: { throttle } });
  t.ok(Number(res.headers['retry-after']) >= 1, `${throttle}: with Retry-After`);
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20), Buffer.from('%%EOF')]);
function uploadOne(app: App, client: Client, issueId: string) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/issues/${issueId}/attachments`,
    headers: { origin: ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: client.cookie! },
    payload,
  });
}

void t.test('uploads, messages and similar-issue queries: each user has their own budget', async (t) => {
  const app = await testApp(t, database, { throttles: { ...loadConfig({}).throttles, uploadsPerHour: 2, messagesPerMinute: 1, similarPerMinute: 1 } });
  // Users the tests above left alone: their counters (shared in the database) are untouched.
  const hanami = await signIn(app, 'hanami');
  const midori = await signIn(app, 'midori');
  const mine = await createIssue(hanami);
  const theirs = await createIssue(midori);
  t.same([(await uploadOne(app, hanami, mine.id)).statusCode, (await uploadOne(app, hanami, mine.id)).statusCode], [201, 201], 'two uploads');
  limited(t, await uploadOne(app, hanami, mine.id), 'uploads:user');
  t.equal((await uploadOne(app, midori, theirs.id)).statusCode, 201, 'another user uploads');

  t.equal((await hanami.post(`/api/issues/${mine.id}/messages`, { body: 'First question?' })).statusCode, 201);
  limited(t, await hanami.post(`/api/issues/${mine.id}/messages`, { body: 'Second question?' }), 'messages:user');
  t.equal((await midori.post(`/api/issues/${theirs.id}/messages`, { body: 'My question?' })).statusCode, 201, 'another user posts');

  const similar = (c: Client) => c.get('/api/issues/similar?title=customs%20clearance');
  t.equal((await similar(hanami)).statusCode, 200);
  limited(t, await similar(hanami), 'similar:user');
  t.equal((await similar(midori)).statusCode, 200, 'another user queries');
});

void t.test('password reset: per account whatever the address, and the reset link per address', async (t) => {
  const app = await testApp(t, database, {
    trustProxy: hops,
    signInAddressRateLimit: 1000,
    throttles: { ...loadConfig({}).throttles, passwordResetPerHour: 2, acceptPerMinute: 2 },
  });
  const from = (address: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url, remoteAddress: '172.18.0.5', headers: { origin: ORIGIN, 'x-forwarded-for': address }, payload });
  const reset = (email: string, address: string) => from(address, '/api/auth/password-reset', { email });
  const target = demoEmail('attendee1');
  t.same([(await reset(target, '10.1.0.1')).statusCode, (await reset(target, '10.1.0.2')).statusCode], [202, 202], 'two requests for one account');
  limited(t, await reset(target.toUpperCase(), '10.1.0.3'), 'password-reset:account');
  t.equal((await reset(demoEmail('attendee2'), '10.1.0.3')).statusCode, 202, 'another account from the same address');

  const token = (address: string) => from(address, `/api/auth/password-reset/${'x'.repeat(40)}`, { password: 'a new long password' });
  t.same([(await token('10.1.1.1')).statusCode, (await token('10.1.1.1')).statusCode], [400, 400], 'unknown links are refused');
  limited(t, await token('10.1.1.1'), 'password-reset-token:address');
  t.equal((await token('10.1.1.2')).statusCode, 400, 'another address is still answered');
});

void t.test('accepting an invitation is throttled per address', async (t) => {
  const app = await testApp(t, database, { trustProxy: hops, throttles: { ...loadConfig({}).throttles, acceptPerMinute: 2 } });
  const accept = (address: string) =>
    app.inject({
      method: 'POST',
      url: `/api/invitations/by-token/${'y'.repeat(40)}/accept`,
      remoteAddress: '172.18.0.5',
      headers: { origin: ORIGIN, 'x-forwarded-for': address },
      payload: { displayName: 'Guesser', password: 'a long password here', language: 'en', timeZone: 'Asia/Tokyo' },
    });
  const first = [(await accept('10.2.0.1')).statusCode, (await accept('10.2.0.1')).statusCode];
  t.same(first, [404, 404], 'a guessed token is not found');
  limited(t, await accept('10.2.0.1'), 'invitation-accept:address');
  t.equal((await accept('10.2.0.2')).statusCode, 404, 'another address is still answered');
});
