// A test client for the live WebSocket: queues frames, waits for them by predicate, records the close.
import WebSocket from 'ws';
import type { App } from '../../src/app.js';
import { ORIGIN, type Client } from './app.js';

export interface Frame {
  type: string;
  id?: string | number;
  stream?: string;
  seq?: number;
  event?: string;
  data?: unknown;
  code?: string;
  statusCode?: number;
  message?: string;
}

export class LiveClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void; from: number }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private read = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse((raw as Buffer).toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (w.pred(frame)) {
          w.resolve(frame);
          return false;
        }
        return true;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first frame (received before or after now, not yet consumed by `next`) matching `pred`. */
  waitFor(pred: (f: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve, from: this.frames.length }));
  }

  /** The next frame in arrival order. */
  async next(): Promise<Frame> {
    const index = this.read++;
    if (index < this.frames.length) return this.frames[index]!;
    return new Promise((resolve) => this.waiters.push({ pred: () => this.frames.length > index, resolve: () => resolve(this.frames[index]!), from: index }));
  }

  /** Sends a command with an id and waits for the reply echoing it. */
  async command(message: Record<string, unknown>): Promise<Frame> {
    const id = `c${Math.random().toString(36).slice(2)}`;
    const reply = this.waitFor((f) => f.id === id);
    this.send({ ...message, id });
    return reply;
  }

  /** Events of a stream received so far, as their seqs. */
  seqs(stream: string): number[] {
    return this.frames.filter((f) => f.type === 'event' && f.stream === stream).map((f) => f.seq!);
  }

  close(): void {
    this.ws.close();
  }
}

/** A live socket through app.injectWS (no port), as the given browser client or anonymous. */
export async function injectLive(app: App, client?: Client, headers: Record<string, string> = {}, query = ''): Promise<LiveClient> {
  let live: LiveClient | undefined;
  await app.injectWS(
    `/api/live${query}`,
    { headers: { origin: ORIGIN, ...(client?.cookie ? { cookie: client.cookie } : {}), ...headers } },
    // Listen from the first byte: the server may answer (or close) right at the handshake.
    { onInit: (ws) => (live = new LiveClient(ws)) },
  );
  return live!;
}

/** A live socket over a real port. Resolves after the handshake, or rejects with the HTTP status. */
export function connectLive(base: string, opts: { cookie?: string | null; origin?: string | null; query?: string } = {}): Promise<LiveClient> {
  const headers: Record<string, string> = {};
  if (opts.origin !== null) headers.origin = opts.origin ?? base;
  if (opts.cookie) headers.cookie = opts.cookie;
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/live${opts.query ?? ''}`, { headers });
  const client = new LiveClient(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
    ws.once('error', reject);
  });
}
