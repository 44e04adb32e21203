// Queries for registrations: seats, the waitlist, registrants' lists and who hears of changes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organizations, registrations, users } from '../../db/schema/index.js';

export type RegistrationStatus = (typeof registrations.$inferSelect)['status'];

/** Holding or waiting for a seat: these registrants count against capacity or the waitlist and hear of changes. */
export const ACTIVE_REGISTRATION = ['pending', 'confirmed', 'waitlisted'] as const satisfies readonly RegistrationStatus[];

/** Counted against capacity (the waitlist waits for one of these to free up). */
export const SEAT_HOLDING = ['pending', 'confirmed'] as const satisfies readonly RegistrationStatus[];

/** The ids of the round-tables the user holds or waits for a seat at (a subquery). */
export function registeredRoundTableIds(db: Executor, userId: string) {
  return db
    .select({ id: registrations.roundTableId })
    .from(registrations)
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, ACTIVE_REGISTRATION)));
}

const registrationColumns = {
  id: registrations.id,
  roundTableId: registrations.roundTableId,
  userId: registrations.userId,
  organizationId: registrations.organizationId,
  status: registrations.status,
  arrival: registrations.arrival,
  createdAt: registrations.createdAt,
  updatedAt: registrations.updatedAt,
};

export async function activeRegistration(db: Executor, roundTableId: string, userId: string) {
  const [row] = await db
    .select(registrationColumns)
    .from(registrations)
    .where(and(eq(registrations.roundTableId, roundTableId), eq(registrations.userId, userId), inArray(registrations.status, ACTIVE_REGISTRATION)));
  return row ?? null;
}

export async function findRegistration(db: Executor, roundTableId: string, id: string) {
  const [row] = await db
    .select(registrationColumns)
    .from(registrations)
    .where(and(eq(registrations.roundTableId, roundTableId), eq(registrations.id, id)));
  return row ?? null;
}

export async function seatCounts(db: Executor, roundTableId: string) {
  const [row] = await db
    .select({
      taken: sql<number>`count(*) filter (where ${inArray(registrations.status, SEAT_HOLDING)})`.mapWith(Number),
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')`.mapWith(Number),
    })
    .from(registrations)
    .where(eq(registrations.roundTableId, roundTableId));
  return row ?? { taken: 0, waitlisted: 0 };
}

export async function companyActiveCount(db: Executor, roundTableId: string, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(
      and(eq(registrations.roundTableId, roundTableId), eq(registrations.organizationId, organizationId), inArray(registrations.status, ACTIVE_REGISTRATION)),
    );
  return row?.n ?? 0;
}

export async function insertRegistration(
  db: Executor,
  values: { roundTableId: string; userId: string; organizationId: string | null; status: RegistrationStatus },
) {
  const [row] = await db.insert(registrations).values(values).returning(registrationColumns);
  return row!;
}

export async function setRegistrationStatus(db: Executor, id: string, status: RegistrationStatus) {
  const [row] = await db
    .update(registrations)
    .set({ status, updatedAt: sql`now()` })
    .where(eq(registrations.id, id))
    .returning(registrationColumns);
  return row!;
}

export async function firstWaitlisted(db: Executor, roundTableId: string) {
  const [row] = await db
    .select(registrationColumns)
    .from(registrations)
    .where(and(eq(registrations.roundTableId, roundTableId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.arrival))
    .limit(1);
  return row ?? null;
}

/** Registrants with their names and companies, in arrival order (officials' list and CSV). */
export function listRegistrantRows(db: Executor, roundTableId: string) {
  return db
    .select({
      id: registrations.id,
      userId: registrations.userId,
      displayName: users.displayName,
      email: users.email,
      organizationId: registrations.organizationId,
      organizationName: organizations.nameEn,
      organizationNameJa: organizations.nameJa,
      organizationNameZh: organizations.nameZh,
      status: registrations.status,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(organizations, eq(organizations.id, registrations.organizationId))
    .where(eq(registrations.roundTableId, roundTableId))
    .orderBy(asc(registrations.arrival));
}

/** Users who hold or wait for a seat: they hear about reschedules, cancellations and releases. */
export async function activeRegistrantIds(db: Executor, roundTableId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: registrations.userId })
    .from(registrations)
    .where(and(eq(registrations.roundTableId, roundTableId), inArray(registrations.status, ACTIVE_REGISTRATION)));
  return rows.map((r) => r.userId);
}

export async function myRegistrations(db: Executor, userId: string) {
  return db
    .select({ roundTableId: registrations.roundTableId, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, ACTIVE_REGISTRATION)));
}
