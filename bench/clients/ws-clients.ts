// WebSocket clients in a process of their own (the runner starts several). argv: url, count, mode.
// mode "project": subscribe to the stream, ready at its snapshot; "raw": ready at the first message.
// After `arm`, each socket records when the first matching frame arrives (absolute ms:
// performance.timeOrigin + now, comparable across processes on one machine).
import WebSocket from 'ws';
import { cpuShare, serve } from '../lib/ipc.js';

const [url, countArg, mode, stream] = process.argv.slice(2) as [string, string, 'project' | 'raw', string];
const count = Number(countArg);
const now = () => performance.timeOrigin + performance.now();
let sockets: WebSocket[] = [];
let received = new Float64Array(count);
let armed = false;
let eventType = '';
let sample = '';
let sampleSnapshot = '';
let pending = 0;
let onAll: (() => void) | null = null;

function open(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    sockets[i] = ws;
    ws.on('error', reject);
    ws.on('open', () => {
      if (mode === 'project') ws.send(JSON.stringify({ type: 'subscribe', id: 1, stream }));
    });
    let ready = false;
    ws.on('message', (data: Buffer) => {
      if (!ready) {
        const text = data.toString();
        if (mode === 'raw' || text.includes('"type":"snapshot"')) {
          ready = true;
          if (!sampleSnapshot) sampleSnapshot = text;
          resolve();
        } else if (text.includes('"type":"error"')) reject(new Error(text));
        return;
      }
      if (!armed || received[i]) return;
      if (mode === 'project') {
        const text = data.toString();
        if (!text.includes(`"event":"${eventType}"`)) return;
        if (!sample) sample = text;
      }
      received[i] = now();
      if (--pending === 0) onAll?.();
    });
  });
}

serve({
  connect: async ({ window }) => {
    const start = now();
    const cpu0 = process.cpuUsage();
    sockets = new Array(count);
    // `window` sockets opening at a time (0: all at once, the subscribe storm).
    const limit = Number(window) || count;
    let next = 0;
    const results: PromiseSettledResult<void>[] = [];
    await Promise.all(
      Array.from({ length: Math.min(limit, count) }, async () => {
        while (next < count) {
          const i = next++;
          results[i] = await open(i).then(
            () => ({ status: 'fulfilled', value: undefined }) as const,
            (reason: unknown) => ({ status: 'rejected', reason }) as const,
          );
        }
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    const end = now();
    return {
      start,
      end,
      failed: failed.length,
      firstError: failed[0] ? String(failed[0].reason) : null,
      snapshot: sampleSnapshot,
      cpu: cpuShare(cpu0, end - start),
    };
  },
  arm: ({ event }) => {
    received = new Float64Array(count);
    pending = count;
    eventType = typeof event === 'string' ? event : '';
    armed = true;
  },
  collect: async ({ timeoutMs }) => {
    if (pending > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Number(timeoutMs));
        onAll = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    armed = false;
    onAll = null;
    return { times: Array.from(received), sample };
  },
  close: async () => {
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.terminate();
          }),
      ),
    );
    sockets = [];
  },
});
