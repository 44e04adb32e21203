// Queries for round-tables, their reschedules and conflicts, and the directory names they show.
import { and, asc, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organizations, roundTableReschedules, roundTables, users } from '../../db/schema/index.js';
import { registeredRoundTableIds } from './registrations.repo.js';

export type RoundTableRow = typeof roundTables.$inferSelect;
export type RoundTableValues = Omit<typeof roundTables.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function findRoundTable(db: Executor, id: string, { lock = false } = {}): Promise<RoundTableRow | null> {
  const query = db.select().from(roundTables).where(eq(roundTables.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertRoundTable(db: Executor, values: RoundTableValues): Promise<RoundTableRow> {
  const [row] = await db.insert(roundTables).values(values).returning();
  return row!;
}

export async function updateRoundTableRow(db: Executor, id: string, values: Partial<RoundTableValues>): Promise<RoundTableRow> {
  const [row] = await db
    .update(roundTables)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(roundTables.id, id))
    .returning();
  return row!;
}

export function listRoundTableRows(db: Executor) {
  return db.select().from(roundTables).orderBy(asc(roundTables.startsAt));
}

/** Round-tables this user registered for (live registrations) or chairs. */
export async function myRoundTableIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: roundTables.id })
    .from(roundTables)
    .where(or(eq(roundTables.chairId, userId), inArray(roundTables.id, registeredRoundTableIds(db, userId))));
  return rows.map((r) => r.id);
}

/** Active round-tables overlapping [start, end) that share the chair or the venue room. */
export function overlapping(db: Executor, input: { excludeId: string | null; startsAt: Date; endsAt: Date }) {
  return db
    .select()
    .from(roundTables)
    .where(
      and(
        input.excludeId ? ne(roundTables.id, input.excludeId) : undefined,
        notInArray(roundTables.status, ['cancelled', 'concluded']),
        sql`${roundTables.startsAt} < ${input.endsAt.toISOString()}::timestamptz`,
        sql`${roundTables.endsAt} > ${input.startsAt.toISOString()}::timestamptz`,
      ),
    );
}

export async function insertReschedule(db: Executor, values: typeof roundTableReschedules.$inferInsert) {
  await db.insert(roundTableReschedules).values(values);
}

export function listReschedules(db: Executor, roundTableId: string) {
  return db
    .select({
      previousStartsAt: roundTableReschedules.previousStartsAt,
      previousEndsAt: roundTableReschedules.previousEndsAt,
      startsAt: roundTableReschedules.startsAt,
      endsAt: roundTableReschedules.endsAt,
      timeZone: roundTableReschedules.timeZone,
      reason: roundTableReschedules.reason,
      createdAt: roundTableReschedules.createdAt,
    })
    .from(roundTableReschedules)
    .where(eq(roundTableReschedules.roundTableId, roundTableId))
    .orderBy(asc(roundTableReschedules.createdAt));
}

// People ---------------------------------------------------------------------------------------

export async function findPerson(db: Executor, id: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, organizationId: users.organizationId, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

export async function findOrganizationNames(db: Executor, id: string) {
  const [row] = await db
    .select({ id: organizations.id, kind: organizations.kind, nameEn: organizations.nameEn, nameJa: organizations.nameJa, nameZh: organizations.nameZh })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}
