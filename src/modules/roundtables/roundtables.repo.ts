// Queries for round-tables, their reschedules, registrations, agendas, releases and calendar feeds.
import { and, asc, desc, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  agendaItems,
  agendaReleases,
  calendarFeeds,
  issues,
  organizations,
  registrations,
  roundTableReschedules,
  roundTables,
  users,
} from '../../db/schema/index.js';

export type RoundTableRow = typeof roundTables.$inferSelect;
export type RoundTableValues = Omit<typeof roundTables.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type RegistrationStatus = (typeof registrations.$inferSelect)['status'];

export async function findRoundTable(db: Executor, id: string, { lock = false } = {}): Promise<RoundTableRow | null> {
  const query = db.select().from(roundTables).where(eq(roundTables.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertRoundTable(db: Executor, values: RoundTableValues): Promise<RoundTableRow> {
  const [row] = await db.insert(roundTables).values(values).returning();
  return row!;
}

export async function updateRoundTable(db: Executor, id: string, values: Partial<RoundTableValues>): Promise<RoundTableRow> {
  const [row] = await db
    .update(roundTables)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(roundTables.id, id))
    .returning();
  return row!;
}

export function listRoundTables(db: Executor) {
  return db.select().from(roundTables).orderBy(asc(roundTables.startsAt));
}

/** Round-tables this user registered for (live registrations) or chairs. */
export async function myRoundTableIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: roundTables.id })
    .from(roundTables)
    .where(
      or(
        eq(roundTables.chairId, userId),
        sql`exists (select 1 from ${registrations} r where r.round_table_id = ${roundTables.id} and r.user_id = ${userId}
                    and r.status in ('pending', 'confirmed', 'waitlisted'))`,
      ),
    );
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

// Registrations -----------------------------------------------------------------------------

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
    .where(
      and(
        eq(registrations.roundTableId, roundTableId),
        eq(registrations.userId, userId),
        inArray(registrations.status, ['pending', 'confirmed', 'waitlisted']),
      ),
    );
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
      taken: sql<number>`count(*) filter (where ${registrations.status} in ('pending', 'confirmed'))`.mapWith(Number),
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
      and(
        eq(registrations.roundTableId, roundTableId),
        eq(registrations.organizationId, organizationId),
        inArray(registrations.status, ['pending', 'confirmed', 'waitlisted']),
      ),
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
export function listRegistrants(db: Executor, roundTableId: string) {
  return db
    .select({
      id: registrations.id,
      userId: registrations.userId,
      displayName: users.displayName,
      email: users.email,
      organizationId: registrations.organizationId,
      organizationName: organizations.nameEn,
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
    .where(and(eq(registrations.roundTableId, roundTableId), inArray(registrations.status, ['pending', 'confirmed', 'waitlisted'])));
  return rows.map((r) => r.userId);
}

export async function myRegistrations(db: Executor, userId: string) {
  return db
    .select({ roundTableId: registrations.roundTableId, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, ['pending', 'confirmed', 'waitlisted'])));
}

// Agenda --------------------------------------------------------------------------------------

export function agendaOf(db: Executor, roundTableId: string): Promise<AgendaItemRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.roundTableId, roundTableId)).orderBy(asc(agendaItems.position));
}

export async function replaceAgenda(db: Executor, roundTableId: string, items: (typeof agendaItems.$inferInsert)[]) {
  await db.delete(agendaItems).where(eq(agendaItems.roundTableId, roundTableId));
  if (items.length) await db.insert(agendaItems).values(items);
}

export type ReleaseRow = typeof agendaReleases.$inferSelect;

export async function latestRelease(db: Executor, roundTableId: string): Promise<ReleaseRow | null> {
  const [row] = await db
    .select()
    .from(agendaReleases)
    .where(eq(agendaReleases.roundTableId, roundTableId))
    .orderBy(desc(agendaReleases.number))
    .limit(1);
  return row ?? null;
}

export function listReleases(db: Executor, roundTableId: string): Promise<ReleaseRow[]> {
  return db.select().from(agendaReleases).where(eq(agendaReleases.roundTableId, roundTableId)).orderBy(desc(agendaReleases.number));
}

export async function insertRelease(db: Executor, values: typeof agendaReleases.$inferInsert): Promise<ReleaseRow> {
  const [row] = await db.insert(agendaReleases).values(values).returning();
  return row!;
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

// Calendar feeds ---------------------------------------------------------------------------------

export async function setFeedToken(db: Executor, userId: string, tokenHash: string) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: sql`now()` } });
}

export async function deleteFeed(db: Executor, userId: string): Promise<boolean> {
  const rows = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}

export async function feedOwner(db: Executor, tokenHash: string): Promise<string | null> {
  const [row] = await db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
  return row?.userId ?? null;
}

/** The companies that wrote these issues, each with its own issue ids (to tell them of a release). */
export async function issueCompanies(db: Executor, issueIds: string[]): Promise<Map<string, string[]>> {
  const byCompany = new Map<string, string[]>();
  if (!issueIds.length) return byCompany;
  const rows = await db.select({ id: issues.id, companyId: issues.companyId }).from(issues).where(inArray(issues.id, issueIds));
  for (const r of rows) byCompany.set(r.companyId, [...(byCompany.get(r.companyId) ?? []), r.id]);
  return byCompany;
}
