// Configuration errors, start-up on an empty embedded database, graceful shutdown.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { freePort } from './helpers/browser.js';
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

/** Runs src/server.ts in a child process (as `npm start` would, without the build step). */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 600 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    return output.includes(text);
  };
  return { child, exited, waitFor, output: () => output };
}

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
