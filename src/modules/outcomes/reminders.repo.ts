// Drizzle queries of the reminder job.
import { and, inArray, lte } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { actionItems, decisionIssues, remindersSent } from '../../db/schema/index.js';

export type ReminderKind = (typeof remindersSent.$inferSelect)['kind'];

/** Open actions due by `lastDue`, locked for this transaction; rows another instance holds are skipped. */
export function lockDueActions(tx: Tx, lastDue: string, limit: number) {
  return tx
    .select()
    .from(actionItems)
    .where(and(inArray(actionItems.status, ['open', 'in_progress']), lte(actionItems.dueDate, lastDue)))
    .orderBy(actionItems.dueDate, actionItems.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Records the reminder; false when it was already sent (the unique key makes each go out once). */
export async function claimReminder(tx: Tx, actionId: string, kind: ReminderKind): Promise<boolean> {
  const rows = await tx.insert(remindersSent).values({ actionId, kind }).onConflictDoNothing().returning({ actionId: remindersSent.actionId });
  return rows.length === 1;
}

export function issuesOfDecisions(db: Executor, decisionIds: string[]) {
  if (!decisionIds.length) return Promise.resolve([]);
  return db.select().from(decisionIssues).where(inArray(decisionIssues.decisionId, decisionIds));
}
