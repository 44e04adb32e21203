// Running a round-table live through the API while followers watch over the WebSocket.
import t from 'tap';
import { streamOf } from '../src/live/streams.js';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';
import { injectLive } from './helpers/live.js';

const database = await testDatabase(t);
const app = await testApp(t, database);

const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; titleEn: string }[]>();
const rt = list.find((r) => r.titleEn.startsWith('Round-table on the business environment'))!;
const base = `/api/round-tables/${rt.id}/live`;
const chair = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const attendee1 = await signIn(app, 'attendee1');
const outsider = await signIn(app, 'attendee3');

const watcher = await injectLive(app, outsider);
const rep = await injectLive(app, hanami);
t.teardown(() => (watcher.close(), rep.close()));
const snap = await watcher.command({ type: 'subscribe', stream: streamOf.roundTable(rt.id) });
await rep.command({ type: 'subscribe', stream: streamOf.roundTable(rt.id) });
const events = () => watcher.frames.filter((f) => f.type === 'event');
/** The event of this type whose payload equals `data` (HTTP replies come before the frames). */
const canonical = (v: unknown): string =>
  v && typeof v === 'object'
    ? Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
    : JSON.stringify(v);
const eventWith = (type: string, data: unknown) => watcher.waitFor((f) => f.type === 'event' && f.event === type && canonical(f.data) === canonical(data));
const code = async (res: Promise<{ json(): { code?: string } }>) => (await res).json().code;

t.test('the snapshot is the live state before the start', async (t) => {
  t.equal(snap.type, 'snapshot');
  const state = snap.data as { status: string; slots: unknown[]; currentItemId: string | null };
  t.equal(state.status, 'scheduled');
  t.ok(state.slots.length >= 3, 'the released agenda');
  t.equal(state.currentItemId, null);
  t.equal(await code(hanami.post(`${base}/start`)), 'FORBIDDEN', 'not an official');
  t.equal(await code(chair.post(`${base}/slot`, { move: 'next' })), 'SESSION_NOT_LIVE');
});

let slots: { id: string }[] = [];
t.test('start, then move through the slots', async (t) => {
  const res = await chair.post(`${base}/start`);
  t.equal(res.statusCode, 200);
  const state = res.json();
  slots = state.slots;
  t.equal(state.status, 'live');
  t.equal(state.currentItemId, slots[0]!.id);
  const started = await watcher.waitFor((f) => f.event === 'live.started');
  t.equal((started.data as { state: { currentItemId: string } }).state.currentItemId, slots[0]!.id);
  t.equal(await code(chair.post(`${base}/start`)), 'TRANSITION_NOT_ALLOWED', 'started once only');
  t.equal(await code(chair.post(`${base}/slot`, { move: 'previous' })), 'NO_PREVIOUS_SLOT');
  t.equal((await chair.post(`${base}/slot`, { move: 'next' })).json().currentItemId, slots[1]!.id);
  const moved = await watcher.waitFor((f) => f.event === 'live.slot');
  t.equal((moved.data as { currentItemId: string }).currentItemId, slots[1]!.id);
  t.equal(await code(chair.post(`${base}/slot`, { itemId: 'nope' })), 'SLOT_NOT_FOUND');
  t.equal(await code((await signIn(app, 'organizer')).post(`${base}/slot`, { move: 'next' })), 'FORBIDDEN');
  // Any official of the host organization may run it, not only the chair.
  const official2 = await signIn(app, 'official2');
  t.equal((await official2.post(`${base}/slot`, { move: 'next' })).json().currentItemId, slots[2]!.id);
  t.equal((await official2.post(`${base}/slot`, { itemId: slots[1]!.id })).json().currentItemId, slots[1]!.id);
});

t.test('the countdown: start, pause, extend, wrong states refused', async (t) => {
  t.equal(await code(chair.post(`${base}/timer`, { action: 'pause' })), 'TIMER_NOT_RUNNING');
  const started = (await chair.post(`${base}/timer`, { action: 'start' })).json();
  t.type(started.runningSince, 'string');
  t.equal(await code(chair.post(`${base}/timer`, { action: 'start' })), 'TIMER_RUNNING');
  const extended = (await chair.post(`${base}/timer`, { action: 'extend', minutes: 5 })).json();
  t.equal(extended.durationMs, started.durationMs + 5 * 60_000);
  const paused = (await chair.post(`${base}/timer`, { action: 'pause' })).json();
  t.equal(paused.runningSince, null);
  t.ok(paused.elapsedMs >= 0);
  t.equal(await code(chair.post(`${base}/timer`, { action: 'extend' })), 'MINUTES_REQUIRED');
  t.ok(await eventWith('live.timer', { timer: paused }), 'followers get the same timer');
});

t.test('request to speak: registered people raise hands, the chair gives and ends the floor', async (t) => {
  t.equal(await code(outsider.post(`${base}/hands`)), 'NOT_REGISTERED');
  t.equal(await code(chair.post(`${base}/hands`)), 'NOT_REGISTERED');
  const [mine] = (await hanami.post(`${base}/hands`)).json();
  t.match(mine, { name: 'Hiroshi Tanaka', status: 'waiting' });
  t.equal(await code(hanami.post(`${base}/hands`)), 'HAND_ALREADY_RAISED');
  const queue = (await attendee1.post(`${base}/hands`)).json<{ id: string; status: string }[]>();
  t.equal(queue.length, 2);
  t.equal(await code(hanami.post(`${base}/hands/${mine.id}`, { action: 'floor' })), 'FORBIDDEN');
  const floor = (await chair.post(`${base}/hands/${mine.id}`, { action: 'floor' })).json<{ id: string; status: string; floorAt: string }[]>();
  t.equal(floor.find((h) => h.id === mine.id)!.status, 'speaking');
  t.type(floor.find((h) => h.id === mine.id)!.floorAt, 'string');
  const next = (await chair.post(`${base}/hands/${queue[1]!.id}`, { action: 'floor' })).json<{ id: string; status: string }[]>();
  t.same(
    next.map((h) => h.status),
    ['speaking'],
    'the previous speaker is done',
  );
  t.equal(await code(chair.post(`${base}/hands/${mine.id}`, { action: 'end' })), 'HAND_NOT_FOUND');
  t.same((await chair.post(`${base}/hands/${queue[1]!.id}`, { action: 'end' })).json(), []);
  t.ok(await eventWith('live.hands', { hands: [] }), 'followers see the queue empty');
});

t.test('announcements and a quick poll with one vote per registered person', async (t) => {
  const a = (await chair.post(`${base}/announcements`, { text: 'Coffee is served in the lobby' })).json();
  t.equal((await watcher.waitFor((f) => f.event === 'live.announcement')).data!.constructor, Object);
  t.equal(a.text, 'Coffee is served in the lobby');
  const poll = (await chair.post(`${base}/polls`, { question: 'Extend by 100 days?', options: ['Yes', 'No'] })).json();
  t.same(poll.tally, [0, 0]);
  t.equal(await code(chair.post(`${base}/polls`, { question: 'Another?', options: ['a', 'b'] })), 'POLL_ALREADY_OPEN');
  t.same((await hanami.post(`${base}/polls/${poll.id}/votes`, { option: 0 })).json().tally, [1, 0]);
  t.equal(await code(hanami.post(`${base}/polls/${poll.id}/votes`, { option: 1 })), 'ALREADY_VOTED');
  t.equal(await code(outsider.post(`${base}/polls/${poll.id}/votes`, { option: 1 })), 'NOT_REGISTERED');
  t.equal(await code(attendee1.post(`${base}/polls/${poll.id}/votes`, { option: 5 })), 'NO_SUCH_OPTION');
  t.same((await attendee1.post(`${base}/polls/${poll.id}/votes`, { option: 1 })).json().tally, [1, 1]);
  const closed = (await chair.post(`${base}/polls/${poll.id}/close`)).json();
  t.equal(closed.status, 'closed');
  t.equal(await code(attendee1.post(`${base}/polls/${poll.id}/votes`, { option: 0 })), 'POLL_CLOSED');
  t.ok(await eventWith('live.poll', { poll: closed }), 'followers see the final tally, not who voted');
  t.notMatch(JSON.stringify(events()), /"userId":"[^"]*","option"/);
});

t.test('followers applied every event in order and hold the same state as the server', async (t) => {
  const state = (await stranger(app).get(base)).json();
  await rep.waitFor((f) => f.event === 'live.poll' && (f.data as { poll: { status: string } }).poll.status === 'closed');
  const seqs = watcher.seqs(streamOf.roundTable(rt.id));
  t.same(
    seqs,
    seqs.map((_, i) => snap.seq! + 1 + i),
    'gapless from the snapshot',
  );
  t.same(rep.seqs(streamOf.roundTable(rt.id)), seqs, 'both followers got the same events');
  // Folding the events over the snapshot gives the server's state.
  const folded = { ...(snap.data as Record<string, unknown>) };
  for (const f of events()) {
    const d = f.data as Record<string, unknown>;
    if (f.event === 'live.started') Object.assign(folded, d.state);
    if (f.event === 'live.slot') Object.assign(folded, d);
    if (f.event === 'live.timer') folded.timer = d.timer;
    if (f.event === 'live.hands') folded.hands = d.hands;
    if (f.event === 'live.poll') folded.poll = d.poll;
    if (f.event === 'live.announcement') folded.announcements = [d.announcement, ...(folded.announcements as unknown[])];
  }
  for (const key of ['currentItemId', 'timer', 'hands', 'poll', 'announcements', 'status']) t.same(folded[key], state[key], key);
});

t.test('end: concluded, the issues of the slots reached are discussed, commands refused after', async (t) => {
  const res = await chair.post(`${base}/end`);
  t.equal(res.statusCode, 200);
  t.equal(res.json().status, 'concluded');
  const ended = await watcher.waitFor((f) => f.event === 'live.ended');
  const discussed = (ended.data as { discussedIssueIds: string[] }).discussedIssueIds;
  for (const id of discussed) t.equal((await chair.get(`/api/issues/${id}`)).json().state, 'discussed');
  t.equal(await code(chair.post(`${base}/slot`, { move: 'next' })), 'SESSION_NOT_LIVE');
  t.equal(await code(hanami.post(`${base}/hands`)), 'SESSION_NOT_LIVE');
  t.equal((await stranger(app).get(base)).json().endedAt !== null, true);
});
