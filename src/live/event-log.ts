// Appends events to the log inside the caller's transaction. The sequence number comes from
// `UPDATE streams ... RETURNING seq` (a row lock held until commit), so per-stream seqs are gapless
// and in commit order. The NOTIFY is queued in the same transaction: PostgreSQL delivers it only
// if (and when) the transaction commits, and it carries stream and seq only, never the payload.
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '../db/client.js';
import { events, organizations, streams, users } from '../db/schema/index.js';
import './event-catalog.js';
import { assertValidEvent } from './event-types.js';

export const EVENTS_CHANNEL = 'rt_events';

export interface NewEvent {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  actorId?: string | null;
}

export async function appendEvent(tx: Tx, event: NewEvent): Promise<number> {
  // Before anything is written: an unknown type or a payload off its schema aborts the whole change.
  assertValidEvent(event.type, event.data);
  const [row] = rowsOf<{ seq: number | string }>(
    await tx.execute(sql`
      insert into streams (id, seq) values (${event.stream}, 1)
      on conflict (id) do update set seq = streams.seq + 1
      returning seq`),
  );
  const seq = Number(row!.seq);
  await tx.insert(events).values({ stream: event.stream, seq, type: event.type, data: event.data, actorId: event.actorId ?? null });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${event.stream} ${seq}`})`);
  return seq;
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

const tieBreak = sql<string>`md5(${events.stream} || ':' || ${events.seq}::text)`;

/** The log as an audit trail of officials' and organizers' actions (and the system's), newest first,
 * with the actor's name and organization (actors are officials and organizers: directory entries
 * every organizer may see). */
export function listEvents(db: Executor, q: AuditQuery, scope: AuditScope) {
  // Companies' and attendees' own actions are not part of it: their actor would name the author
  // of an anonymous issue.
  const where: SQL[] = [
    sql`(${events.actorId} is null or ${events.actorId} in (select id from users where role in ('official', 'organizer')))`,
    or(scope.streams.length ? inArray(events.stream, scope.streams) : sql`false`, eq(events.actorId, scope.ownActorId))!,
  ];
  if (q.stream) where.push(eq(events.stream, q.stream));
  if (q.streamPrefix) where.push(sql`starts_with(${events.stream}, ${q.streamPrefix})`);
  if (q.type) where.push(eq(events.type, q.type));
  if (q.kind) where.push(sql`starts_with(${events.type}, ${q.kind + '.'})`);
  if (q.actorId) where.push(eq(events.actorId, q.actorId));
  if (q.before) where.push(lt(events.createdAt, q.before));
  if (q.after) where.push(sql`(${events.createdAt}, ${tieBreak}) < (${q.after[0]}::timestamptz, ${q.after[1]})`);
  return db
    .select({
      stream: events.stream,
      seq: events.seq,
      type: events.type,
      data: events.data,
      actorId: events.actorId,
      createdAt: events.createdAt,
      actorName: users.displayName,
      orgEn: organizations.nameEn,
      orgJa: organizations.nameJa,
      orgZh: organizations.nameZh,
      createdKey: sql<string>`${events.createdAt}::text`,
      tie: tieBreak,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...where))
    .orderBy(desc(events.createdAt), desc(tieBreak))
    .limit(q.limit);
}
