// Reminders of action items: due in 7 days, due tomorrow, overdue; to the owner (the person, or the
// owner organization's members) and to the author companies of the decision's issues, through the
// notifications module (feed, live push, e-mail per preference).
// Correct with several instances: candidate actions are locked with SKIP LOCKED, and each reminder is
// recorded in reminders_sent (unique per action and kind) in the same transaction as its feed rows.
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { companyRepresentatives, issueRecords } from '../issues/issues.links.js';
import { deliver, type Delivery } from '../notifications/notifications.links.js';
import { allTranslationsOf } from '../translations/translations.links.js';
import * as outcomes from './outcomes.repo.js';
import * as repo from './reminders.repo.js';
import { actionOriginal } from './outcomes.views.js';
import { daysLeft } from './pledge.js';

/** Which reminder an open action is due for today (in its zone), if any. */
export function reminderDue(dueDate: string, zone: string, now: Date): repo.ReminderKind | null {
  const d = daysLeft(dueDate, zone, now);
  if (d < 0) return 'overdue';
  if (d <= 1) return 'due_tomorrow';
  if (d <= 7) return 'due_in_7_days';
  return null;
}

const BATCH = 500;

/** One pass of the job; returns how many reminders it sent. */
export async function sendDueReminders(db: Db, now = new Date()): Promise<number> {
  // Any zone's "today" is at most one day ahead of UTC's: this bound covers every due-in-7-days.
  const lastDue = DateTime.fromJSDate(now, { zone: 'UTC' }).plus({ days: 9 }).toISODate()!;
  return db.transaction(async (tx) => {
    const due = await repo.lockDueActions(tx, lastDue, BATCH);
    const links = await repo.issuesOfDecisions(
      tx,
      due.map((a) => a.decisionId),
    );
    const issues = new Map(
      (
        await issueRecords(
          tx,
          links.map((l) => l.issueId),
        )
      ).map((i) => [i.id, i]),
    );
    // The description's current translations: each recipient's feed line and e-mail give it in their language where one exists.
    const translated = await allTranslationsOf(tx, due.map(actionOriginal));
    let sent = 0;
    for (const action of due) {
      const kind = reminderDue(action.dueDate, action.timeZone, now);
      if (!kind || !(await repo.claimReminder(tx, action.id, kind))) continue;
      sent++;
      const views = [...(translated.get(`action:${action.id}`)?.values() ?? [])];
      const descriptions = Object.fromEntries(views.filter((v) => v.current && v.fields.description).map((v) => [v.language, v.fields.description]));
      const data = {
        actionId: action.id,
        roundTableId: action.roundTableId,
        kind,
        description: action.description,
        language: action.language,
        descriptions,
        dueDate: action.dueDate,
      };
      const owners = action.ownerUserId ? [action.ownerUserId] : await outcomes.organizationMemberIds(tx, action.ownerOrganizationId);
      const notice = { kind: 'action.reminder', category: 'reminders', actorId: null } as const;
      const rows: Delivery[] = owners.map((userId) => ({ ...notice, userId, issueId: null, data: { ...data, issueId: null } }));
      // Each author company hears of it on its own issue (the owner may not see that issue).
      const authored = new Map<string, string>();
      for (const l of links.filter((l) => l.decisionId === action.decisionId)) {
        const issue = issues.get(l.issueId);
        if (issue && !authored.has(issue.companyId)) authored.set(issue.companyId, issue.id);
      }
      for (const rep of await companyRepresentatives(tx, [...authored.keys()])) {
        if (owners.includes(rep.id)) continue;
        const issueId = authored.get(rep.organizationId)!;
        rows.push({ ...notice, userId: rep.id, issueId, data: { ...data, issueId } });
      }
      await deliver(tx, rows);
    }
    return sent;
  });
}
