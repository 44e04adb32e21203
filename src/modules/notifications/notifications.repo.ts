// Drizzle queries of the notifications module: feed rows, preferences, the outbox and the mail key.
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '../../db/client.js';
import { feedItems, mailKeys, notificationPreferences, outbox, users } from '../../db/schema/index.js';

export type FeedItemRow = typeof feedItems.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

/** clock_timestamp, not now(): rows written in one transaction keep their order. */
const clock = () => sql`clock_timestamp()` as unknown as Date;

// Feed ----------------------------------------------------------------------------------------

/** One statement for all recipients of a notice. */
export async function insertFeedItems(tx: Tx, values: (typeof feedItems.$inferInsert)[]) {
  if (!values.length) return [];
  return tx
    .insert(feedItems)
    .values(values.map((v) => ({ ...v, createdAt: clock() })))
    .returning();
}

/** Newest first; `before` is the keyset cursor (created_at as text keeps its microseconds). */
export function feedOf(db: Executor, userId: string, limit: number, before?: { at: string; id: string }) {
  const where: SQL[] = [eq(feedItems.userId, userId)];
  if (before) where.push(sql`(${feedItems.createdAt}, ${feedItems.id}) < (${before.at}::timestamptz, ${before.id}::uuid)`);
  return db
    .select({ item: feedItems, at: sql<string>`${feedItems.createdAt}::text` })
    .from(feedItems)
    .where(and(...where))
    .orderBy(desc(feedItems.createdAt), desc(feedItems.id))
    .limit(limit);
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedItems)
    .where(and(eq(feedItems.userId, userId), isNull(feedItems.readAt)));
  return Number(row?.n ?? 0);
}

export async function markFeedRowsRead(tx: Executor, userId: string, ids?: string[]): Promise<number> {
  const where = [eq(feedItems.userId, userId), isNull(feedItems.readAt)];
  if (ids) where.push(inArray(feedItems.id, ids));
  const rows = await tx
    .update(feedItems)
    .set({ readAt: sql`now()` })
    .where(and(...where))
    .returning({ id: feedItems.id });
  return rows.length;
}

// Recipients and preferences --------------------------------------------------------------------

export interface Recipient {
  id: string;
  email: string;
  language: 'en' | 'ja' | 'zh';
  timeZone: string;
  deactivated: boolean;
}

export async function recipients(db: Executor, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: users.id, email: users.email, language: users.language, timeZone: users.timeZone, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(inArray(users.id, ids));
  return rows.map(({ deactivatedAt, ...r }) => ({ ...r, deactivated: deactivatedAt !== null }));
}

export function preferencesOf(db: Executor, userIds: string[]): Promise<PreferenceRow[]> {
  if (!userIds.length) return Promise.resolve([]);
  return db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
}

export async function upsertPreference(tx: Executor, row: Omit<typeof notificationPreferences.$inferInsert, 'updatedAt'>) {
  await tx
    .insert(notificationPreferences)
    .values({ ...row, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.category],
      set: { mode: row.mode, ...(row.digestHour === undefined ? {} : { digestHour: row.digestHour }), updatedAt: sql`now()` },
    });
}

// Outbox --------------------------------------------------------------------------------------

export async function insertOutbox(tx: Tx, rows: NewOutboxRow[]) {
  if (!rows.length) return [];
  return tx.insert(outbox).values(rows).returning({ id: outbox.id });
}

/**
 * Claims up to `limit` messages that are due (or whose claim expired: a crashed instance's) for this
 * instance: SKIP LOCKED lets several instances claim side by side without ever taking the same row.
 */
export async function claim(db: Executor, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`
      update outbox set status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
      where id in (
        select id from outbox
        where (status = 'queued' and due_at <= now()) or (status = 'sending' and locked_until < now())
        order by due_at
        limit ${limit}
        for update skip locked)
      returning id`),
  ).map((r) => r.id);
  if (!ids.length) return [];
  return db.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(asc(outbox.createdAt));
}

/**
 * The claim a worker holds: `attempts` grows with every claim, so it is the fencing token. A worker
 * whose lease ran out (and whose message another instance has claimed since) changes nothing.
 */
const held = (c: { id: string; attempts: number }) => and(eq(outbox.id, c.id), eq(outbox.status, 'sending'), eq(outbox.attempts, c.attempts));

/** Extends a claim before its message goes out (a batch may outlast one lease); false when it was lost. */
export async function renewLease(db: Executor, c: { id: string; attempts: number }, leaseSeconds: number): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(held(c))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** Whether the mark took: false when the lease was lost to another instance. */
export async function markOutboxSent(db: Executor, c: { id: string; attempts: number }): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(held(c))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export async function markRetry(db: Executor, c: { id: string; attempts: number }, error: string, retryInSeconds: number | null) {
  await db
    .update(outbox)
    .set(
      retryInSeconds === null
        ? { status: 'failed', lockedUntil: null, lastError: error }
        : { status: 'queued', lockedUntil: null, lastError: error, dueAt: sql`now() + make_interval(secs => ${retryInSeconds})` },
    )
    .where(held(c));
}

/** Digest entries that are due, grouped later per person; locked so one instance gathers each. */
export async function lockDueDigests(tx: Tx, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'digest'), lte(outbox.dueAt, sql`now()`)))
    .orderBy(asc(outbox.userId), asc(outbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markMerged(tx: Tx, ids: string[]) {
  if (ids.length) await tx.update(outbox).set({ status: 'merged' }).where(inArray(outbox.id, ids));
}

export function listOutboxRows(db: Executor, limit: number, status?: OutboxRow['status']) {
  const where: SQL[] = [sql`${outbox.status} <> 'merged'`];
  if (status) where.push(eq(outbox.status, status));
  return db
    .select()
    .from(outbox)
    .where(and(...where))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export async function findOutbox(db: Executor, id: string): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

/** Queued mail of these kinds to an address is withdrawn (a replaced or revoked invitation). */
export async function withdrawQueued(tx: Tx, toAddress: string, kinds: string[]) {
  await tx
    .update(outbox)
    .set({ status: 'failed', lastError: 'withdrawn' })
    .where(and(eq(outbox.toAddress, toAddress), inArray(outbox.kind, kinds), or(eq(outbox.status, 'queued'), eq(outbox.status, 'digest'))));
}

// Mail key --------------------------------------------------------------------------------------

export async function mailKey(db: Executor, fresh: string): Promise<string> {
  await db.insert(mailKeys).values({ id: 1, secret: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(mailKeys).where(eq(mailKeys.id, 1));
  return row!.secret;
}
