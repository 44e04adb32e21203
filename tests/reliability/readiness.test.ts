// /readyz names the true reason, within its deadline: MIGRATIONS_PENDING only when the migrations table
// is missing or behind the folder, DATABASE_UNAVAILABLE when the database cannot be reached (a closed
// port, a server that accepts and never answers, a proxy to the server that goes away).
import net from 'node:net';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate, migrationsApplied } from '../../src/db/migrate.js';
import { readiness } from '../../src/modules/health/health.service.js';
import { serverUrlOf, stranger, testApp, testConfig, testDatabase } from '../helpers/app.js';

const settings = (over: Partial<ReturnType<typeof loadConfig>['database']> = {}) => ({ ...loadConfig({}).database, ...over });

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

void t.test('MIGRATIONS_PENDING when the migrations table is missing, then when it is behind', async (t) => {
  const database = await testDatabase(t, { migrated: false });
  const app = await testApp(t, database);
  const missing = await stranger(app).get('/readyz');
  t.equal(missing.statusCode, 503);
  t.match(missing.json(), { statusCode: 503, code: 'MIGRATIONS_PENDING', error: 'Service Unavailable' }, 'no migrations table (42P01)');
  t.ok(missing.headers['retry-after'], 'with Retry-After');

  await migrate(database);
  t.same((await stranger(app).get('/readyz')).json(), { status: 'ready' }, 'ready once migrated');
  await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
  t.equal((await stranger(app).get('/readyz')).json().code, 'MIGRATIONS_PENDING', 'one migration behind');
});

void t.test('DATABASE_UNAVAILABLE for a closed port, and within the deadline for a server that never answers', async (t) => {
  const refused = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/none`, dataDir: '', database: settings() });
  t.teardown(() => refused.close());
  t.equal(await readiness(refused.db, 800), 'DATABASE_UNAVAILABLE', 'connection refused');
  await t.rejects(migrationsApplied(refused.db), 'an unreachable database is not a pending migration');

  // Accepts the connection and never says a word: only the readiness deadline can answer.
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => void sockets.add(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const { port } = silent.address() as net.AddressInfo;
  const mute = await openDatabase({
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/none`,
    dataDir: '',
    database: settings({ connectTimeoutSeconds: 60 }),
  });
  t.teardown(() => mute.close());
  const started = Date.now();
  t.equal(await readiness(mute.db, 300), 'DATABASE_UNAVAILABLE', 'no answer in time');
  const elapsed = Date.now() - started;
  t.comment(`answered after ${elapsed} ms`);
  t.ok(elapsed < 30_000, 'by the deadline, not the 60 s connect timeout');
});

void t.test('/readyz says DATABASE_UNAVAILABLE once the port of the database closes, and ready when it opens again', async (t) => {
  const database = await testDatabase(t, { seed: false });
  const target = serverUrlOf(database);
  if (!target) {
    t.plan(0, 'needs the PostgreSQL server (DATABASE_URL): the embedded database has no port');
    return;
  }
  // A TCP proxy to the test database: closing it is the database's port closing, for this app alone.
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(server).pipe(client);
  });
  const open = (port = 0) => new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  await open();
  const { port } = proxy.address() as net.AddressInfo;
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    proxy.close();
  });
  const proxied = new URL(target);
  proxied.host = `127.0.0.1:${port}`;
  const viaProxy = await openDatabase({ databaseUrl: proxied.toString(), dataDir: '', database: settings({ connectTimeoutSeconds: 1 }) });
  t.teardown(() => viaProxy.close());
  const app = await testApp(t, viaProxy);
  t.same((await stranger(app).get('/readyz')).json(), { status: 'ready' });

  await new Promise((resolve) => {
    proxy.close(resolve);
    for (const s of sockets) s.destroy();
  });
  const down = await stranger(app).get('/readyz');
  t.equal(down.statusCode, 503);
  t.same(Object.keys(down.json()).sort(), ['code', 'error', 'message', 'statusCode'], 'in the documented shape');
  t.equal(down.json().code, 'DATABASE_UNAVAILABLE', 'the true reason, not MIGRATIONS_PENDING');
  t.equal(down.headers['retry-after'], String(testConfig().database.retryAfterSeconds), 'with Retry-After');

  await open(port);
  let again = await stranger(app).get('/readyz');
  for (let i = 0; i < 100 && again.statusCode !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    again = await stranger(app).get('/readyz');
  }
  t.equal(again.statusCode, 200, 'ready again without a restart');
});
