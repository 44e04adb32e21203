// A real restart of the PostgreSQL server mid-run, with two instances (each its own connection pool and
// LISTEN connection): writes (issue submissions) go through A over HTTP, reads and /readyz through B,
// sockets follow the officials stream on both. The safety poll is effectively off, so a socket can only
// catch up through LISTEN and its re-listen catch-up. Afterwards every acknowledged (201) write is in the
// database and its event in the log exactly once, HTTP answered only 2xx or 503 (each 503 with Retry-After
// and the documented error shape), LISTEN recovered without an app restart (an event committed after the
// restart reaches every socket on both instances), and every socket converged on the gapless log.
//
// A restart disturbs everything else on the server, so this runs only when asked to
// (RELIABILITY_PG_RESTART=1) and alone: `npm run test:reliability` runs it in a final tap invocation of its
// own (scripts/test-reliability.mjs). The command is RELIABILITY_PG_RESTART_CMD, by default the local
// cluster's `pg_ctlcluster ... main restart` (as root, the server of DATABASE_URL on this machine).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { openDatabase } from '../../src/db/client.js';
import { streamHead } from '../../src/live/event-log.js';
import { Client, serverUrlOf, signIn, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { issueBody, writtenOnce } from '../helpers/issues.js';
import { injectLive, type LiveClient } from '../helpers/live.js';

const serverUrl = process.env.DATABASE_URL;
const restartCommand =
  process.env.RELIABILITY_PG_RESTART_CMD ?? 'pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main restart';

if (!serverUrl || process.env.RELIABILITY_PG_RESTART !== '1') {
  t.plan(0, 'restarts the PostgreSQL server: set RELIABILITY_PG_RESTART=1 (and DATABASE_URL); npm run test:reliability runs it alone, last');
} else {
  void t.test('PostgreSQL restarted mid-run: nothing acknowledged is lost, HTTP answers 2xx or 503, LISTEN recovers, every socket converges', async (t) => {
    t.setTimeout(300_000);
    const database = await testDatabase(t);
    const other = await openDatabase({ databaseUrl: serverUrlOf(database)!, dataDir: '' });
    t.teardown(() => other.close());
    // Poll every 10 minutes: only LISTEN (and the catch-up after listening again) delivers.
    const live = { ...testConfig().live, pollMs: 600_000, retryAfterMs: 200, maxSocketsPerUser: 50 };
    const a = await testApp(t, database, { live });
    const b = await testApp(t, other, { live });

    const companyOnA = await signIn(a, 'sakura');
    const official = await signIn(b, 'official1');
    const companyOnB = new Client(b, companyOnA.cookie);
    const officialOnA = new Client(a, official.cookie);
    const from = await streamHead(database.db, 'officials');
    const sockets: LiveClient[] = [];
    for (const client of [officialOnA, official]) {
      for (let i = 0; i < 5; i++) {
        const c = await injectLive(client.app, client);
        t.equal((await c.command({ type: 'subscribe', stream: 'officials', since: from })).type, 'subscribed');
        sockets.push(c);
      }
    }

    const acknowledged: string[] = [];
    const statuses = new Map<string, number>();
    const badAnswers: string[] = [];
    const record = (what: string, res: LightMyRequestResponse) => {
      const key = `${what} ${res.statusCode}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (res.statusCode < 300) return;
      const body = res.json<Record<string, unknown>>();
      const shaped =
        res.statusCode === 503 &&
        Number(res.headers['retry-after']) > 0 &&
        body.statusCode === 503 &&
        body.code === 'DATABASE_UNAVAILABLE' &&
        body.error === 'Service Unavailable' &&
        typeof body.message === 'string';
      if (!shaped && badAnswers.length < 5) badAnswers.push(`${what} ${res.statusCode} retry-after=${String(res.headers['retry-after'])} ${res.body}`);
    };
    let stop = false;
    let failedSince = 0; // writes refused since the restart began
    let restarting = false;
    const writer = async () => {
      while (!stop) {
        const res = await companyOnA.post('/api/issues', issueBody());
        record('write', res);
        if (res.statusCode === 201) acknowledged.push(res.json<{ id: string }>().id);
        else {
          if (restarting) failedSince++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const reader = async () => {
      while (!stop) {
        record('read', await new Client(b).get('/api/round-tables'));
        record('readyz', await new Client(b).get('/readyz'));
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const workers = [writer(), writer(), writer(), reader()];
    while (acknowledged.length < 10) await new Promise((r) => setTimeout(r, 20));

    restarting = true;
    const before = acknowledged.length;
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', restartCommand]);
    t.comment(`restarted the server (${restartCommand}) ${`${stdout}${stderr}`.trim()}`);
    // Carry on until writes through A succeed again, then a little longer.
    const afterRestart = acknowledged.length;
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < afterRestart + 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(workers);
    t.comment(`${acknowledged.length} writes acknowledged (${before} before the restart); HTTP ${JSON.stringify([...statuses])}`);
    t.ok(acknowledged.length >= afterRestart + 10, 'writes through instance A succeed again without an app restart');
    t.ok(failedSince > 0, 'the restart hit the burst (writes were refused meanwhile)');
    t.same(badAnswers, [], 'HTTP answered only 2xx, or 503 DATABASE_UNAVAILABLE with Retry-After in the documented error shape');

    // Committed after the restart through each instance: reaches sockets on both only through LISTEN.
    for (const client of [companyOnA, companyOnB]) {
      const res = await client.post('/api/issues', issueBody());
      t.equal(res.statusCode, 201, `a write through instance ${client === companyOnA ? 'A' : 'B'} after the restart`);
      acknowledged.push(res.json<{ id: string }>().id);
    }

    const written = await writtenOnce(database, acknowledged, 'officials');
    t.ok(written.inTable, `all ${acknowledged.length} acknowledged issues are in the database`);
    t.ok(written.inLog, "and each one's event is in the log exactly once");

    const head = await streamHead(database.db, 'officials');
    const expected = Array.from({ length: head - from }, (_, i) => from + 1 + i);
    const until = Date.now() + 30_000;
    while (sockets.some((c) => c.seqs('officials').length < expected.length) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const diverged = sockets.filter((c) => JSON.stringify(c.seqs('officials')) !== JSON.stringify(expected));
    t.equal(diverged.length, 0, `all ${sockets.length} sockets (5 on each instance) received seqs ${from + 1}..${head} exactly once, in order`);
    if (diverged.length) t.comment(`first diverging socket got ${JSON.stringify(diverged[0]!.seqs('officials'))}`);
    for (const c of sockets) c.close();
  });
}
