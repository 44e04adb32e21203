// One hub per app instance: routes events from the log to the local sockets that follow their
// stream. Each stream ("channel") has a cursor, the last seq fanned out here; the hub reads the
// events after it from the table (on a NOTIFY, on the safety poll, after the LISTEN connection
// reconnects) and hands each one, serialized ONCE, to every local subscriber. Nothing here queries
// the database per socket per event: subscribers only ever compare seqs and write bytes.
// Hand-written rather than a pub/sub library (socket.io adapter, mercurius): the guarantees live in
// PostgreSQL (gapless per-stream seq, replay after reconnect), which such libraries do not provide, and
// the hub itself is only cursor bookkeeping over event-log.ts.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { readEvents, streamHead, streamHeads, type CommittedEvent, type StoredEvent } from './event-log.js';

/** An event ready to send: `frame` is the encoded event frame, shared by every socket. */
export interface WireEvent {
  seq: number;
  type: string;
  data: unknown;
  frame: Buffer;
}

export interface Subscriber {
  /** Called with the stream's events in seq order, each once, from the moment it joined. */
  receive(stream: string, event: WireEvent): void;
}

interface Channel {
  /** Last seq fanned out on this instance; null until a subscriber established where it starts. */
  cursor: number | null;
  /** Highest seq heard of (NOTIFY) while the cursor was unknown or a read was running. */
  heard: number;
  subscribers: Set<Subscriber>;
  pumping: boolean;
  again: boolean;
  /** The last snapshot built for this stream's subscribers (shared snapshots only), and one being built. */
  snapshot: Snapshot | null;
  building: Promise<Snapshot> | null;
}

/** A stream's state at `seq`; `json` is `data` encoded once for every subscriber. */
export interface Snapshot {
  seq: number;
  data: unknown;
  json: string;
}

const BATCH = 500;

export function encodeEvent(stream: string, e: StoredEvent): WireEvent {
  const frame = Buffer.from(JSON.stringify({ type: 'event', stream, seq: e.seq, event: e.type, data: e.data, at: new Date(e.createdAt).toISOString() }));
  return { seq: e.seq, type: e.type, data: e.data, frame };
}

export class Hub {
  private readonly channels = new Map<string, Channel>();

  constructor(
    readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  get streamCount(): number {
    return this.channels.size;
  }

  join(stream: string, subscriber: Subscriber): void {
    let channel = this.channels.get(stream);
    if (!channel) {
      channel = { cursor: null, heard: 0, subscribers: new Set(), pumping: false, again: false, snapshot: null, building: null };
      this.channels.set(stream, channel);
    }
    channel.subscribers.add(subscriber);
  }

  leave(stream: string, subscriber: Subscriber): void {
    const channel = this.channels.get(stream);
    if (!channel) return;
    channel.subscribers.delete(subscriber);
    if (!channel.subscribers.size) this.channels.delete(stream);
  }

  /**
   * A snapshot that is the same for every subscriber, built once per seq on this instance: the last
   * one is reused while nothing newer was fanned out, and concurrent subscribers share one build. (A
   * subscriber that gets a snapshot older than the log's head catches up from the log as always.)
   */
  sharedSnapshot(stream: string, build: () => Promise<{ seq: number; data: unknown }>): Promise<Snapshot> {
    const encode = (s: { seq: number; data: unknown }): Snapshot => ({ seq: s.seq, data: s.data, json: JSON.stringify(s.data ?? null) });
    const channel = this.channels.get(stream);
    if (!channel) return build().then(encode);
    const last = channel.snapshot;
    if (last && channel.cursor !== null && last.seq >= channel.cursor) return Promise.resolve(last);
    if (channel.building) return channel.building;
    const building = build()
      .then((s) => {
        const snapshot = encode(s);
        if (!channel.snapshot || snapshot.seq >= channel.snapshot.seq) channel.snapshot = snapshot;
        return snapshot;
      })
      .finally(() => {
        if (channel.building === building) channel.building = null;
      });
    channel.building = building;
    return building;
  }

  /** The channel's cursor (null: not established yet). */
  cursorOf(stream: string): number | null {
    return this.channels.get(stream)?.cursor ?? null;
  }

  /**
   * A subscriber has read the log itself up to `seq` (catch-up). If nobody established the cursor
   * yet, start fanning out after `seq`; if it read further than the cursor, bring the others along.
   */
  reached(stream: string, seq: number): void {
    const channel = this.channels.get(stream);
    if (!channel) return;
    if (channel.cursor === null) channel.cursor = seq;
    if (channel.heard > channel.cursor || seq > channel.cursor) void this.pump(stream);
  }

  /** Establishes the cursor at the stream's head if unknown (for subscribers that need no backlog). */
  async establish(stream: string): Promise<void> {
    const channel = this.channels.get(stream);
    if (!channel || channel.cursor !== null) return;
    const head = await streamHead(this.db, stream);
    this.reached(stream, head);
  }

  /** A NOTIFY payload "stream seq". */
  notified(payload: string): void {
    const space = payload.lastIndexOf(' ');
    const stream = payload.slice(0, space);
    const seq = Number(payload.slice(space + 1));
    const channel = this.channels.get(stream);
    if (!channel || !Number.isInteger(seq)) return;
    if (seq > channel.heard) channel.heard = seq;
    if (channel.cursor !== null && seq > channel.cursor) void this.pump(stream);
  }

  /**
   * This instance committed these events (in seq order per stream, as stored): they go out at once,
   * without waiting for the NOTIFY or reading them back, when they are the next seqs of a channel.
   * Anything else (a gap: an earlier seq another writer committed that was not heard yet) is read
   * from the log as on a NOTIFY; events already fanned out are ignored.
   */
  committed(events: readonly CommittedEvent[]): void {
    for (const event of events) {
      const channel = this.channels.get(event.stream);
      if (!channel || channel.cursor === null || event.seq <= channel.cursor) continue;
      if (event.seq > channel.heard) channel.heard = event.seq;
      if (event.seq !== channel.cursor + 1) {
        void this.pump(event.stream);
        continue;
      }
      channel.cursor = event.seq;
      const wire = encodeEvent(event.stream, event);
      for (const subscriber of channel.subscribers) subscriber.receive(event.stream, wire);
    }
  }

  /** Safety net: compares every followed stream's head with its cursor in one query. */
  async poll(): Promise<void> {
    const ids = [...this.channels.keys()];
    if (!ids.length) return;
    try {
      const heads = await streamHeads(this.db, ids);
      for (const [stream, head] of heads) {
        const channel = this.channels.get(stream);
        if (channel && channel.cursor !== null && head > channel.cursor) void this.pump(stream);
      }
    } catch (err) {
      this.log.warn({ err }, 'live: safety poll failed');
    }
  }

  /** Reads and fans out everything after the cursor; concurrent calls coalesce into one more round. */
  private async pump(stream: string): Promise<void> {
    const channel = this.channels.get(stream);
    if (!channel || channel.cursor === null) return;
    if (channel.pumping) {
      channel.again = true;
      return;
    }
    channel.pumping = true;
    try {
      for (;;) {
        channel.again = false;
        const rows = await readEvents(this.db, stream, channel.cursor, BATCH);
        if (this.channels.get(stream) !== channel) return; // everyone left meanwhile
        for (const row of rows) {
          if (row.seq <= channel.cursor) continue; // fanned out meanwhile (this instance's own commit)
          if (row.seq !== channel.cursor + 1) break; // defensive: only ever contiguous
          const event = encodeEvent(stream, row);
          channel.cursor = row.seq;
          for (const subscriber of channel.subscribers) subscriber.receive(stream, event);
        }
        if (rows.length < BATCH && !channel.again) return;
      }
    } catch (err) {
      this.log.warn({ err, stream }, 'live: reading events failed; the safety poll retries');
    } finally {
      channel.pumping = false;
    }
  }
}
