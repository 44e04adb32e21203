// Soak: SOAK_SOCKETS (2,000) sockets subscribed to the public stream of one instance while another
// instance writes steadily and clients read over HTTP, for SOAK_SECONDS (300; 60 in the CI profile).
// Reports errors (must be 0), delivery completeness (must be 100 %: every socket got every event once, in
// order) and memory at start and end (of this process: both instances and the 2,000 clients), on one
// "soak summary:" line that CI's output repeats. Runs only in `npm run test:reliability` (RELIABILITY_PROFILE set):
// too heavy for every `npm test`.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { appendEvent } from '../../src/live/event-log.js';
import { testApp, testConfig, testDatabase } from '../helpers/app.js';
import { connectLive, type LiveClient } from '../helpers/live.js';

const profile = process.env.RELIABILITY_PROFILE;
if (!profile) {
  t.plan(0, 'the soak runs in npm run test:reliability (RELIABILITY_PROFILE)');
} else {
  const SOCKETS = Number(process.env.SOAK_SOCKETS ?? 2000);
  const SECONDS = Number(process.env.SOAK_SECONDS ?? (profile === 'ci' ? 60 : 300));
  void t.test(`${SOCKETS} subscribed sockets for ${SECONDS} s with steady writes and reads`, async (t) => {
    t.setTimeout((SECONDS + 300) * 1000);
    const database = await testDatabase(t);
    const base = testConfig().live;
    const live = { ...base, maxAnonymousSocketsPerAddress: SOCKETS + 10, maxSockets: SOCKETS + 10, pingMs: 10_000 };
    const server = await testApp(t, database, { live });
    const writer = await testApp(t, database, { live });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const mem = () => {
      const m = process.memoryUsage();
      return `rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`;
    };

    let errors = 0;
    const sockets: LiveClient[] = [];
    const start: number[] = [];
    for (let i = 0; i < SOCKETS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, SOCKETS - i) }, async () => {
          const c = await connectLive(url, { origin: null });
          const reply = await c.command({ type: 'subscribe', stream: 'public' });
          start.push(Number(reply.seq ?? 0));
          return c;
        }),
      );
      sockets.push(...batch);
    }
    for (const c of sockets) void c.closed.then(({ code }) => code !== 1000 && code !== 1005 && errors++);
    const from = Math.max(...start);
    const startMemory = mem();
    t.comment(`start: ${SOCKETS} sockets subscribed; ${startMemory}`);

    const written: number[] = [];
    let reads = 0;
    const until = Date.now() + SECONDS * 1000;
    while (Date.now() < until) {
      try {
        written.push(await writer.db.transaction((tx) => appendEvent(tx, { stream: 'public', type: 'issue.hidden', data: { issueId: randomUUID() } })));
        const res = await fetch(`${url}/api/round-tables`);
        reads++;
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Let the last events arrive.
    const last = written.at(-1)!;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && sockets.some((c) => (c.seqs('public').at(-1) ?? 0) < last)) await new Promise((r) => setTimeout(r, 200));
    const expected = written.filter((s) => s > from);
    let complete = 0;
    for (const c of sockets) {
      const got = c.seqs('public').filter((s) => s > from);
      if (got.length === expected.length && got.every((s, i) => s === expected[i])) complete++;
    }
    errors += sockets.reduce((n, c) => n + c.frames.filter((f) => f.type === 'error').length, 0);
    const completeness = (100 * complete) / SOCKETS;
    t.comment(`end: ${written.length} writes, ${reads} reads, errors ${errors}, delivery ${completeness.toFixed(2)} %; ${mem()}`);
    // The one summary line; .ci/run repeats it next to its own summary.
    t.comment(
      `soak summary: ${SOCKETS} sockets, ${SECONDS} s, ${written.length} writes, ${reads} reads, errors ${errors}, delivery ${completeness.toFixed(2)} %, memory start ${startMemory}, end ${mem()}`,
    );
    t.equal(errors, 0, 'no errors');
    t.equal(completeness, 100, 'every socket received every event once, in order');
    for (const c of sockets) c.close();
  });
}
