// Drizzle queries for issues and their satellites. No rules here: services decide, repos fetch and write.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '../../db/client.js';
import { issueAnswers, issueAttachments, issueHistory, issueMessages, issues, issueSupports, organizations, users } from '../../db/schema/index.js';

export type IssueRow = typeof issues.$inferSelect;
export type NewIssue = typeof issues.$inferInsert;

export async function findIssue(db: Executor, id: string): Promise<IssueRow | null> {
  const [row] = await db.select().from(issues).where(eq(issues.id, id));
  return row ?? null;
}

/** The issue row under a write lock until the transaction ends: transitions are serialized per issue. */
export async function lockIssue(tx: Tx, id: string): Promise<IssueRow | null> {
  const [row] = await tx.select().from(issues).where(eq(issues.id, id)).for('update');
  return row ?? null;
}

export async function findIssues(db: Executor, ids: string[]): Promise<IssueRow[]> {
  if (!ids.length) return [];
  return db.select().from(issues).where(inArray(issues.id, ids));
}

export async function insertIssue(tx: Tx, values: NewIssue): Promise<IssueRow> {
  const [row] = await tx.insert(issues).values(values).returning();
  return row!;
}

export async function updateIssue(tx: Tx, id: string, values: Partial<NewIssue>): Promise<IssueRow> {
  const [row] = await tx
    .update(issues)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(issues.id, id))
    .returning();
  return row!;
}

/** clock_timestamp, not now(): several entries written in one transaction keep their order. */
const clock = () => sql`clock_timestamp()` as unknown as Date;

export async function insertHistory(tx: Tx, values: typeof issueHistory.$inferInsert) {
  await tx.insert(issueHistory).values({ ...values, createdAt: clock() });
}

export function historyOf(db: Executor, issueIds: string[]) {
  if (!issueIds.length) return Promise.resolve([]);
  return db
    .select({
      id: issueHistory.id,
      issueId: issueHistory.issueId,
      kind: issueHistory.kind,
      command: issueHistory.command,
      fromState: issueHistory.fromState,
      toState: issueHistory.toState,
      actorId: issueHistory.actorId,
      actorName: users.displayName,
      actorRole: users.role,
      reason: issueHistory.reason,
      previous: issueHistory.previous,
      createdAt: issueHistory.createdAt,
    })
    .from(issueHistory)
    .leftJoin(users, eq(users.id, issueHistory.actorId))
    .where(inArray(issueHistory.issueId, issueIds))
    .orderBy(asc(issueHistory.createdAt), asc(issueHistory.id));
}

export type OrgNames = { id: string; nameEn: string; nameJa: string; nameZh: string };

export async function organizationNames(db: Executor, ids: string[]): Promise<Map<string, OrgNames>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, nameEn: organizations.nameEn, nameJa: organizations.nameJa, nameZh: organizations.nameZh })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active company representatives of these companies: who gets feed rows. */
export async function companyMembers(db: Executor, companyIds: string[]): Promise<{ id: string; organizationId: string }[]> {
  if (!companyIds.length) return [];
  const rows = await db
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .where(and(inArray(users.organizationId, companyIds), eq(users.role, 'company_rep'), isNull(users.deactivatedAt)));
  return rows.map((r) => ({ id: r.id, organizationId: r.organizationId! }));
}

// Supports ------------------------------------------------------------------------------------

export function supportsOf(db: Executor, issueIds: string[]) {
  if (!issueIds.length) return Promise.resolve([]);
  return db
    .select({
      issueId: issueSupports.issueId,
      companyId: issueSupports.companyId,
      comment: issueSupports.comment,
      createdAt: issueSupports.createdAt,
    })
    .from(issueSupports)
    .where(inArray(issueSupports.issueId, issueIds))
    .orderBy(asc(issueSupports.createdAt));
}

export async function insertSupport(tx: Tx, values: typeof issueSupports.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(issueSupports).values(values).onConflictDoNothing().returning({ issueId: issueSupports.issueId });
  return rows.length > 0;
}

export async function deleteSupport(tx: Tx, issueId: string, companyId: string): Promise<boolean> {
  const rows = await tx
    .delete(issueSupports)
    .where(and(eq(issueSupports.issueId, issueId), eq(issueSupports.companyId, companyId)))
    .returning({ issueId: issueSupports.issueId });
  return rows.length > 0;
}

/** Which of these issues `companyId` supports. */
export async function supportedBy(db: Executor, companyId: string, issueIds: string[]): Promise<Set<string>> {
  if (!issueIds.length) return new Set();
  const rows = await db
    .select({ issueId: issueSupports.issueId })
    .from(issueSupports)
    .where(and(eq(issueSupports.companyId, companyId), inArray(issueSupports.issueId, issueIds)));
  return new Set(rows.map((r) => r.issueId));
}

/**
 * Recounts the companies backing a primary: its supporters, plus each merged issue's company and
 * that issue's supporters, each company once and never the primary's own author.
 */
export async function refreshSupportCount(tx: Tx, issueId: string): Promise<void> {
  await tx.execute(sql`
    update issues p set support_count = (
      select count(distinct c) from (
        select s.company_id as c from issue_supports s where s.issue_id = p.id
        union all select m.company_id from issues m where m.merged_into_id = p.id
        union all select s.company_id from issue_supports s join issues m on m.id = s.issue_id where m.merged_into_id = p.id
      ) backers where c <> p.company_id
    ) where p.id = ${issueId}`);
}

/**
 * The same count as viewers may know it: merged issues (and their supporters) count only when they
 * pass `mergedVisible` (an issues-table condition), or a hidden confidential issue would show as
 * a supporting company.
 */
export async function supportCountsAmong(db: Executor, issueIds: string[], mergedVisible: SQL): Promise<Map<string, number>> {
  if (!issueIds.length) return new Map();
  const rows = rowsOf<{ id: string; n: number }>(
    await db.execute(sql`
      select p.id, (
        select count(distinct c) from (
          select s.company_id as c from issue_supports s where s.issue_id = p.id
          union all select m.company_id from issues m where m.merged_into_id = p.id and m.id in (select id from issues where ${mergedVisible})
          union all select s.company_id from issue_supports s join issues m on m.id = s.issue_id
            where m.merged_into_id = p.id and m.id in (select id from issues where ${mergedVisible})
        ) backers where c <> p.company_id
      )::int as n
      from issues p where p.id in (${sql.join(
        issueIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`),
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export function mergedInto(db: Executor, primaryId: string) {
  return db.select().from(issues).where(eq(issues.mergedIntoId, primaryId)).orderBy(asc(issues.createdAt));
}

// Answers -------------------------------------------------------------------------------------

export type AnswerRow = typeof issueAnswers.$inferSelect;

export async function findAnswer(db: Executor, issueId: string): Promise<AnswerRow | null> {
  const [row] = await db.select().from(issueAnswers).where(eq(issueAnswers.issueId, issueId));
  return row ?? null;
}

export async function upsertAnswer(tx: Tx, values: { issueId: string; text: string; department: string; timeFrame: string; authorId: string }) {
  const [row] = await tx
    .insert(issueAnswers)
    .values(values)
    .onConflictDoUpdate({
      target: issueAnswers.issueId,
      set: {
        text: values.text,
        department: values.department,
        timeFrame: values.timeFrame,
        authorId: values.authorId,
        updatedAt: sql`now()`,
        releasedAt: null,
        releasedBy: null,
      },
    })
    .returning();
  return row!;
}

export function pendingAnswers(db: Executor, issueIds?: string[]) {
  const where = issueIds ? and(isNull(issueAnswers.releasedAt), inArray(issueAnswers.issueId, issueIds)) : isNull(issueAnswers.releasedAt);
  return db.select().from(issueAnswers).where(where).orderBy(asc(issueAnswers.updatedAt));
}

export async function markAnswersReleased(tx: Tx, issueIds: string[], by: string) {
  if (!issueIds.length) return [];
  return tx
    .update(issueAnswers)
    .set({ releasedAt: sql`now()`, releasedBy: by })
    .where(and(inArray(issueAnswers.issueId, issueIds), isNull(issueAnswers.releasedAt)))
    .returning();
}

// Attachments ---------------------------------------------------------------------------------

export function attachmentsOf(db: Executor, issueId: string) {
  return db
    .select({
      id: issueAttachments.id,
      filename: issueAttachments.filename,
      mediaType: issueAttachments.mediaType,
      size: issueAttachments.size,
      createdAt: issueAttachments.createdAt,
    })
    .from(issueAttachments)
    .where(eq(issueAttachments.issueId, issueId))
    .orderBy(asc(issueAttachments.createdAt));
}

export async function countAttachments(db: Executor, issueId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(issueAttachments)
    .where(eq(issueAttachments.issueId, issueId));
  return Number(row?.n ?? 0);
}

export async function insertAttachments(tx: Tx, values: (typeof issueAttachments.$inferInsert)[]) {
  return tx.insert(issueAttachments).values(values).returning({
    id: issueAttachments.id,
    filename: issueAttachments.filename,
    mediaType: issueAttachments.mediaType,
    size: issueAttachments.size,
    createdAt: issueAttachments.createdAt,
  });
}

export async function findAttachment(db: Executor, issueId: string, id: string) {
  const [row] = await db
    .select()
    .from(issueAttachments)
    .where(and(eq(issueAttachments.issueId, issueId), eq(issueAttachments.id, id)));
  return row ?? null;
}

export async function deleteAttachment(tx: Tx, issueId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(issueAttachments)
    .where(and(eq(issueAttachments.issueId, issueId), eq(issueAttachments.id, id)))
    .returning({ id: issueAttachments.id });
  return rows.length > 0;
}

// Clarification messages ---------------------------------------------------------------------

export function messagesOf(db: Executor, issueId: string) {
  return db
    .select({
      id: issueMessages.id,
      authorId: issueMessages.authorId,
      authorName: users.displayName,
      fromOfficials: issueMessages.fromOfficials,
      body: issueMessages.body,
      createdAt: issueMessages.createdAt,
      readAt: issueMessages.readAt,
    })
    .from(issueMessages)
    .innerJoin(users, eq(users.id, issueMessages.authorId))
    .where(eq(issueMessages.issueId, issueId))
    .orderBy(asc(issueMessages.createdAt), asc(issueMessages.id));
}

export async function insertMessage(tx: Tx, values: typeof issueMessages.$inferInsert) {
  const [row] = await tx.insert(issueMessages).values(values).returning();
  return row!;
}

/** Per issue, messages from the other side not yet read (officials read the company's and vice versa). */
export async function unreadMessageCounts(db: Executor, issueIds: string[], fromOfficials: boolean): Promise<Map<string, number>> {
  if (!issueIds.length) return new Map();
  const rows = await db
    .select({ issueId: issueMessages.issueId, n: sql<number>`count(*)::int` })
    .from(issueMessages)
    .where(and(inArray(issueMessages.issueId, issueIds), eq(issueMessages.fromOfficials, fromOfficials), isNull(issueMessages.readAt)))
    .groupBy(issueMessages.issueId);
  return new Map(rows.map((r) => [r.issueId, Number(r.n)]));
}

/** Marks the other side's messages read (officials read the company's, and vice versa). */
export async function markMessagesRead(tx: Tx, issueId: string, fromOfficials: boolean) {
  await tx
    .update(issueMessages)
    .set({ readAt: sql`now()` })
    .where(and(eq(issueMessages.issueId, issueId), eq(issueMessages.fromOfficials, fromOfficials), isNull(issueMessages.readAt)));
}

/** Id, title and state of these issues (any order; missing ids are left out). */
export function findIssueStates(db: Executor, ids: string[]) {
  return ids.length ? db.select({ id: issues.id, title: issues.title, state: issues.state }).from(issues).where(inArray(issues.id, ids)) : Promise.resolve([]);
}

/** The author company of each of these issues. */
export function issueAuthors(db: Executor, ids: string[]) {
  return ids.length ? db.select({ id: issues.id, companyId: issues.companyId }).from(issues).where(inArray(issues.id, ids)) : Promise.resolve([]);
}

// Open data -----------------------------------------------------------------------------------

/** One page of the issues matching `where`, in id order after `afterId` (keyset paging for streamed exports). */
export function issuesPage(db: Executor, where: SQL, afterId: string | null, limit: number): Promise<IssueRow[]> {
  return db
    .select()
    .from(issues)
    .where(afterId ? and(where, sql`${issues.id} > ${afterId}`) : where)
    .orderBy(asc(issues.id))
    .limit(limit);
}
