// Appends events to the log inside the caller's transaction. Sequence numbers come from the
// `streams` row of each stream (`insert … on conflict do update set seq = seq + n returning seq`), a
// row lock held until commit, so per-stream seqs are gapless and in commit order. The NOTIFY is queued
// in the same transaction: PostgreSQL delivers it only if (and when) the transaction commits, and it
// carries stream and seq only, never the payload.
//
// Shared streams (`officials`, `public`) are written by nearly every change, so their row lock must be
// held as briefly as possible: `queueEvent` only validates and remembers the event; the transaction
// (see `installEventOutbox`) appends everything it queued in ONE statement right before COMMIT, taking
// the stream locks in a fixed order (by stream id). The lock is then held for that statement and the
// commit only, not for the whole transaction. `appendEvent` writes at once (queued events first, so
// the order within a transaction is the order of the calls) and returns the seq.
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Executor, type Tx } from '../db/client.js';
import { events, eventsAll, organizations, streams, users } from '../db/schema/index.js';
import './event-catalog.js';
import { assertValidEvent } from './event-types.js';

export const EVENTS_CHANNEL = 'rt_events';

export interface NewEvent {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  actorId?: string | null;
}

interface Outbox {
  queue: NewEvent[];
  /** Streams this transaction wrote (told to the commit listeners once it committed). */
  written: Set<string>;
  /** The events it wrote, as stored (told to the commit listeners once it committed). */
  stored: CommittedEvent[];
}

/** An event as the log stores it, with its stream (what a commit listener hears). */
export interface CommittedEvent extends StoredEvent {
  stream: string;
}
/** Open transactions of an outbox-enabled database and what they queued. */
const outboxes = new WeakMap<Tx, Outbox>();
const INSTALLED = Symbol.for('roundtable.eventOutbox');
type CommitListener = (streams: ReadonlySet<string>, events: readonly CommittedEvent[]) => void;

/**
 * Makes every `db.transaction(...)` append the events its callback queued (`queueEvent`) in one
 * statement after the callback returned, just before COMMIT, and tell `onCommitted` which streams
 * it wrote and the events it appended (as stored: seq, data as jsonb gives it back, time) once it
 * committed, so that this instance can fan them out without waiting for the NOTIFY or reading them. Installing again only adds the listener. A transaction that throws
 * rolls back and its queue is dropped with it. Returns a function that removes the listener.
 */
export function installEventOutbox(db: Db, onCommitted?: CommitListener): () => void {
  const marked = db as Db & { [INSTALLED]?: Set<CommitListener> };
  let listeners = marked[INSTALLED];
  if (!listeners) {
    const all = (listeners = marked[INSTALLED] = new Set());
    const original = db.transaction.bind(db);
    db.transaction = (async (fn: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) => {
      const written = new Set<string>();
      const stored: CommittedEvent[] = [];
      const result = await original(async (tx) => {
        outboxes.set(tx, { queue: [], written, stored });
        try {
          const value = await fn(tx);
          await flushEvents(tx);
          return value;
        } finally {
          outboxes.delete(tx);
        }
      }, config);
      if (written.size) {
        for (const listener of all) {
          try {
            listener(written, stored);
          } catch {
            // A listener's failure must not turn a committed change into an error.
          }
        }
      }
      return result;
    }) as Db['transaction'];
  }
  if (!onCommitted) return () => {};
  listeners.add(onCommitted);
  return () => void listeners.delete(onCommitted);
}

/**
 * Adds an event to the transaction's log writes. Validated now (an unknown type or a payload off
 * its schema aborts the whole change); written right before commit when the database has the
 * outbox installed, at once otherwise.
 */
export async function queueEvent(tx: Tx, event: NewEvent): Promise<void> {
  assertValidEvent(event.type, event.data);
  const outbox = outboxes.get(tx);
  if (outbox) outbox.queue.push(event);
  else await writeEvents(tx, [event]);
}

/** Appends now (after whatever the transaction queued before) and returns the event's seq. */
export async function appendEvent(tx: Tx, event: NewEvent): Promise<number> {
  assertValidEvent(event.type, event.data);
  const outbox = outboxes.get(tx);
  const batch = outbox ? [...outbox.queue.splice(0), event] : [event];
  const seqs = await writeEvents(tx, batch);
  return seqs[seqs.length - 1]!;
}

async function flushEvents(tx: Tx): Promise<void> {
  const outbox = outboxes.get(tx);
  if (outbox?.queue.length) await writeEvents(tx, outbox.queue.splice(0));
}

/**
 * One statement for any number of events on any number of streams: bumps each stream's seq by its
 * count (rows locked in stream-id order, so concurrent writers cannot deadlock on them), numbers the
 * events in call order, inserts them and NOTIFYs each stream's last seq. Returns the seqs in order.
 */
async function writeEvents(tx: Tx, batch: NewEvent[]): Promise<number[]> {
  const outbox = outboxes.get(tx);
  if (outbox) for (const e of batch) outbox.written.add(e.stream);
  const input = JSON.stringify(batch.map((e, ord) => ({ ord, stream: e.stream, type: e.type, data: e.data, actor_id: e.actorId ?? null })));
  // With an outbox, the rows come back as stored (data normalized by jsonb, the row's time), exactly
  // what readEvents would give, so the frame this instance encodes is the one every other encodes.
  const full = outbox !== undefined;
  const rows = rowsOf<{ ord: number; seq: number | string; stream: string; type: string; data: unknown; created_at: Date | string }>(
    await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb) as x(ord int, stream text, type text, data jsonb, actor_id uuid)
      ), counts as (
        select stream, count(*)::bigint as n from input group by stream
      ), bumped as (
        insert into streams as s (id, seq) select stream, n from counts order by stream
        on conflict (id) do update set seq = s.seq + excluded.seq
        returning id, seq
      ), numbered as (
        select i.ord, i.stream, i.type, i.data, i.actor_id,
               b.seq - c.n + row_number() over (partition by i.stream order by i.ord) as seq,
               b.seq as last
        from input i join counts c on c.stream = i.stream join bumped b on b.id = i.stream
      ), inserted as (
        insert into events (stream, seq, type, data, actor_id)
        select stream, seq, type, data, actor_id from numbered
        returning stream, seq, created_at
      )
      select n.ord, n.seq, ${full ? sql`n.stream, n.type, n.data, i.created_at,` : sql``}
             case when n.seq = n.last then pg_notify(${EVENTS_CHANNEL}, n.stream || ' ' || n.seq) end as notified
      from numbered n join inserted i on i.stream = n.stream and i.seq = n.seq
      order by n.ord`),
  );
  if (outbox) {
    for (const r of rows) {
      outbox.stored.push({
        stream: r.stream,
        seq: Number(r.seq),
        type: r.type,
        // Drivers hand jsonb back parsed or as text, and timestamptz as a Date or as text (as readEvents' mapping does).
        data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
        createdAt: new Date(r.created_at),
      });
    }
  }
  return rows.map((r) => Number(r.seq));
}

export interface StoredEvent {
  seq: number;
  type: string;
  data: unknown;
  createdAt: Date;
}

/** Events of one stream after `afterSeq`, in order. */
export function readEvents(db: Executor, stream: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  return db
    .select({ seq: events.seq, type: events.type, data: events.data, createdAt: events.createdAt })
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
}

/** The last seq of a stream (0 if nothing was ever appended). */
export async function streamHead(db: Executor, stream: string): Promise<number> {
  const [row] = await db.select({ seq: streams.seq }).from(streams).where(eq(streams.id, stream));
  return row ? Number(row.seq) : 0;
}

/** Last seqs of many streams in one query (the safety poll). */
export async function streamHeads(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: streams.id, seq: streams.seq }).from(streams).where(inArray(streams.id, ids));
  return new Map(rows.map((r) => [r.id, Number(r.seq)]));
}

export interface AuditQuery {
  stream?: string | undefined;
  streamPrefix?: string | undefined;
  type?: string | undefined;
  actorId?: string | undefined;
  /** The first part of the event type (issue, roundtable, agenda, registration, live, outcomes, access, session, feed). */
  kind?: string | undefined;
  before?: Date | undefined;
  /** Keyset: rows after the one that gave this cursor (see `AuditCursor`). */
  after?: AuditCursor | undefined;
  limit: number;
}

/** A row's place in the trail's order: its time as PostgreSQL prints it (microseconds kept) and a
 * digest of its stream and seq that breaks ties without naming either. */
export type AuditCursor = [string, string];

/** Who may read which rows: those of the listed streams, and the reader's own actions anywhere. */
export interface AuditScope {
  streams: string[];
  ownActorId: string;
}

/** The streams a stream/streamPrefix filter names (existing ones only). */
export async function streamIdsMatching(db: Executor, q: Pick<AuditQuery, 'stream' | 'streamPrefix'>): Promise<string[]> {
  const where: SQL[] = [];
  if (q.stream) where.push(eq(streams.id, q.stream));
  if (q.streamPrefix) where.push(sql`starts_with(${streams.id}, ${q.streamPrefix})`);
  const rows = await db
    .select({ id: streams.id })
    .from(streams)
    .where(and(...where));
  return rows.map((r) => r.id);
}

const tieBreak = sql<string>`md5(${eventsAll.stream} || ':' || ${eventsAll.seq}::text)`;

/** The log as an audit trail of officials' and organizers' actions (and the system's), newest first,
 * with the actor's name and organization (actors are officials and organizers: directory entries
 * every organizer may see); archived events included (events_all). */
export function listEvents(db: Executor, q: AuditQuery, scope: AuditScope) {
  // Companies' and attendees' own actions are not part of it: their actor would name the author
  // of an anonymous issue.
  const where: SQL[] = [
    sql`(${eventsAll.actorId} is null or ${eventsAll.actorId} in (select id from users where role in ('official', 'organizer')))`,
    or(scope.streams.length ? inArray(eventsAll.stream, scope.streams) : sql`false`, eq(eventsAll.actorId, scope.ownActorId))!,
  ];
  if (q.stream) where.push(eq(eventsAll.stream, q.stream));
  if (q.streamPrefix) where.push(sql`starts_with(${eventsAll.stream}, ${q.streamPrefix})`);
  if (q.type) where.push(eq(eventsAll.type, q.type));
  if (q.kind) where.push(sql`starts_with(${eventsAll.type}, ${q.kind + '.'})`);
  if (q.actorId) where.push(eq(eventsAll.actorId, q.actorId));
  if (q.before) where.push(lt(eventsAll.createdAt, q.before));
  if (q.after) where.push(sql`(${eventsAll.createdAt}, ${tieBreak}) < (${q.after[0]}::timestamptz, ${q.after[1]})`);
  return db
    .select({
      stream: eventsAll.stream,
      seq: eventsAll.seq,
      type: eventsAll.type,
      data: eventsAll.data,
      actorId: eventsAll.actorId,
      createdAt: eventsAll.createdAt,
      actorName: users.displayName,
      orgEn: organizations.nameEn,
      orgJa: organizations.nameJa,
      orgZh: organizations.nameZh,
      createdKey: sql<string>`${eventsAll.createdAt}::text`,
      tie: tieBreak,
    })
    .from(eventsAll)
    .leftJoin(users, eq(users.id, eventsAll.actorId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...where))
    .orderBy(desc(eventsAll.createdAt), desc(tieBreak))
    .limit(q.limit);
}
