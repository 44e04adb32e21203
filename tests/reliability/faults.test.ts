// Faults on the PostgreSQL server with two instances (server only): while a burst of writes runs through
// instance A and sockets follow the public stream on A and B, every backend of this test's database is
// terminated (pools and LISTEN connections), then the database is made unreachable for two seconds and
// back (what a restart looks like to the app, without touching anyone else's databases on the shared
// server). Afterwards every acknowledged write is in the log and every socket converged on the same
// gapless sequence, nothing duplicated; HTTP answered only 200 or 503 throughout.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import t from 'tap';
import { appendEvent, streamHead } from '../../src/live/event-log.js';
import { serverUrlOf, stranger, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { injectLive, type LiveClient } from '../helpers/live.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  t.pass('needs the PostgreSQL server (DATABASE_URL)');
} else {
  void t.test('terminated backends and an unreachable database mid-burst: nothing acknowledged is lost, every client converges', async (t) => {
    t.setTimeout(300_000);
    const database = await testDatabase(t);
    const live = { ...testConfig().live, pollMs: 500, retryAfterMs: 200 };
    const a = await testApp(t, database, { live });
    const b = await testApp(t, database, { live });
    const dbName = new URL(serverUrlOf(database)!).pathname.slice(1);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const reopen = () => admin.unsafe(`alter database ${dbName} allow_connections true`);
    t.teardown(async () => {
      await reopen();
      await admin.end();
    });
    const terminate = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;

    const from = await streamHead(database.db, 'public');
    const sockets: LiveClient[] = [];
    for (const app of [a, b]) {
      for (let i = 0; i < 10; i++) {
        const c = await injectLive(app);
        t.equal((await c.command({ type: 'subscribe', stream: 'public', since: from })).type, 'subscribed');
        sockets.push(c);
      }
    }

    const acknowledged: number[] = [];
    let failed = 0;
    const statuses = new Map<number, number>();
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          acknowledged.push(await a.db.transaction((tx) => appendEvent(tx, { stream: 'public', type: 'issue.hidden', data: { issueId: randomUUID() } })));
        } catch {
          failed++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const reader = async () => {
      while (!stop) {
        const res = await stranger(b).get('/api/round-tables');
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const workers = [writer(), writer(), writer(), reader()];
    await new Promise((r) => setTimeout(r, 1500));
    await terminate();
    await new Promise((r) => setTimeout(r, 1500));
    await admin.unsafe(`alter database ${dbName} allow_connections false`);
    await terminate();
    await new Promise((r) => setTimeout(r, 2000));
    await reopen();
    await new Promise((r) => setTimeout(r, 2000));
    stop = true;
    await Promise.race([Promise.all(workers), new Promise((r) => setTimeout(r, 20_000))]);

    const head = await streamHead(database.db, 'public');
    const expected = Array.from({ length: head - from }, (_, i) => from + 1 + i);
    t.comment(`${acknowledged.length} writes acknowledged, ${failed} failed with a connection error; head ${head}; HTTP ${JSON.stringify([...statuses])}`);
    t.ok(acknowledged.length > 0 && failed > 0, 'the faults hit the burst');
    t.ok(
      acknowledged.every((s) => s > from && s <= head),
      'every acknowledged write is in the log',
    );
    t.ok(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      'HTTP answered only 200 or 503',
    );
    const deadline = Date.now() + 30_000;
    const converged = () => sockets.every((c) => c.seqs('public').length >= expected.length);
    while (!converged() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const diverged = sockets.filter((c) => JSON.stringify(c.seqs('public')) !== JSON.stringify(expected)).length;
    t.equal(diverged, 0, `all ${sockets.length} sockets (both instances) received seqs ${from + 1}..${head} exactly once, in order`);
    for (const c of sockets) c.close();
  });
}
