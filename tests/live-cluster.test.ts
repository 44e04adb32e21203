// Two app instances on one database, real sockets: delivery across instances, tickets, origins,
// and a LISTEN connection killed mid-burst (PostgreSQL server only).
import { sql } from 'drizzle-orm';
import t from 'tap';
import { Type } from 'typebox';
import { rowsOf } from '../src/db/client.js';
import { appendEvent, streamHead } from '../src/live/event-log.js';
import { defineEventTypes } from '../src/live/event-types.js';
import { CLOSE_POLICY, CLOSE_RESYNC } from '../src/live/protocol.js';
import { Client, signIn, testConfig, testDatabase } from './helpers/app.js';
import { listeningApp } from './helpers/browser.js';
import { connectLive } from './helpers/live.js';

defineEventTypes({
  'test.tick': Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  'test.big': Type.Object({ pad: Type.String() }, { additionalProperties: false }),
});

const database = await testDatabase(t);
// The safety poll is off (10 minutes) so delivery here proves the NOTIFY and reconnect paths.
const live = { ...testConfig().live, pollMs: 600_000 };
const a = await listeningApp(t, database, { live });
const b = await listeningApp(t, database, { live });

const write = (stream: string, n: number) => a.app.db.transaction((tx) => appendEvent(tx, { stream, type: 'test.tick', data: { n } }));
/** Appends like appendEvent but without the NOTIFY: a notification lost on the way. */
async function writeSilently(stream: string, n: number): Promise<number> {
  return a.app.db.transaction(async (tx) => {
    const [row] = rowsOf<{ seq: number }>(
      await tx.execute(sql`insert into streams (id, seq) values (${stream}, 1) on conflict (id) do update set seq = streams.seq + 1 returning seq`),
    );
    const seq = Number(row!.seq);
    await tx.execute(sql`insert into events (stream, seq, type, data) values (${stream}, ${seq}, 'test.tick', ${JSON.stringify({ n })}::jsonb)`);
    return seq;
  });
}

t.test('the safety poll delivers events whose NOTIFY was lost', async (t) => {
  const polling = await listeningApp(t, database, { live: { ...live, pollMs: 100 } });
  const c = await connectLive(polling.base);
  t.teardown(() => c.close());
  const snap = await c.command({ type: 'subscribe', stream: 'public' });
  const seq = await writeSilently('public', 7);
  t.equal(seq, snap.seq! + 1);
  t.same((await c.waitFor((f) => f.type === 'event' && f.seq === seq)).data, { n: 7 });
});

const cookieOf = async (base: { app: typeof a.app }, who: string) => (await signIn(base.app, who)).cookie!;

t.test('an event written through one instance reaches subscribers on the other', async (t) => {
  const onB = await connectLive(b.base);
  const onA = await connectLive(a.base);
  t.teardown(() => (onA.close(), onB.close()));
  const snap = await onB.command({ type: 'subscribe', stream: 'public' });
  await onA.command({ type: 'subscribe', stream: 'public' });
  const seq = await write('public', 1);
  t.equal(seq, snap.seq! + 1);
  const got = await onB.waitFor((f) => f.type === 'event' && f.seq === seq);
  t.same(got.data, { n: 1 });
  await onA.waitFor((f) => f.type === 'event' && f.seq === seq);
  t.same(onB.seqs('public'), [seq], 'exactly once');
});

t.test('since=N gets exactly N+1..head, on either instance', async (t) => {
  const first = await write('public', 100);
  for (let i = 1; i < 10; i++) await write('public', 100 + i);
  for (const base of [a.base, b.base]) {
    const c = await connectLive(base);
    t.teardown(() => c.close());
    const reply = await c.command({ type: 'subscribe', stream: 'public', since: first + 3 });
    t.equal(reply.type, 'subscribed');
    await c.waitFor((f) => f.type === 'event' && f.seq === first + 9);
    t.same(
      c.seqs('public'),
      [4, 5, 6, 7, 8, 9].map((i) => first + i),
    );
  }
});

t.test('tickets: issued on one instance, spent once on the other; stale and reused ones are refused', async (t) => {
  const http = new Client(a.app, await cookieOf(a, 'hanami'));
  const issued = await http.request('POST', '/api/live/tickets', {}, { origin: a.base });
  t.equal(issued.statusCode, 201);
  const { ticket, url } = issued.json();
  t.match(url, /^\/api\/live\?ticket=/);

  const c = await connectLive(b.base, { origin: null, query: `?ticket=${ticket}` });
  t.teardown(() => c.close());
  const me = (await http.get('/api/me')).json();
  t.equal((await c.command({ type: 'subscribe', stream: `user:${me.user.id}` })).type, 'snapshot', 'authenticated as the ticket owner');

  const reused = await connectLive(a.base, { origin: null, query: `?ticket=${ticket}` });
  t.equal((await reused.waitFor((f) => f.type === 'error')).code, 'INVALID_TICKET');
  t.equal((await reused.closed).code, CLOSE_POLICY);

  const stale = (await http.request('POST', '/api/live/tickets', {}, { origin: a.base })).json().ticket as string;
  await a.app.db.execute(sql`update live_tickets set expires_at = now() - interval '1 second' where used_at is null`);
  const late = await connectLive(a.base, { origin: null, query: `?ticket=${stale}` });
  t.equal((await late.waitFor((f) => f.type === 'error')).code, 'INVALID_TICKET');
  t.equal((await late.closed).code, CLOSE_POLICY);

  const bogus = await connectLive(a.base, { origin: null, query: '?ticket=not-a-ticket' });
  t.equal((await bogus.closed).code, CLOSE_POLICY);

  const anonymous = await stranger(a);
  t.equal(anonymous, 401, 'tickets need a signed-in user');
});

async function stranger(base: typeof a) {
  return (await base.app.inject({ method: 'POST', url: '/api/live/tickets', headers: { origin: base.base } })).statusCode;
}

/** The HTTP status a refused handshake got (0 if it was accepted). */
const refusal = (p: Promise<{ close(): void }>) =>
  p.then(
    (c) => (c.close(), 0),
    (e: { statusCode?: number }) => e.statusCode ?? -1,
  );

t.test('Origin: exact allowlist; cookies need an allowed Origin', async (t) => {
  const cookie = await cookieOf(a, 'sakura');
  t.equal(await refusal(connectLive(a.base, { origin: 'https://evil.example' })), 403, 'refused');
  t.equal(await refusal(connectLive(a.base, { origin: `${a.base}.evil.example` })), 403, 'refused');
  t.equal(await refusal(connectLive(a.base, { origin: b.base, cookie })), 403, 'the other instance is another origin');
  t.equal(await refusal(connectLive(a.base, { origin: null, cookie })), 403, 'refused');
  const ok = await connectLive(a.base, { cookie });
  t.teardown(() => ok.close());
  t.equal((await ok.command({ type: 'ping' })).type, 'pong');
});

t.test("sign-out on one instance closes the session's sockets on the other", async (t) => {
  const cookie = await cookieOf(a, 'attendee2');
  const onB = await connectLive(b.base, { cookie, origin: b.base });
  await onB.command({ type: 'ping' });
  const res = await new Client(a.app, cookie).request('POST', '/api/auth/sign-out', {}, { origin: a.base });
  t.equal(res.statusCode, 200);
  t.same(await onB.closed, { code: CLOSE_POLICY, reason: 'session.revoked' });
});

t.test(
  'the LISTEN connection killed with pg_terminate_backend loses nothing',
  { skip: database.kind !== 'postgres' && 'PostgreSQL server only' },
  async (t) => {
    const onA = await connectLive(a.base);
    const onB = await connectLive(b.base);
    t.teardown(() => (onA.close(), onB.close()));
    const snap = await onA.command({ type: 'subscribe', stream: 'public' });
    await onB.command({ type: 'subscribe', stream: 'public' });
    const listeners = async () =>
      rowsOf<{ pid: number }>(await a.app.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`)).map(
        (r) => r.pid,
      );
    const before = await listeners();
    t.equal(before.length, 2, 'one LISTEN connection per instance');
    // Some events go out normally; some are written as if their NOTIFY had been lost; then both LISTEN
    // connections are killed. With the safety poll off and no later NOTIFY, only the catch-up after
    // reconnecting can deliver the silent ones. Then the new connections must carry NOTIFYs again.
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) seqs.push(await write('public', 1000 + i));
    for (let i = 0; i < 5; i++) seqs.push(await writeSilently('public', 2000 + i));
    await a.app.db.execute(sql`select pg_terminate_backend(pid, 10000) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`);
    await onA.waitFor((f) => f.type === 'event' && f.seq === seqs.at(-1));
    await onB.waitFor((f) => f.type === 'event' && f.seq === seqs.at(-1));
    while ((await listeners()).length < 2) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 5; i++) seqs.push(await write('public', 3000 + i));
    const last = seqs.at(-1)!;
    await onA.waitFor((f) => f.type === 'event' && f.seq === last);
    await onB.waitFor((f) => f.type === 'event' && f.seq === last);
    const expected = Array.from({ length: last - snap.seq! }, (_, i) => snap.seq! + 1 + i);
    t.same(onA.seqs('public'), expected, 'instance A: every event once, in order');
    t.same(onB.seqs('public'), expected, 'instance B: every event once, in order');
    const after = await listeners();
    t.equal(after.length, 2, 'both instances listen again');
    t.notSame(after.sort(), before.sort(), 'on new connections');
  },
);

t.test('a consumer that stops reading is closed with the resync code, not buffered without bound', async (t) => {
  const slow = await listeningApp(t, database, { live: { ...live, maxBufferedBytes: 1024 * 1024 } });
  const reader = await connectLive(slow.base);
  const others = await connectLive(slow.base);
  t.teardown(() => others.close());
  await reader.command({ type: 'subscribe', stream: 'public' });
  await others.command({ type: 'subscribe', stream: 'public' });
  (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
  const open = () => [...(slow.app.liveConnections.get('') ?? [])].length;
  t.equal(open(), 2);
  let written = 0;
  // Fill the kernel's socket buffers first (several MB on loopback), then the server's own buffer,
  // while the other socket reads everything as it comes.
  while (open() === 2 && written < 40_000) {
    const last = await slow.app.db.transaction(async (tx) => {
      let seq = 0;
      for (let i = 0; i < 20; i++) seq = await appendEvent(tx, { stream: 'public', type: 'test.big', data: { pad: 'x'.repeat(12_000) } });
      return seq;
    });
    written += 20;
    await others.waitFor((f) => f.type === 'event' && f.seq === last);
  }
  t.equal(open(), 1, `the stalled socket was dropped after ${written} events`);
  (reader.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  t.equal((await reader.closed).code, CLOSE_RESYNC);
  const last = await streamHead(slow.app.db, 'public');
  await others.waitFor((f) => f.type === 'event' && f.seq === last);
  t.pass('the reading socket kept getting everything');
});
