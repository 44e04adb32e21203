// Configuration errors, start-up on an empty embedded database, graceful shutdown.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { freePort } from './helpers/browser.js';
import { startServer } from './helpers/server-process.js';
import { serverUrlOf, testConfig, testDatabase } from './helpers/app.js';
import { openDatabase } from '../src/db/client.js';
import { migrate, migrationsApplied } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed/index.js';

t.test('a bad configuration value is named', async (t) => {
  const err = t.throws(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', WEB_ORIGINS: 'example.org' })) as ConfigError;
  t.ok(err instanceof ConfigError);
  for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'WEB_ORIGINS']) t.match(err.message, name);
  t.same(loadConfig({}).webOrigins, ['http://localhost:3000', 'http://127.0.0.1:3000']);
  t.equal(loadConfig({ NODE_ENV: 'production' }).cookieSecure, true, 'secure cookies outside development');
});

/** Fetch as a client or a readiness probe does: a 503 (load shed while the fresh instance is busy) is retried after its Retry-After. */
async function patientFetch(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, init);
    if (res.status !== 503 || attempt === 20) return res;
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
  }
}

t.test('the server refuses to start on bad configuration, with a message naming it', async (t) => {
  const server = startServer({ PORT: 'abc' });
  t.equal(await server.exited, 2);
  t.match(server.output(), /PORT="abc" must be an integer/);
});

t.test('first start of an empty embedded database: migrations, demo data, ready; SIGTERM stops cleanly', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rt-data-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const server = startServer({ PORT: String(port), DATA_DIR: dataDir });
  t.ok(await server.waitFor('Roundtable is running'), 'started');
  t.match(server.output(), /seeded demo data/);
  const ready = await patientFetch(`http://127.0.0.1:${port}/readyz`);
  t.equal(ready.status, 200, await ready.clone().text());
  const signIn = await patientFetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify({ email: 'organizer@jetro.example', password: 'roundtable-demo' }),
  });
  t.equal(signIn.status, 200, `demo accounts work: ${await signIn.clone().text()}`);
  server.child.kill('SIGTERM');
  t.equal(await server.exited, 0, 'exits 0 after a graceful close');
  t.match(server.output(), /shutting down/);
});

t.test('on close, WebSockets are told 1001 (going away) and the database closes last', async (t) => {
  const database = await testDatabase(t, { seed: false });
  const port = await freePort();
  const app = await buildApp({ config: testConfig({ port }), database, logger: false });
  app.get('/test-socket', { websocket: true }, () => {});
  await app.listen({ host: '127.0.0.1', port });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/test-socket`);
  await new Promise((resolve) => ws.once('open', resolve));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await app.close();
  t.equal(await closed, 1001);
});

t.test('a request not yet read when the instance shuts down answers 503 SHUTTING_DOWN in the documented shape', async (t) => {
  const database = await testDatabase(t, { seed: false });
  const port = await freePort();
  const app = await buildApp({ config: testConfig({ port }), database, logger: false });
  let release = () => {};
  let arrived = () => {};
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  app.get('/test-slow', async () => {
    arrived();
    await new Promise<void>((resolve) => (release = resolve));
    return { ok: true };
  });
  await app.listen({ host: '127.0.0.1', port });
  // A request in flight holds the close; a second one sent on its connection once closing has begun is
  // read while closing.
  const socket = connect(port, '127.0.0.1');
  let raw = '';
  socket.on('data', (d: Buffer) => (raw += d.toString()));
  const ended = new Promise((resolve) => socket.on('close', resolve));
  socket.write('GET /test-slow HTTP/1.1\r\nHost: x\r\n\r\n');
  await slowArrived;
  const closing = app.close();
  await new Promise((r) => setTimeout(r, 100));
  socket.write('GET /api/round-tables HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((r) => setTimeout(r, 100));
  release();
  await closing;
  await ended;
  const responses = raw.split(/(?=HTTP\/1\.1 )/);
  t.match(responses[0], /^HTTP\/1\.1 200 /, 'the request in flight finishes');
  t.match(responses[1], /^HTTP\/1\.1 503 /, 'the one not yet read answers 503');
  t.match(responses[1], /\r\nretry-after: \d+\r\n/i, 'with Retry-After');
  const body = JSON.parse(responses[1]!.slice(responses[1]!.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
  t.same(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode'], 'in the documented shape');
  t.match(body, { statusCode: 503, code: 'SHUTTING_DOWN', error: 'Service Unavailable' });
});

t.test('instances starting together apply the migrations once', async (t) => {
  const database = await testDatabase(t, { migrated: false });
  const url = serverUrlOf(database);
  const other = url ? await openDatabase({ databaseUrl: url, dataDir: '' }) : database;
  if (other !== database) t.teardown(() => other.close());
  t.notOk(await migrationsApplied(database.db), 'empty at first');
  await Promise.all([migrate(database), migrate(other)]);
  t.ok(await migrationsApplied(database.db));
  const [seededA, seededB] = await Promise.all([seedDemo(database), seedDemo(other)]);
  t.equal(Number(seededA) + Number(seededB), 1, 'demo data seeded exactly once');
});
