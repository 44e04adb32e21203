// Appends events to the log inside the caller's transaction. Every stream has a gapless seq kept in its
// `streams` row; a stream's events are delivered in seq order and the NOTIFY (stream and seq only, never
// the payload) is sent by the transaction that numbers them, so PostgreSQL delivers it only once they
// are committed.
//
// Two ways to number, chosen by the stream's kind:
//
// - Streams with a snapshot (`roundtable:*`, see access.ts `registerSnapshot`): a subscriber's snapshot
//   and the stream's seq are read in one transaction, so a change and its event must become visible
//   together. The transaction numbers its events itself (`insert … on conflict do update set seq = seq
//   + n returning seq`, a row lock held until commit), in one statement right before COMMIT.
// - Every other stream (`officials`, `public`, `company:*`, `user:*`): nearly every write appends to
//   the shared ones, and a row lock held through COMMIT (the WAL flush) let one writer commit at a time
//   (measured: ~60 issue submits/s from 8 to 32 connections). The transaction writes its events to
//   `pending_events` (no lock), and right after its commit calls `sequence_pending_events()`, which
//   under one advisory lock numbers EVERY committed pending row in one statement and NOTIFYs: the writers
//   that committed during one numbering share the next. Still gapless (one numberer at a time, seqs from
//   the `streams` row), nothing lost (the rows are committed with the change; the safety poll numbers
//   what a writer that died after its commit left), nothing twice (rows move, in one transaction), and
//   an event written after another transaction committed (e.g. two changes of one issue, serialized by
//   its row lock) is numbered after that one's (pending ids). Subscribers of these streams get no
//   snapshot, only the seq to resume from, so the short delay between commit and numbering is invisible
//   to them; the writer returns only after its events are numbered.
//
// `queueEvent` only validates and remembers the event; `installEventOutbox` writes what a transaction
// queued right before COMMIT. `appendEvent` writes at once, in the transaction (queued events first, so
// the order within a transaction is the order of the calls), and returns the seq.
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Executor, type Tx } from '../db/client.js';
import { events, eventsAll, organizations, pendingEvents, streams, users } from '../db/schema/index.js';
import { ORGANIZER_OR_OFFICIAL } from '../lib/principal.js';
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
  /** The events it numbered itself, as stored (told to the commit listeners once it committed). */
  stored: CommittedEvent[];
  /** Whether it wrote pending events (numbered right after its commit). */
  pending: boolean;
}

/** An event as the log stores it, with its stream (what a commit listener hears). */
export interface CommittedEvent extends StoredEvent {
  stream: string;
}

/** Kinds of stream (the part before the first `:`) numbered inside their transaction: those with a snapshot. */
const inTransactionKinds = new Set<string>();
/** Called by access.ts for every stream kind that has a snapshot. */
export function numberInTransaction(kind: string): void {
  inTransactionKinds.add(kind);
}
const numberedLater = (stream: string) => !inTransactionKinds.has(stream.split(':', 1)[0]!);
/** Open transactions of an outbox-enabled database and what they queued. */
const outboxes = new WeakMap<Tx, Outbox>();
const INSTALLED = Symbol.for('roundtable.eventOutbox');
type CommitListener = (streams: ReadonlySet<string>, events: readonly CommittedEvent[]) => void;

/**
 * Makes every `db.transaction(...)` append the events its callback queued (`queueEvent`) in one
 * statement after the callback returned, just before COMMIT, and tell `onCommitted` which streams
 * it wrote and the events it numbered itself (streams with a snapshot; as stored: seq, data as jsonb
 * gives it back, time) once it committed, so that this instance can fan those out without waiting for
 * the NOTIFY or reading them. Installing again only adds the listener. A transaction that throws
 * rolls back and its queue is dropped with it. Returns a function that removes the listener.
 */
export function installEventOutbox(db: Db, onCommitted?: CommitListener): () => void {
  const marked = db as Db & { [INSTALLED]?: Set<CommitListener> };
  let listeners = marked[INSTALLED];
  if (!listeners) {
    const all = (listeners = marked[INSTALLED] = new Set());
    const original = db.transaction.bind(db);
    db.transaction = (async (fn: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) => {
      const outbox: Outbox = { queue: [], written: new Set(), stored: [], pending: false };
      const { written } = outbox;
      const result = await original(async (tx) => {
        outbox.queue = [];
        outbox.stored = [];
        outboxes.set(tx, outbox);
        try {
          const value = await fn(tx);
          await flushEvents(tx);
          return value;
        } finally {
          outboxes.delete(tx);
        }
      }, config);
      // Committed: number its pending events (and any other writer's) before anyone is told. Should
      // this fail (the connection lost), the change stays committed and the safety poll numbers them.
      if (outbox.pending) await sequencePendingEvents(db).catch(() => 0);
      if (written.size) {
        for (const listener of all) {
          try {
            listener(written, outbox.stored);
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
  // Pending events numbered so far come first (committed before this transaction wrote): whatever
  // this transaction wrote after one of them committed is numbered after it.
  if (numberedLater(event.stream)) await sequencePendingEvents(tx);
  const batch = outbox ? [...outbox.queue.splice(0), event] : [event];
  const seqs = await writeEvents(tx, batch);
  return seqs[seqs.length - 1]!;
}

async function flushEvents(tx: Tx): Promise<void> {
  const outbox = outboxes.get(tx);
  if (!outbox?.queue.length) return;
  const queued = outbox.queue.splice(0);
  const later = queued.filter((e) => numberedLater(e.stream));
  const now = queued.filter((e) => !numberedLater(e.stream));
  if (now.length) await writeEvents(tx, now);
  if (later.length) {
    for (const e of later) outbox.written.add(e.stream);
    outbox.pending = true;
    // One statement; ids follow the order of the calls.
    const input = JSON.stringify(later.map((e, ord) => ({ ord, stream: e.stream, type: e.type, data: e.data, actor_id: e.actorId ?? null })));
    await tx.execute(sql`
      insert into ${pendingEvents} (stream, type, data, actor_id)
      select stream, type, data, actor_id
      from jsonb_to_recordset(${input}::jsonb) as x(ord int, stream text, type text, data jsonb, actor_id uuid)
      order by ord`);
  }
}

/**
 * Numbers every committed pending event (see the top of this file) and NOTIFYs the new heads; returns
 * how many. A no-op when nothing is pending. Run after each commit that wrote some, and by the safety poll.
 */
export async function sequencePendingEvents(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select sequence_pending_events() as n`));
  return Number(row?.n ?? 0);
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
    sql`(${eventsAll.actorId} is null or ${eventsAll.actorId} in (select ${users.id} from ${users} where ${inArray(users.role, [...ORGANIZER_OR_OFFICIAL])}))`,
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
