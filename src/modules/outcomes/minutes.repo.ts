// Drizzle queries for minutes, their versions, comments and addenda.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { minutes, minutesAddenda, minutesComments, minutesVersions } from '../../db/schema/index.js';

/** clock_timestamp, not now(): several rows written in one transaction keep their order. */
const clock = () => sql`clock_timestamp()` as unknown as Date;

export type MinutesRow = typeof minutes.$inferSelect;

export async function findMinutes(db: Executor, slotId: string): Promise<MinutesRow | null> {
  const [row] = await db.select().from(minutes).where(eq(minutes.slotId, slotId));
  return row ?? null;
}

export async function minutesOfRoundTable(db: Executor, roundTableId: string): Promise<MinutesRow[]> {
  return db.select().from(minutes).where(eq(minutes.roundTableId, roundTableId));
}

/** The minutes row under a write lock (created empty first if missing): saves are serialized per slot. */
export async function lockMinutes(tx: Tx, roundTableId: string, slotId: string): Promise<MinutesRow> {
  await tx.insert(minutes).values({ slotId, roundTableId }).onConflictDoNothing();
  const [row] = await tx.select().from(minutes).where(eq(minutes.slotId, slotId)).for('update');
  return row!;
}

export async function updateMinutes(tx: Tx, slotId: string, values: Partial<typeof minutes.$inferInsert>): Promise<MinutesRow> {
  const [row] = await tx.update(minutes).set(values).where(eq(minutes.slotId, slotId)).returning();
  return row!;
}

export async function insertVersion(tx: Tx, values: typeof minutesVersions.$inferInsert) {
  const [row] = await tx
    .insert(minutesVersions)
    .values({ ...values, savedAt: clock() })
    .returning();
  return row!;
}

export function versionsOf(db: Executor, slotId: string) {
  return db
    .select({
      n: minutesVersions.n,
      savedAt: minutesVersions.savedAt,
      savedBy: minutesVersions.savedBy,
      length: sql<number>`length(${minutesVersions.text})::int`,
    })
    .from(minutesVersions)
    .where(eq(minutesVersions.slotId, slotId))
    .orderBy(desc(minutesVersions.n));
}

export async function findVersion(db: Executor, slotId: string, n: number) {
  const [row] = await db
    .select()
    .from(minutesVersions)
    .where(and(eq(minutesVersions.slotId, slotId), eq(minutesVersions.n, n)));
  return row ?? null;
}

export async function insertComment(tx: Tx, values: typeof minutesComments.$inferInsert) {
  const [row] = await tx
    .insert(minutesComments)
    .values({ ...values, createdAt: clock() })
    .returning();
  return row!;
}

export function commentsOf(db: Executor, slotId: string) {
  return db.select().from(minutesComments).where(eq(minutesComments.slotId, slotId)).orderBy(asc(minutesComments.createdAt));
}

export async function insertAddendum(tx: Tx, values: typeof minutesAddenda.$inferInsert) {
  const [row] = await tx
    .insert(minutesAddenda)
    .values({ ...values, createdAt: clock() })
    .returning();
  return row!;
}

export function addendaOf(db: Executor, slotIds: string[]) {
  if (!slotIds.length) return Promise.resolve([]);
  return db.select().from(minutesAddenda).where(inArray(minutesAddenda.slotId, slotIds)).orderBy(asc(minutesAddenda.createdAt));
}

/** The round-tables that have saved minutes. */
export async function roundTablesWithMinutes(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: minutes.roundTableId })
    .from(minutes)
    .where(sql`${minutes.version} > 0`);
  return rows.map((r) => r.id);
}
