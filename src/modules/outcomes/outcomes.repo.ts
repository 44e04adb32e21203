// Drizzle queries for decisions, action items, progress updates, and the people and organizations
// they name (looked up like the other modules do, by id).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { actionItems, actionProgress, decisionIssues, decisions, organizations, users } from '../../db/schema/index.js';

/** clock_timestamp, not now(): rows written in one transaction (the demo seed) keep their order against issue history. */
const clock = () => sql`clock_timestamp()` as unknown as Date;

export type DecisionRow = typeof decisions.$inferSelect & { issueIds: string[] };
export type ActionRow = typeof actionItems.$inferSelect;
export type ProgressRow = typeof actionProgress.$inferSelect;

async function attachIssueIds(db: Executor, rows: (typeof decisions.$inferSelect)[]): Promise<DecisionRow[]> {
  if (!rows.length) return [];
  const links = await db
    .select()
    .from(decisionIssues)
    .where(
      inArray(
        decisionIssues.decisionId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    ...r,
    issueIds: links
      .filter((l) => l.decisionId === r.id)
      .map((l) => l.issueId)
      .sort(),
  }));
}

export async function insertDecision(tx: Tx, values: typeof decisions.$inferInsert, issueIds: string[]): Promise<DecisionRow> {
  const [row] = await tx
    .insert(decisions)
    .values({ ...values, createdAt: clock() })
    .returning();
  await tx.insert(decisionIssues).values(issueIds.map((issueId) => ({ decisionId: row!.id, issueId })));
  return { ...row!, issueIds: [...issueIds].sort() };
}

export async function findDecision(db: Executor, id: string): Promise<DecisionRow | null> {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row ? (await attachIssueIds(db, [row]))[0]! : null;
}

export async function decisionsOfRoundTable(db: Executor, roundTableId: string): Promise<DecisionRow[]> {
  return attachIssueIds(db, await db.select().from(decisions).where(eq(decisions.roundTableId, roundTableId)).orderBy(asc(decisions.createdAt)));
}

export async function decisionsOfIssue(db: Executor, issueId: string): Promise<DecisionRow[]> {
  const rows = await db
    .select()
    .from(decisions)
    .where(sql`${decisions.id} in (select decision_id from decision_issues where issue_id = ${issueId})`)
    .orderBy(asc(decisions.createdAt));
  return attachIssueIds(db, rows);
}

export async function allDecisions(db: Executor, roundTableId?: string): Promise<DecisionRow[]> {
  const q = db.select().from(decisions);
  return attachIssueIds(db, await (roundTableId ? q.where(eq(decisions.roundTableId, roundTableId)) : q).orderBy(asc(decisions.createdAt)));
}

/** One page of decisions in id order after `afterId` (streamed exports). */
export async function decisionsPage(db: Executor, afterId: string | null, limit: number): Promise<DecisionRow[]> {
  const q = db.select().from(decisions);
  return attachIssueIds(db, await (afterId ? q.where(sql`${decisions.id} > ${afterId}`) : q).orderBy(asc(decisions.id)).limit(limit));
}

export async function insertAction(tx: Tx, values: typeof actionItems.$inferInsert): Promise<ActionRow> {
  const [row] = await tx
    .insert(actionItems)
    .values({ ...values, createdAt: clock(), updatedAt: clock() })
    .returning();
  return row!;
}

export async function findAction(db: Executor, id: string, { lock = false } = {}): Promise<ActionRow | null> {
  const q = db.select().from(actionItems).where(eq(actionItems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** `closed: true` stamps closedAt with the same clock as the issue history. */
export async function updateAction(tx: Tx, id: string, values: Partial<typeof actionItems.$inferInsert>, { closed = false } = {}): Promise<ActionRow> {
  const [row] = await tx
    .update(actionItems)
    .set({ ...values, updatedAt: clock(), ...(closed ? { closedAt: clock() } : {}) })
    .where(eq(actionItems.id, id))
    .returning();
  return row!;
}

export function actionsOfDecisions(db: Executor, decisionIds: string[]): Promise<ActionRow[]> {
  if (!decisionIds.length) return Promise.resolve([]);
  return db.select().from(actionItems).where(inArray(actionItems.decisionId, decisionIds)).orderBy(asc(actionItems.createdAt));
}

/** Action items owned by one organization, soonest due first (the owner's view). */
export function actionsOwnedBy(db: Executor, organizationId: string): Promise<ActionRow[]> {
  return db.select().from(actionItems).where(eq(actionItems.ownerOrganizationId, organizationId)).orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt));
}

export async function decisionsByIds(db: Executor, ids: string[]): Promise<DecisionRow[]> {
  if (!ids.length) return [];
  return attachIssueIds(db, await db.select().from(decisions).where(inArray(decisions.id, ids)));
}

/** Statuses of every action on decisions about any of these issues (to tell when an issue is done). */
export function actionsOnIssues(db: Executor, issueIds: string[]) {
  if (!issueIds.length) return Promise.resolve([]);
  return db
    .select({ issueId: decisionIssues.issueId, actionId: actionItems.id, status: actionItems.status })
    .from(actionItems)
    .innerJoin(decisionIssues, eq(decisionIssues.decisionId, actionItems.decisionId))
    .where(inArray(decisionIssues.issueId, issueIds));
}

export async function insertProgress(tx: Tx, values: typeof actionProgress.$inferInsert): Promise<ProgressRow> {
  const [row] = await tx
    .insert(actionProgress)
    .values({ ...values, createdAt: clock() })
    .returning();
  return row!;
}

export function progressOf(db: Executor, actionIds: string[]): Promise<ProgressRow[]> {
  if (!actionIds.length) return Promise.resolve([]);
  return db.select().from(actionProgress).where(inArray(actionProgress.actionId, actionIds)).orderBy(asc(actionProgress.createdAt));
}

/** One page of actions in id order after `afterId` (streamed exports). */
export function actionsPage(db: Executor, afterId: string | null, limit: number): Promise<ActionRow[]> {
  const q = db.select().from(actionItems);
  return (afterId ? q.where(sql`${actionItems.id} > ${afterId}`) : q).orderBy(asc(actionItems.id)).limit(limit);
}

// People and organizations -------------------------------------------------------------------------

export interface PersonRow {
  id: string;
  displayName: string;
  role: string;
  organizationId: string | null;
}

export async function people(db: Executor, ids: (string | null)[]): Promise<Map<string, PersonRow>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, organizationId: users.organizationId })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface OrganizationRow {
  id: string;
  kind: string;
  nameEn: string;
  nameJa: string;
  nameZh: string;
}

export async function organizationsById(db: Executor, ids: string[]): Promise<Map<string, OrganizationRow>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, kind: organizations.kind, nameEn: organizations.nameEn, nameJa: organizations.nameJa, nameZh: organizations.nameZh })
    .from(organizations)
    .where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active members of an organization (any role): owners of its actions. */
export async function organizationMemberIds(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), sql`${users.deactivatedAt} is null`));
  return rows.map((r) => r.id);
}
