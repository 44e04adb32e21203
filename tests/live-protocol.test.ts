import t from 'tap';
import { Type } from 'typebox';
import { appendEvent } from '../src/live/event-log.js';
import { defineEventTypes } from '../src/live/event-types.js';
import { CLOSE_POLICY } from '../src/live/protocol.js';
import { streamOf } from '../src/live/streams.js';
import { signIn, stranger, testApp, testConfig, testDatabase } from './helpers/app.js';
import { injectLive } from './helpers/live.js';

defineEventTypes({ 'test.happened': Type.Object({ n: Type.Integer() }, { additionalProperties: false }) });

const database = await testDatabase(t);
const app = await testApp(t, database, {
  live: { ...testConfig().live, rateBurst: 20, ratePerSecond: 1, maxSubscriptions: 2, maxSocketsPerUser: 3 },
});

const write = (stream: string, n: number) => database.db.transaction((tx) => appendEvent(tx, { stream, type: 'test.happened', data: { n } }));

t.test('subscribe without since: snapshot, then events in order', async (t) => {
  const live = await injectLive(app);
  t.teardown(() => live.close());
  const head = await write('public', 0);
  const snap = await live.command({ type: 'subscribe', stream: 'public' });
  t.equal(snap.type, 'snapshot');
  t.equal(snap.stream, 'public');
  t.equal(snap.seq, head, 'snapshot carries the head seq');
  await write('public', 1);
  await write('public', 2);
  const second = await live.waitFor((f) => f.type === 'event' && f.seq === head + 2);
  t.same(second.data, { n: 2 });
  t.equal(second.event, 'test.happened');
  t.same(live.seqs('public'), [head + 1, head + 2]);
});

t.test('resume with since gets exactly the events after it', async (t) => {
  const base = await write('public', 10);
  for (let i = 1; i <= 5; i++) await write('public', 10 + i);
  const live = await injectLive(app);
  t.teardown(() => live.close());
  const reply = await live.command({ type: 'subscribe', stream: 'public', since: base + 2 });
  t.same({ type: reply.type, seq: reply.seq }, { type: 'subscribed', seq: base + 2 });
  await live.waitFor((f) => f.type === 'event' && f.seq === base + 5);
  t.same(live.seqs('public'), [base + 3, base + 4, base + 5]);
  t.same(
    live.frames.filter((f) => f.type === 'event').map((f) => (f.data as { n: number }).n),
    [13, 14, 15],
  );
});

t.test('since beyond the head or the retained window gets a snapshot', async (t) => {
  const small = await testApp(t, database, { live: { ...testConfig().live, replayWindow: 2 } });
  const head = await write('public', 20);
  for (let i = 0; i < 3; i++) await write('public', 21 + i);
  const live = await injectLive(small);
  t.teardown(() => live.close());
  const far = await live.command({ type: 'subscribe', stream: 'public', since: head - 1 });
  t.equal(far.type, 'snapshot', 'too far behind: snapshot');
  t.equal(far.seq, head + 3);
  await live.command({ type: 'unsubscribe', stream: 'public' });
  const future = await live.command({ type: 'subscribe', stream: 'public', since: head + 100 });
  t.equal(future.type, 'snapshot', 'ahead of the log (another timeline): snapshot');
});

t.test('bad input: invalid JSON, unknown command, invalid fields; the socket keeps serving', async (t) => {
  const live = await injectLive(app);
  t.teardown(() => live.close());
  live.send('{nope');
  t.equal((await live.waitFor((f) => f.type === 'error')).code, 'INVALID_JSON');
  const unknown = await live.command({ type: 'dance' });
  t.same([unknown.type, unknown.code, unknown.statusCode], ['error', 'UNKNOWN_COMMAND', 400]);
  const invalid = await live.command({ type: 'subscribe', stream: 'public', since: -1 });
  t.equal(invalid.code, 'VALIDATION_FAILED');
  const extra = await live.command({ type: 'subscribe', stream: 'public', extra: true });
  t.equal(extra.code, 'VALIDATION_FAILED');
  const pong = await live.command({ type: 'ping' });
  t.equal(pong.type, 'pong', 'still serving');
});

t.test('oversized frames close the socket with 1009', async (t) => {
  const live = await injectLive(app);
  live.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(17 * 1024) }));
  t.equal((await live.closed).code, 1009);
});

t.test('streams the viewer may not see are refused; unknown streams too', async (t) => {
  const anon = await injectLive(app);
  t.teardown(() => anon.close());
  t.equal((await anon.command({ type: 'subscribe', stream: 'officials' })).code, 'UNAUTHENTICATED');
  t.equal((await anon.command({ type: 'subscribe', stream: 'public' })).type, 'snapshot', 'public is for anyone');

  const hanami = await signIn(app, 'hanami');
  const me = (await hanami.get('/api/me')).json();
  const sakura = (await (await signIn(app, 'sakura')).get('/api/me')).json();
  const live = await injectLive(app, hanami);
  t.teardown(() => live.close());
  t.equal((await live.command({ type: 'subscribe', stream: 'officials' })).code, 'STREAM_FORBIDDEN');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.userFeed(sakura.user.id) })).code, 'STREAM_FORBIDDEN');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.companyInbox(sakura.organization.id) })).code, 'STREAM_FORBIDDEN');
  t.equal((await live.command({ type: 'subscribe', stream: 'roundtable:00000000-0000-0000-0000-000000000000' })).statusCode! >= 400, true);
  t.equal((await live.command({ type: 'subscribe', stream: 'nonsense:1' })).code, 'STREAM_NOT_FOUND');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.userFeed(me.user.id) })).type, 'snapshot');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.companyInbox(me.organization.id) })).type, 'snapshot');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.companyInbox(me.organization.id) })).code, 'ALREADY_SUBSCRIBED');

  const official = await injectLive(app, await signIn(app, 'official1'));
  t.teardown(() => official.close());
  t.equal((await official.command({ type: 'subscribe', stream: 'officials' })).type, 'snapshot');
});

t.test('subscribe floods hit the per-socket cap; failed subscribes free their slot', async (t) => {
  const client = await signIn(app, 'official2');
  const me = (await client.get('/api/me')).json();
  const live = await injectLive(app, client);
  t.teardown(() => live.close());
  t.equal((await live.command({ type: 'subscribe', stream: 'nope:1' })).code, 'STREAM_NOT_FOUND');
  t.equal((await live.command({ type: 'subscribe', stream: 'public' })).type, 'snapshot');
  t.equal((await live.command({ type: 'subscribe', stream: 'officials' })).type, 'snapshot');
  const third = await live.command({ type: 'subscribe', stream: streamOf.userFeed(me.user.id) });
  t.same([third.code, third.statusCode], ['TOO_MANY_SUBSCRIPTIONS', 429]);
  t.equal((await live.command({ type: 'unsubscribe', stream: 'public' })).type, 'unsubscribed');
  t.equal((await live.command({ type: 'subscribe', stream: streamOf.userFeed(me.user.id) })).type, 'snapshot', 'room again');
});

t.test('message floods are refused, then the socket is closed; others keep being served', async (t) => {
  const other = await injectLive(app);
  t.teardown(() => other.close());
  const live = await injectLive(app);
  for (let i = 0; i < 100; i++) live.send({ type: 'ping', id: i });
  const limited = await live.waitFor((f) => f.code === 'RATE_LIMITED');
  t.equal(limited.statusCode, 429);
  t.equal((await live.closed).code, CLOSE_POLICY);
  t.equal((await other.command({ type: 'ping' })).type, 'pong');
});

t.test('sockets per user are capped', async (t) => {
  const client = await signIn(app, 'attendee3');
  const open = await Promise.all([1, 2, 3].map(() => injectLive(app, client)));
  t.teardown(() => open.forEach((l) => l.close()));
  for (const l of open) t.equal((await l.command({ type: 'ping' })).type, 'pong');
  const extra = await injectLive(app, client);
  t.equal((await extra.waitFor((f) => f.type === 'error')).code, 'TOO_MANY_CONNECTIONS');
  t.equal((await extra.closed).code, CLOSE_POLICY);
});

t.test("signing out closes that session's sockets only; deactivation closes all", async (t) => {
  const a = await signIn(app, 'attendee1');
  const b = await signIn(app, 'attendee1');
  const liveA = await injectLive(app, a);
  const liveB = await injectLive(app, b);
  t.teardown(() => liveB.close());
  // Wait until both sockets follow the user's stream (the ping reply comes after the handshake work).
  await liveA.command({ type: 'ping' });
  await liveB.command({ type: 'ping' });
  t.equal((await a.post('/api/auth/sign-out')).statusCode, 200);
  const closed = await liveA.closed;
  t.same([closed.code, closed.reason], [CLOSE_POLICY, 'session.revoked']);
  t.equal((await liveB.command({ type: 'ping' })).type, 'pong', 'the other session stays');

  const organizer = await signIn(app, 'organizer');
  const me = (await b.get('/api/me')).json();
  t.equal((await organizer.post(`/api/users/${me.user.id}/deactivate`, {})).statusCode, 200);
  const gone = await liveB.closed;
  t.same([gone.code, gone.reason], [CLOSE_POLICY, 'access.revoked']);
  t.equal((await organizer.post(`/api/users/${me.user.id}/reactivate`, {})).statusCode, 200);
});

t.test("round-table streams follow the round-table's own access rules", async (t) => {
  const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; titleEn: string }[] | { items: { id: string; titleEn: string }[] }>();
  const items = Array.isArray(list) ? list : list.items;
  const tianjin = items.find((r) => r.titleEn.startsWith('Round-table on the business environment'))!;
  t.ok(tianjin, 'the public demo round-table');
  const anon = await injectLive(app);
  t.teardown(() => anon.close());
  t.equal((await anon.command({ type: 'subscribe', stream: streamOf.roundTable(tianjin.id) })).type, 'snapshot');
  t.equal((await anon.command({ type: 'subscribe', stream: streamOf.roundTableStaff(tianjin.id) })).code, 'UNAUTHENTICATED');
  const rep = await injectLive(app, await signIn(app, 'kaze'));
  t.teardown(() => rep.close());
  t.equal((await rep.command({ type: 'subscribe', stream: streamOf.roundTableStaff(tianjin.id) })).code, 'STREAM_FORBIDDEN');
  t.equal((await rep.command({ type: 'subscribe', stream: 'roundtable:not-a-uuid' })).code, 'STREAM_FORBIDDEN');
  t.equal((await rep.command({ type: 'subscribe', stream: `roundtable:${tianjin.id}:other` })).code, 'STREAM_FORBIDDEN');
  const chair = await injectLive(app, await signIn(app, 'official1'));
  t.teardown(() => chair.close());
  t.equal((await chair.command({ type: 'subscribe', stream: streamOf.roundTableStaff(tianjin.id) })).type, 'snapshot');
});
