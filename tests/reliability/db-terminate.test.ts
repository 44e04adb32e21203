// Regression on the PostgreSQL server: the app's backends are terminated over and over while requests
// run. The `postgres` driver 3.4.9 used to throw from a setImmediate (connection.js nextWrite on a null
// socket) and take the whole process down; this file's process would then die and the test fail.
// After the storm the app must answer normally again without a restart.
import t from 'tap';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { serverUrlOf, stranger, testConfig, testDatabase } from '../helpers/app.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  t.plan(0, 'needs the PostgreSQL server (DATABASE_URL)');
} else {
  void t.test('terminating every app backend repeatedly while requests run does not crash the process', async (t) => {
    t.setTimeout(240_000);
    const database = await testDatabase(t);
    // Errors the app logs (a 5xx names its cause there), so a failure below says what broke.
    const logged: string[] = [];
    const app = await buildApp({ config: testConfig(), database, logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } } });
    t.teardown(() => app.close());
    const dbName = new URL(serverUrlOf(database)!).pathname.slice(1);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    t.teardown(() => admin.end());
    const client = stranger(app);
    const statuses = new Map<number, number>();
    let stop = false;
    const load = async () => {
      while (!stop) {
        const res = await client.get('/api/round-tables');
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    };
    // Transactions pin a connection (the path that crashed): what every write of the app does.
    let txOk = 0;
    let txFailed = 0;
    const transactions = async () => {
      while (!stop) {
        try {
          await database.db.transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            await tx.execute(sql`select pg_sleep(0.01)`);
          });
          txOk++;
        } catch {
          txFailed++;
        }
      }
    };
    const workers = [...Array.from({ length: 4 }, load), ...Array.from({ length: 4 }, transactions)];
    let killed = 0;
    for (let round = 0; round < 12; round++) {
      await new Promise((r) => setTimeout(r, 150));
      const rows = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity
        where datname = ${dbName} and pid <> pg_backend_pid()`;
      killed += rows.length;
    }
    stop = true;
    // Bounded wait: the driver can still strand a query whose connection died mid-transaction (a
    // remaining upstream defect, see the README); stranded requests are reported, not awaited.
    let unsettled = workers.length;
    for (const w of workers) void w.then(() => unsettled--);
    await Promise.race([Promise.all(workers), new Promise((r) => setTimeout(r, 15_000))]);
    t.comment(`requests still waiting on the driver after the storm: ${unsettled}`);
    t.ok(killed > 0, `terminated ${killed} backends`);
    t.comment(`transactions: ${txOk} committed, ${txFailed} failed with a connection error`);
    t.ok(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      `only 200 or 503: ${JSON.stringify([...statuses])}${statuses.has(500) ? `\n${logged.filter((l) => l.includes('request failed')).join('')}` : ''}`,
    );
    t.ok((statuses.get(503) ?? 0) > 0, 'the storm was felt (some 503 DATABASE_UNAVAILABLE)');
    // Recovery without a restart.
    let res = await client.get('/api/round-tables');
    for (let i = 0; i < 20 && res.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await client.get('/api/round-tables');
    }
    t.equal(res.statusCode, 200, 'answers again after the storm');
  });
}
