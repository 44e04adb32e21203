// Test helpers: a real app on a real database. PGlite in memory by default; with DATABASE_URL,
// a fresh database on that server per test file (tap runs files in parallel).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed/identity.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const ORIGIN = 'http://localhost:3000';

const TEST_LOG_N = 12;

/** Tests sign in and write far more than a person would: throttles are tested on their own (tests/reliability/throttle.test.ts). */
const GENEROUS_THROTTLES = {
  SIGN_IN_ADDRESS_RATE_LIMIT: '100000',
  THROTTLE_ISSUES_PER_HOUR: '100000',
  THROTTLE_MESSAGES_PER_MINUTE: '100000',
  THROTTLE_UPLOADS_PER_HOUR: '100000',
  THROTTLE_SIMILAR_PER_MINUTE: '100000',
  THROTTLE_INVITATIONS_PER_HOUR: '100000',
  THROTTLE_ACCEPT_PER_MINUTE: '100000',
  THROTTLE_PASSWORD_RESET_PER_HOUR: '100000',
  // A loaded test machine stalls its event loop; load shedding is tested on its own (tests/reliability/pressure.test.ts).
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
  // Cheap password hashes (production: 17, 128 MiB each); the seed below uses the same, so nothing is rehashed.
  PASSWORD_SCRYPT_LOG_N: String(TEST_LOG_N),
};

/** The environment of a test instance, for a server started in a child process (src/server.ts) too. */
export const testEnv = (): Record<string, string> => ({ NODE_ENV: 'test', SIGN_IN_RATE_LIMIT: '1000', ...GENEROUS_THROTTLES });

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ ...testEnv(), DATA_DIR: 'memory://', PORT: '3000' }, overrides);
}

const serverUrls = new WeakMap<Database, string>();
/** The server URL of a test database (undefined on PGlite), to open a second connection pool to it. */
export const serverUrlOf = (database: Database) => serverUrls.get(database);

/** A database of its own for this test file (migrated and seeded unless told otherwise); dropped afterwards. */
export async function testDatabase(t: Teardown, { seed = true, migrated = true } = {}): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  let database: Database;
  if (serverUrl) {
    const name = `rt_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    serverUrls.set(database, url.toString());
    t.teardown(async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
    t.teardown(() => database.close());
  }
  if (!migrated) return database;
  await migrate(database);
  if (seed) await seedDemo(database, { N: 2 ** TEST_LOG_N, r: 8, p: 1 });
  return database;
}

/** The real app on the given database, closed at teardown. */
export async function testApp(t: Teardown, database: Database, overrides: Partial<Config> = {}): Promise<App> {
  const app = await buildApp({ config: testConfig(overrides), database, logger: false });
  await app.ready();
  t.teardown(() => app.close());
  return app;
}

export const demoEmail = (key: string) => {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  return user.email;
};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends requests as one browser would: its session cookie and our Origin. */
export class Client {
  constructor(
    readonly app: App,
    readonly cookie: string | null = null,
  ) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { origin: ORIGIN, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

export const stranger = (app: App) => new Client(app);

/** Signs in a demo user (by key, e.g. 'official1', or email) and returns their client. */
export async function signIn(app: App, who: string, password = DEMO_PASSWORD): Promise<Client> {
  const email = who.includes('@') ? who : demoEmail(who);
  const res = await new Client(app).post('/api/auth/sign-in', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rt_session');
  return new Client(app, `rt_session=${cookie!.value}`);
}
