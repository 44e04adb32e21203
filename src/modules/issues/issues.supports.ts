// Supports: another company backs an issue (once); the count is kept on the issue and its merge primary.
import type { Db, Tx } from '../../db/client.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { companyOf, visibleIssue } from './issues.lookup.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { SUPPORTABLE_STATES } from './issues.state-machine.js';
import { detailOf, supportCountsFor } from './issues.views.js';
import { PUBLIC_VIEWER } from './issues.visibility.js';

export async function support(db: Db, actor: Principal, id: string, comment?: string) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const row = await visibleIssue(tx, actor, id, true);
    if (row.companyId === companyId) throw conflict('CANNOT_SUPPORT_OWN', 'A company cannot support its own issue');
    if (!SUPPORTABLE_STATES.includes(row.state)) throw conflict('ISSUE_NOT_SUPPORTABLE', 'This issue cannot be supported now', { state: row.state });
    if (!(await repo.insertSupport(tx, { issueId: id, companyId, userId: actor.userId, comment: comment?.trim() ?? '' }))) {
      throw conflict('ALREADY_SUPPORTED', 'Your company already supports this issue');
    }
    return afterSupportChange(tx, actor, row, 'issue.supported');
  });
  return detailOf(db, actor, issue);
}

export async function withdrawSupport(db: Db, actor: Principal, id: string) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const row = await visibleIssue(tx, actor, id, true);
    if (!(await repo.deleteSupport(tx, id, companyId))) throw notFound('SUPPORT_NOT_FOUND', 'Your company does not support this issue');
    return afterSupportChange(tx, actor, row, 'issue.support_withdrawn');
  });
  return detailOf(db, actor, issue);
}

async function afterSupportChange(tx: Tx, actor: Principal, before: IssueRow, type: string) {
  await repo.refreshSupportCount(tx, before.id);
  if (before.mergedIntoId) await repo.refreshSupportCount(tx, before.mergedIntoId);
  const after = (await repo.findIssue(tx, before.id))!;
  // Who supports a non-public issue is not for everyone: the events carry the count only, and that
  // as everyone may know it (not counting merged issues hidden from them).
  const [supportCount] = (await supportCountsFor(tx, PUBLIC_VIEWER, [after])).values();
  // The author company hears of it in its feed (the count only: who supports is not for it to know).
  await publishIssueChange(tx, before, after, { type, actorId: actor.userId, toSupporters: false, sharedData: { supportCount: supportCount ?? 0 } });
  return after;
}
