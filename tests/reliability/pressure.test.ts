// Overload is shed, not suffered: past the event-loop delay limit requests answer 503 OVERLOADED with
// Retry-After in the documented shape (the liveness probe still answers), and recover once the loop is
// free; the WebSocket endpoint refuses sockets past its total (OVERLOADED, close 1013) and signed-out
// sockets past the per-address limit (TOO_MANY_CONNECTIONS, close 1008); background jobs (here the outbox
// worker) skip their rounds while the instance is under pressure and catch up afterwards.
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { demoEmail, signIn, stranger, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { injectLive } from '../helpers/live.js';

const database = await testDatabase(t);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

void t.test('a blocked event loop sheds requests with 503 OVERLOADED, then recovers', async (t) => {
  const app = await testApp(t, database, { pressure: { maxEventLoopDelayMs: 100, maxHeapUsedMb: 0, maxRssMb: 0, sampleIntervalMs: 400 } });
  const client = stranger(app);
  // On a busy test machine the loop may already be slow: start from a calm moment.
  let calm = await client.get('/api/round-tables');
  for (let i = 0; i < 100 && calm.statusCode !== 200; i++) {
    await sleep(50);
    calm = await client.get('/api/round-tables');
  }
  t.equal(calm.statusCode, 200, 'fine before');
  // Block the loop for 1.2 s; the next sample (every 400 ms) sees it and the instance sheds until the one after.
  // A loaded machine can let that window pass between two requests: block again then (at most five times).
  const block = () => {
    const until = Date.now() + 1200;
    while (Date.now() < until) {
      /* busy */
    }
  };
  let shed = calm;
  for (let round = 0; round < 5 && shed.statusCode !== 503; round++) {
    block();
    shed = await client.get('/api/round-tables');
    for (let i = 0; i < 30 && shed.statusCode !== 503; i++) {
      await sleep(20);
      shed = await client.get('/api/round-tables');
    }
  }
  t.equal(shed.statusCode, 503, 'shed');
  t.same(Object.keys(shed.json()).sort(), ['code', 'details', 'error', 'message', 'statusCode'], 'in the documented shape');
  t.match(shed.json(), { code: 'OVERLOADED', error: 'Service Unavailable', details: { reason: 'eventLoopDelay' } });
  t.equal(shed.headers['retry-after'], String(testConfig().database.retryAfterSeconds), 'with Retry-After');
  t.equal((await client.get('/healthz')).statusCode, 200, 'the liveness probe still answers');
  let res = shed;
  for (let i = 0; i < 100 && res.statusCode !== 200; i++) {
    await sleep(50);
    res = await client.get('/api/round-tables');
  }
  t.equal(res.statusCode, 200, 'answers again once the loop is free');
});

void t.test('a tiny heap limit sheds every request but the liveness probe with 503 OVERLOADED', async (t) => {
  // 1 MB: any Node process is past it at the first sample, so the limit is certain to trigger.
  const app = await testApp(t, database, { pressure: { maxEventLoopDelayMs: 0, maxHeapUsedMb: 1, maxRssMb: 0, sampleIntervalMs: 50 } });
  const client = stranger(app);
  let res = await client.get('/api/round-tables');
  for (let i = 0; i < 100 && res.statusCode !== 503; i++) {
    await sleep(50);
    res = await client.get('/api/round-tables');
  }
  t.equal(res.statusCode, 503, 'shed');
  t.same(Object.keys(res.json()).sort(), ['code', 'details', 'error', 'message', 'statusCode'], 'in the documented shape');
  t.match(res.json(), { statusCode: 503, code: 'OVERLOADED', error: 'Service Unavailable', details: { reason: 'heapUsedBytes' } });
  t.equal(res.headers['retry-after'], String(testConfig().database.retryAfterSeconds), 'with Retry-After');
  t.equal((await client.post('/api/auth/sign-in', { email: demoEmail('attendee1'), password: 'x' })).json().code, 'OVERLOADED', 'writes too');
  t.equal((await client.get('/healthz')).statusCode, 200, 'the liveness probe still answers');
});

void t.test('the WebSocket endpoint refuses sockets past its total and signed-out sockets past the per-address limit', async (t) => {
  const base = testConfig().live;
  const app = await testApp(t, database, { live: { ...base, maxSockets: 3, maxAnonymousSocketsPerAddress: 2 } });
  const a1 = await injectLive(app);
  const a2 = await injectLive(app);
  const a3 = await injectLive(app);
  const refused = await a3.waitFor((f) => f.type === 'error');
  t.match(refused, { type: 'error', statusCode: 429, code: 'TOO_MANY_CONNECTIONS', error: 'Too Many Requests' });
  t.match(await a3.closed, { code: 1008 }, 'a third signed-out socket from one address is closed (policy)');

  const user = await signIn(app, 'attendee1');
  const u1 = await injectLive(app, user);
  const u2 = await injectLive(app, user);
  const overload = await u2.waitFor((f) => f.type === 'error');
  t.match(overload, { type: 'error', statusCode: 503, code: 'OVERLOADED', error: 'Service Unavailable' });
  t.type(overload.retryAfterMs, 'number', 'retryable');
  t.match(await u2.closed, { code: 1013 }, 'past the total: closed with 1013 (try again later)');

  for (const c of [a1, a2, u1]) c.close();
});

void t.test('the outbox worker skips its rounds while the instance is under pressure, and sends afterwards', async (t) => {
  const base = testConfig();
  const sent: string[] = [];
  const app = await buildApp({
    config: { ...base, mail: { ...base.mail, outboxIntervalMs: 50 } },
    database,
    logger: false,
    mailSender: async (mail) => void sent.push(mail.to),
  });
  t.teardown(() => app.close());
  // Under pressure as the jobs see it (the sampled state is tested above); requests are still answered.
  const sampled = app.isUnderPressure.bind(app);
  let pressed = true;
  app.isUnderPressure = () => pressed || sampled();
  await app.ready();
  // A round begun before (sending the seeded mail) may still be sending: wait until it is done.
  for (let quiet = 0, seen = -1; quiet < 10; quiet = sent.length === seen ? quiet + 1 : 0, seen = sent.length) await sleep(50);
  const email = demoEmail('attendee2');
  const res = await stranger(app).post('/api/auth/password-reset', { email });
  t.equal(res.statusCode, 202, 'a mail is queued');
  const mark = sent.length;
  await sleep(1000); // some twenty rounds of the worker
  t.same(sent.slice(mark), [], 'nothing is sent while under pressure');
  pressed = false;
  for (let i = 0; i < 300 && !sent.slice(mark).includes(email); i++) await sleep(50);
  t.ok(sent.slice(mark).includes(email), 'sent once the pressure is gone');
});
