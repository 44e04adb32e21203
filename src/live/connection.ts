// One WebSocket: parses and rate-limits commands, authorizes every subscribe, replays what a
// resuming client missed (or sends a snapshot), then passes the hub's pre-encoded frames through.
// A subscription applies an event only if it is exactly the next seq, so nothing is sent twice
// and a gap is repaired from the log before anything newer goes out.
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { LiveConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError, badRequest, conflict, toErrorBody } from '../lib/errors.js';
import type { Principal } from '../lib/principal.js';
import { authorizeStream, principalOfSession, snapshotIsShared, snapshotOf } from './access.js';
import { readEvents, streamHead } from './event-log.js';
import { encodeEvent, type Hub, type Snapshot, type Subscriber, type WireEvent } from './hub.js';
import type { ReadCache } from './read-cache.js';
import { CLOSE_POLICY, CLOSE_RESYNC, COMMAND_TYPES, commandValidator, errorFrame, type Command } from './protocol.js';
import { streamOf } from './streams.js';

const CATCH_UP_BATCH = 500;
type CommandId = string | number | undefined;

class Subscription implements Subscriber {
  /** Last seq sent (or covered by the snapshot). */
  lastSent = 0;
  /** Reading the log itself: live frames are ignored until it has caught up with the hub. */
  catchingUp = true;
  closed = false;

  constructor(
    readonly connection: Connection,
    readonly stream: string,
  ) {}

  receive(_stream: string, event: WireEvent): void {
    if (this.catchingUp || event.seq <= this.lastSent) return;
    if (event.seq !== this.lastSent + 1) {
      this.connection.catchUp(this).catch(() => this.connection.close(CLOSE_RESYNC, 'resync needed'));
      return;
    }
    this.lastSent = event.seq;
    this.connection.send(event.frame);
  }
}

export interface ConnectionDeps {
  hub: Hub;
  db: Db;
  /** Visitors' positive authorizations, dropped when their stream moves (see read-cache.ts). */
  readCache: ReadCache;
  config: LiveConfig;
  log: FastifyBaseLogger;
  onClose: (connection: Connection) => void;
}

export class Connection {
  private readonly subscriptions = new Map<string, Subscription>();
  private tokens: number;
  private refilledAt = Date.now();
  private violations = 0;
  private control: Subscriber | null = null;
  /** Answered the last ping (keep-alive). */
  alive = true;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly principal: Principal | null,
    private readonly deps: ConnectionDeps,
  ) {
    this.tokens = deps.config.rateBurst;
    socket.on('message', (raw, isBinary) => this.onMessage(raw as Buffer, isBinary));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  /** Watches the user's own stream so sign-out, deactivation and role changes close this socket. */
  async watchAccess(): Promise<void> {
    const p = this.principal;
    if (!p) return;
    const stream = streamOf.userFeed(p.userId);
    this.control = {
      receive: (_s, event) => {
        if (event.type === 'session.revoked' && (event.data as { sessionId?: string }).sessionId !== p.sessionId) return;
        if (event.type === 'session.revoked' || event.type === 'access.revoked' || event.type === 'access.changed') {
          this.close(CLOSE_POLICY, event.type);
        }
      },
    };
    this.deps.hub.join(stream, this.control);
    await this.deps.hub.establish(stream);
    // Anything revoked between the handshake and joining the stream is caught by re-reading the session.
    if (!this.closed && !(await principalOfSession(this.deps.db, p.sessionId))) this.close(CLOSE_POLICY, 'session.revoked');
  }

  send(frame: Buffer | string): void {
    if (this.closed) return;
    this.socket.send(frame, { binary: false });
    // A consumer that cannot keep up is cut loose rather than buffered without bound.
    if (this.socket.bufferedAmount > this.deps.config.maxBufferedBytes) this.close(CLOSE_RESYNC, 'resync needed');
  }

  private sendJson(frame: Record<string, unknown>): void {
    this.send(JSON.stringify(frame));
  }

  sendError(err: unknown, id?: CommandId, stream?: string): void {
    const body = toErrorBody(err);
    if (body.code === 'DATABASE_UNAVAILABLE') this.deps.log.warn({ err }, 'live: database unavailable');
    else if (body.statusCode >= 500) this.deps.log.error({ err }, 'live: command failed');
    this.sendJson(errorFrame(body, { id, stream, retryAfterMs: this.deps.config.retryAfterMs }));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(code, reason);
  }

  /** Token bucket: refuse commands over the rate; a client that keeps flooding is disconnected. */
  private allow(): boolean {
    const { rateBurst, ratePerSecond } = this.deps.config;
    const now = Date.now();
    this.tokens = Math.min(rateBurst, this.tokens + ((now - this.refilledAt) / 1000) * ratePerSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  private onMessage(raw: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.allow()) {
      if (++this.violations > this.deps.config.rateBurst) {
        this.close(CLOSE_POLICY, 'message rate exceeded');
        return;
      }
      this.sendError(new AppError(429, 'RATE_LIMITED', 'Too many messages; slow down'));
      return;
    }
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(raw.toString('utf8'));
    } catch {
      this.sendError(badRequest('INVALID_JSON', 'Frames must be JSON text'));
      return;
    }
    const id = idOf(message);
    if (!commandValidator.Check(message)) {
      const type = (message as { type?: unknown })?.type;
      if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
        this.sendError(badRequest('UNKNOWN_COMMAND', `Unknown command type ${JSON.stringify(type)}; expected ${COMMAND_TYPES.join(', ')}`), id);
      } else {
        const problem = commandValidator.Errors(message)[0];
        this.sendError(badRequest('VALIDATION_FAILED', `Invalid ${type}: ${problem?.instancePath || '/'} ${problem?.message ?? ''}`.trim()), id);
      }
      return;
    }
    void this.run(message).catch((err) => this.sendError(err, message.id, (message as { stream?: string }).stream));
  }

  private async run(command: Command): Promise<void> {
    switch (command.type) {
      case 'ping':
        this.sendJson({ type: 'pong', id: command.id });
        return;
      case 'unsubscribe': {
        const sub = this.subscriptions.get(command.stream);
        if (sub) this.drop(sub);
        this.sendJson({ type: 'unsubscribed', id: command.id, stream: command.stream });
        return;
      }
      case 'subscribe':
        return this.subscribe(command.stream, command.since, command.id);
    }
  }

  private async subscribe(stream: string, since: number | undefined, id: CommandId): Promise<void> {
    if (this.subscriptions.has(stream)) throw conflict('ALREADY_SUBSCRIBED', `Already subscribed to ${stream}`);
    if (this.subscriptions.size >= this.deps.config.maxSubscriptions) {
      throw new AppError(429, 'TOO_MANY_SUBSCRIPTIONS', `At most ${this.deps.config.maxSubscriptions} subscriptions per connection`, {
        max: this.deps.config.maxSubscriptions,
      });
    }
    const sub = new Subscription(this, stream);
    // Reserve the slot before awaiting, so a flood of subscribes cannot pass the cap concurrently.
    this.subscriptions.set(stream, sub);
    try {
      await this.authorize(stream);
      if (sub.closed) return;
      // Join first: events committed from now on reach this subscription (ignored until caught up).
      this.deps.hub.join(stream, sub);
      if (since !== undefined) {
        const head = await streamHead(this.deps.db, stream);
        if (sub.closed) return;
        if (since <= head && head - since <= this.deps.config.replayWindow) {
          sub.lastSent = since;
          this.sendJson({ type: 'subscribed', id, stream, seq: since });
          await this.catchUp(sub);
          return;
        }
      }
      const snapshot = await this.snapshot(stream);
      if (sub.closed) return;
      sub.lastSent = snapshot.seq;
      // The frame's fields in the order sendJson would write them; `data` was encoded once for all.
      const head = JSON.stringify({ type: 'snapshot', id, stream, seq: snapshot.seq });
      this.send(`${head.slice(0, -1)},"data":${snapshot.json}}`);
      await this.catchUp(sub, true);
    } catch (err) {
      this.drop(sub);
      throw err;
    }
  }

  /** Who may follow the stream. Visitors all get the same answer: a yes is kept until the stream moves. */
  private async authorize(stream: string): Promise<void> {
    const { db, readCache } = this.deps;
    if (this.principal) return authorizeStream(db, this.principal, stream);
    await readCache.get(`may-follow:${stream}`, [stream], () => authorizeStream(db, null, stream).then(() => true));
  }

  /** The stream's state and the seq it corresponds to, read in one consistent snapshot (shared when it can be). */
  private snapshot(stream: string): Promise<Snapshot> {
    const read = (principal: Principal | null) =>
      this.deps.db.transaction(
        async (tx) => {
          const seq = await streamHead(tx, stream);
          const data = await snapshotOf(tx, principal, stream);
          return { seq, data: data ?? null };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    if (snapshotIsShared(stream)) return this.deps.hub.sharedSnapshot(stream, () => read(null));
    return read(this.principal).then((s) => ({ ...s, json: JSON.stringify(s.data) }));
  }

  /**
   * Sends what the subscription missed from the log, until it is level with the hub's cursor. Right
   * after a snapshot at or past the cursor (or before any) nothing can be missing that the hub will
   * not fan out itself: the subscription goes live without reading the log.
   */
  async catchUp(sub: Subscription, afterSnapshot = false): Promise<void> {
    if (sub.closed) return;
    sub.catchingUp = true;
    if (afterSnapshot) {
      const cursor = this.deps.hub.cursorOf(sub.stream);
      if (cursor === null || cursor <= sub.lastSent) {
        sub.catchingUp = false;
        this.deps.hub.reached(sub.stream, sub.lastSent);
        return;
      }
    }
    for (;;) {
      const rows = await readEvents(this.deps.db, sub.stream, sub.lastSent, CATCH_UP_BATCH);
      if (sub.closed) return;
      for (const row of rows) {
        if (row.seq !== sub.lastSent + 1) break;
        sub.lastSent = row.seq;
        this.send(encodeEvent(sub.stream, row).frame);
      }
      if (rows.length === CATCH_UP_BATCH) continue;
      const cursor = this.deps.hub.cursorOf(sub.stream);
      if (cursor !== null && cursor > sub.lastSent) continue; // the hub moved on while we read
      // No await between this check and going live: no frame can slip between the two.
      sub.catchingUp = false;
      this.deps.hub.reached(sub.stream, sub.lastSent);
      return;
    }
  }

  private drop(sub: Subscription): void {
    sub.closed = true;
    if (this.subscriptions.get(sub.stream) === sub) this.subscriptions.delete(sub.stream);
    this.deps.hub.leave(sub.stream, sub);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sub of this.subscriptions.values()) this.drop(sub);
    if (this.control && this.principal) this.deps.hub.leave(streamOf.userFeed(this.principal.userId), this.control);
    this.deps.onClose(this);
  }
}

function idOf(message: unknown): CommandId {
  const id = (message as { id?: unknown } | null)?.id;
  return (typeof id === 'string' && id.length <= 64) || Number.isInteger(id) ? (id as string | number) : undefined;
}
