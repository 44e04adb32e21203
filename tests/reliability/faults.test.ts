// Faults on the PostgreSQL server with two instances (server only):
// - while a burst of writes runs through instance A and sockets follow the public stream on A and B, every
//   backend of this test's database is terminated (pools and LISTEN connections), then the database is made
//   unreachable for two seconds and back (what a restart looks like to the app, without touching anyone
//   else's databases on the shared server; the real restart is tests/reliability/pg-restart.test.ts).
//   Afterwards every acknowledged write is in the log and every socket converged on the same gapless
//   sequence, nothing duplicated; HTTP answered only 200 or 503 throughout.
// - an instance running the real server entry in a child process is killed with SIGKILL in the middle of
//   a burst of HTTP writes (issue submissions) while sockets follow on the other instance: every write it
//   acknowledged (201) is in the database and its event in the log exactly once, and every socket converged
//   on the log, with whatever the killed instance committed without answering included.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { appendEvent, streamHead } from '../../src/live/event-log.js';
import { serverUrlOf, signIn, stranger, testApp, testConfig, testDatabase, testEnv } from '../helpers/app.js';
import { freePort } from '../helpers/browser.js';
import { issueBody, writtenOnce } from '../helpers/issues.js';
import { injectLive, type LiveClient } from '../helpers/live.js';
import { databaseSwitch } from '../helpers/outage.js';
import { startServer } from '../helpers/server-process.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  t.plan(0, 'needs the PostgreSQL server (DATABASE_URL)');
} else {
  void t.test('terminated backends and an unreachable database mid-burst: nothing acknowledged is lost, every client converges', async (t) => {
    t.setTimeout(300_000);
    const database = await testDatabase(t);
    const live = { ...testConfig().live, pollMs: 500, retryAfterMs: 200 };
    const a = await testApp(t, database, { live });
    const b = await testApp(t, database, { live });
    const outage = databaseSwitch(t, database);

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
    await outage.terminate();
    await new Promise((r) => setTimeout(r, 1500));
    await outage.cut();
    await new Promise((r) => setTimeout(r, 2000));
    await outage.reopen();
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

  void t.test('an instance killed with SIGKILL mid-burst: every acknowledged write is in the log exactly once, every client converges', async (t) => {
    t.setTimeout(300_000);
    const database = await testDatabase(t);
    const b = await testApp(t, database, { live: { ...testConfig().live, pollMs: 500, maxSocketsPerUser: 50 } });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const a = startServer({ ...testEnv(), LOG_LEVEL: 'warn', PORT: String(port), DATABASE_URL: serverUrlOf(database)!, SEED_DEMO: 'never' });
    t.teardown(() => {
      a.child.kill('SIGKILL');
    });
    t.ok(await a.ready(base), 'instance A (src/server.ts in a child process) is ready');

    const company = await signIn(b, 'sakura');
    const official = await signIn(b, 'official1');
    const from = await streamHead(database.db, 'officials');
    const sockets: LiveClient[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await injectLive(b, official);
      t.equal((await c.command({ type: 'subscribe', stream: 'officials', since: from })).type, 'subscribed');
      sockets.push(c);
    }

    const acknowledged: string[] = [];
    const refused = new Map<string, number>();
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/api/issues`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: base, cookie: company.cookie! },
            body: JSON.stringify(issueBody()),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else refused.set(String(res.status), (refused.get(String(res.status)) ?? 0) + 1);
        } catch (err) {
          const code = (err as { cause?: { code?: string } }).cause?.code ?? 'network error';
          refused.set(code, (refused.get(code) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const workers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));
    a.child.kill('SIGKILL');
    t.equal(await a.exited, null, 'instance A died of the signal');
    const atKill = acknowledged.length;
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(workers);
    t.ok(refused.size > 0, `writes in flight or after the kill failed (${JSON.stringify([...refused])})`);

    // Written through the surviving instance after the kill: the sockets keep following.
    const after = await company.post('/api/issues', issueBody());
    t.equal(after.statusCode, 201, 'instance B takes writes after the kill');
    acknowledged.push(after.json<{ id: string }>().id);

    const written = await writtenOnce(database, acknowledged, 'officials');
    t.ok(written.inTable, `all ${acknowledged.length} acknowledged issues are in the database`);
    t.ok(written.inLog, "and each one's event is in the log exactly once");

    const head = await streamHead(database.db, 'officials');
    const expected = Array.from({ length: head - from }, (_, i) => from + 1 + i);
    t.comment(`${atKill} writes acknowledged before the kill, ${head - from} events in the log; refused: ${JSON.stringify([...refused])}`);
    const deadline = Date.now() + 30_000;
    while (sockets.some((c) => c.seqs('officials').length < expected.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const diverged = sockets.filter((c) => JSON.stringify(c.seqs('officials')) !== JSON.stringify(expected)).length;
    t.equal(diverged, 0, `all ${sockets.length} sockets received seqs ${from + 1}..${head} exactly once, in order`);
    for (const c of sockets) c.close();
  });
}
