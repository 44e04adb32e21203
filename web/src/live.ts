// The live client: one WebSocket shared by every page, many subscriptions. It reconnects by itself
// (backoff with jitter), resumes each stream from the last seq it applied (so nothing is missed or
// applied twice), and exposes its connection state for the UI. Protocol: README "Live protocol".
import { effect, signal } from '@preact/signals';
import { loadSession, me } from './session.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'signedOut';
export const connectionState = signal<ConnectionState>('connecting');

export interface StreamHandler {
  /** The stream's state at `seq` (null: reload over HTTP); events after it follow. */
  snapshot(data: unknown, seq: number): void;
  event(type: string, data: unknown, seq: number, at: string): void;
  error?(code: string, message: string): void;
}

interface Stream {
  handlers: Set<StreamHandler>;
  /** Last seq applied; null until the first snapshot. */
  seq: number | null;
}

interface Frame {
  type: string;
  id?: string;
  stream?: string;
  seq?: number;
  data?: unknown;
  event?: string;
  at?: string;
  code?: string;
  message?: string;
  /** Retryable errors (e.g. DATABASE_UNAVAILABLE): send the command again after this long. */
  retryAfterMs?: number;
}

const CLOSE_POLICY = 1008;

class LiveClient {
  private socket: WebSocket | null = null;
  private readonly streams = new Map<string, Stream>();
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;

  /** Follows a stream; returns the function that stops following it. */
  subscribe(stream: string, handler: StreamHandler): () => void {
    let s = this.streams.get(stream);
    if (!s) {
      s = { handlers: new Set(), seq: null };
      this.streams.set(stream, s);
      if (this.socket?.readyState === WebSocket.OPEN) this.sendSubscribe(stream, s);
    }
    s.handlers.add(handler);
    this.ensureConnected();
    return () => {
      s.handlers.delete(handler);
      if (s.handlers.size) return;
      this.streams.delete(stream);
      this.send({ type: 'unsubscribe', stream });
    };
  }

  /** After signing in or out: the socket's identity changed, so start over. */
  restart(): void {
    for (const s of this.streams.values()) s.seq = null;
    this.socket?.close();
  }

  private send(frame: Record<string, unknown>) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ ...frame, id: String(this.nextId++) }));
  }

  private sendSubscribe(stream: string, s: Stream) {
    this.send({ type: 'subscribe', stream, ...(s.seq !== null ? { since: s.seq } : {}) });
  }

  private ensureConnected() {
    if (this.socket || this.timer) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
    const socket = new WebSocket(url);
    this.socket = socket;
    connectionState.value = this.attempts ? 'reconnecting' : 'connecting';
    socket.onopen = () => {
      this.attempts = 0;
      connectionState.value = 'open';
      for (const [stream, s] of this.streams) this.sendSubscribe(stream, s);
    };
    socket.onmessage = (e) => this.onFrame(JSON.parse(String(e.data)) as Frame);
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.streams.size) return;
      if (e.code === CLOSE_POLICY) {
        // Signed out, deactivated or role changed: see who we are now before trying again.
        void loadSession().then(() => {
          for (const s of this.streams.values()) s.seq = null;
          if (!me.value) connectionState.value = 'signedOut';
          this.retry();
        });
      } else this.retry();
    };
  }

  private retry() {
    connectionState.value = 'reconnecting';
    const delay = Math.min(15_000, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ensureConnected();
    }, delay);
  }

  private onFrame(f: Frame) {
    const s = f.stream ? this.streams.get(f.stream) : undefined;
    if (!s) return;
    if (f.type === 'snapshot') {
      s.seq = f.seq!;
      for (const h of s.handlers) h.snapshot(f.data ?? null, f.seq!);
    } else if (f.type === 'event') {
      if (s.seq === null || f.seq! <= s.seq) return; // already applied
      if (f.seq !== s.seq + 1) {
        // A gap cannot happen by protocol; if it ever did, start the stream over.
        s.seq = null;
        this.send({ type: 'unsubscribe', stream: f.stream });
        this.sendSubscribe(f.stream!, s);
        return;
      }
      s.seq = f.seq!;
      for (const h of s.handlers) h.event(f.event!, f.data, f.seq, f.at!);
    } else if (f.type === 'error') {
      if (f.retryAfterMs !== undefined) {
        // The server could not subscribe us right now (database unavailable, overloaded): ask again.
        this.resubscribeLater(f.stream!, f.retryAfterMs);
        return;
      }
      for (const h of s.handlers) h.error?.(f.code!, f.message!);
    }
  }

  private resubscribeLater(stream: string, afterMs: number) {
    const socket = this.socket;
    setTimeout(
      () => {
        const s = this.streams.get(stream);
        // Only on the same socket: a new socket subscribes everything itself when it opens.
        if (s && socket && this.socket === socket && socket.readyState === WebSocket.OPEN) this.sendSubscribe(stream, s);
      },
      afterMs * (1 + Math.random() / 2),
    );
  }
}

export const live = new LiveClient();

// The socket speaks for whoever was signed in when it opened: start over when that changes.
let lastUser: string | null | undefined;
effect(() => {
  const user = me.value?.user.id ?? null;
  if (lastUser !== undefined && user !== lastUser) live.restart();
  lastUser = user;
});
