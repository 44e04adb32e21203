// Throttles: sign-in per account whatever the address and per address whatever the account, keys built
// from the parsed body, the client address taken from the entry our one proxy appended to
// X-Forwarded-For (TRUST_PROXY=1, as in docker-compose.yml) so a forged header changes nothing; per-user
// throttles of issue creation, messages, uploads, similar-issue queries and invitations; and counters
// shared by two instances (PostgreSQL table), so running more instances does not multiply a limit.
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { ORIGIN, signIn, testApp, testDatabase } from '../helpers/app.js';
import { issueBody } from '../helpers/issues.js';

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
