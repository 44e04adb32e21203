// WebSocket abuse: every refusal is an error frame in the documented shape (the HTTP error body's
// statusCode, code, error, message; retryAfterMs on retryable codes) or a documented close code, the
// server never crashes, and other sockets keep being served.
import t from 'tap';
import { CLOSE_POLICY } from '../../src/live/protocol.js';
import { signIn, testApp, testDatabase } from '../helpers/app.js';
import { injectLive, type Frame } from '../helpers/live.js';

const database = await testDatabase(t);
const app = await testApp(t, database);

const SHAPE = ['code', 'error', 'message', 'statusCode', 'type'];
function offShape(f: Frame): string | null {
  const keys = Object.keys(f).filter((k) => !['id', 'stream', 'retryAfterMs'].includes(k));
  if (JSON.stringify(keys.sort()) !== JSON.stringify(SHAPE)) return `keys ${keys.join(',')}`;
  if (!/^[A-Z][A-Z0-9_]*$/.test(f.code!) || typeof f.error !== 'string' || typeof f.message !== 'string') return JSON.stringify(f);
  const retryable = ['DATABASE_UNAVAILABLE', 'OVERLOADED', 'RATE_LIMITED'].includes(f.code!);
  if (retryable !== (typeof f.retryAfterMs === 'number')) return `retryAfterMs on ${f.code}`;
  return null;
}

void t.test('bad commands: every error frame in the documented shape, the socket keeps serving', async (t) => {
  const attendee = await signIn(app, 'attendee1');
  const live = await injectLive(app, attendee);
  const bad: unknown[] = [
    '{nope',
    '',
    'null',
    '[]',
    '"subscribe"',
    '{"__proto__":{"type":"subscribe"},"id":1}',
    { type: 'dance', id: 2 },
    { type: 'subscribe', id: 3 },
    { type: 'subscribe', id: 4, stream: 'officials' },
    { type: 'subscribe', id: 5, stream: 'company:00000000-0000-4000-8000-000000000000' },
    { type: 'subscribe', id: 6, stream: 'roundtable:not-a-uuid' },
    { type: 'subscribe', id: 7, stream: 'public', since: -1 },
    '{"type":"subscribe","id":8,"stream":"public","since":1e400}',
    { type: 'subscribe', id: 9, stream: 'x'.repeat(5000) },
    { type: 'subscribe', id: 10, stream: 'public\u0000' },
    { type: 'unsubscribe', id: 11, stream: 'public' },
    { type: 'ping', id: { nested: true } },
    { type: 'subscribe', id: 12, stream: 'public', extra: '\ud800' },
  ];
  for (const m of bad) live.send(typeof m === 'string' ? m : JSON.stringify(m));
  // Commands are answered as they complete (subscribes read the database): wait for every answer.
  const answered = () => live.frames.filter((f) => f.type === 'error' || f.type === 'unsubscribed').length;
  for (let i = 0; i < 100 && answered() < bad.length; i++) await new Promise((r) => setTimeout(r, 50));
  t.equal(answered(), bad.length, 'every bad command answered');
  const pong = await live.command({ type: 'ping' });
  t.equal(pong.type, 'pong', 'still serving after every bad command');
  const errors = live.frames.filter((f) => f.type === 'error');
  t.comment(errors.map((f) => f.code).join(' '));
  t.same(errors.map(offShape).filter(Boolean), [], 'every error frame in the documented shape');
  live.close();
});

void t.test('floods: RATE_LIMITED frames are retryable, then the socket closes with 1008; binary frames and huge frames are refused', async (t) => {
  const other = await injectLive(app);
  const flood = await injectLive(app);
  for (let i = 0; i < 200; i++) flood.send({ type: 'ping', id: i });
  const limited = await flood.waitFor((f) => f.code === 'RATE_LIMITED');
  t.equal(offShape(limited), null, 'in the documented shape, with retryAfterMs');
  t.equal((await flood.closed).code, CLOSE_POLICY);

  const binary = await injectLive(app);
  binary.ws.send(Buffer.from([0, 1, 2, 255]));
  const refused = await Promise.race([binary.waitFor((f) => f.type === 'error'), binary.closed.then(() => null)]);
  if (refused) t.equal(offShape(refused), null, 'a binary frame gets an error frame in the shape');
  else t.pass('a binary frame closes the socket');

  const huge = await injectLive(app);
  huge.send('x'.repeat(64 * 1024));
  t.equal((await huge.closed).code, 1009, 'a frame over 16 KB closes with 1009');
  t.equal((await other.command({ type: 'ping' })).type, 'pong', 'others keep being served');
  for (const c of [binary, other]) c.close();
});
