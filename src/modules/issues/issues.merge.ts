// Merging a duplicate into its primary issue and undoing it. Where a merge points is shown to
// everyone only when everyone may see the primary.
import type { Db } from '../../db/client.js';
import { badRequest, conflict } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { visibleIssue } from './issues.lookup.js';
import * as repo from './issues.repo.js';
import { MERGE_TARGET_STATES } from './issues.state-machine.js';
import { tellPrimaryOwner } from './issues.notify.js';
import { detailOf } from './issues.views.js';
import { listedForEveryone } from './issues.visibility.js';
import { transitionIssue } from './issues.workflow.js';

export async function merge(db: Db, actor: Principal, id: string, primaryId: string, reason?: string) {
  if (id === primaryId) throw badRequest('CANNOT_MERGE_INTO_ITSELF', 'An issue cannot be merged into itself');
  const issue = await db.transaction(async (tx) => {
    // Lock both in a fixed order so two crossing merges cannot deadlock.
    for (const lockId of [id, primaryId].sort()) await repo.lockIssue(tx, lockId);
    const primary = await visibleIssue(tx, actor, primaryId);
    if (!MERGE_TARGET_STATES.includes(primary.state) || primary.mergedIntoId) {
      throw conflict('MERGE_TARGET_INVALID', 'Merge into an open issue that is not itself merged', { state: primary.state });
    }
    if ((await repo.mergedInto(tx, id)).length) throw conflict('MERGE_HAS_CHILDREN', 'Un-merge the issues merged into this one first');
    // Where it went is for everyone only if everyone may see the primary (a confidential one they may not).
    const where = { mergedIntoId: primaryId };
    const child = await transitionIssue(tx, actor, id, 'merge', {
      reason: reason ?? null,
      mergedIntoId: primaryId,
      ...(listedForEveryone(primary) ? { sharedData: where } : { privateData: where }),
    });
    await repo.insertHistory(tx, { issueId: primaryId, kind: 'merge_child', actorId: actor.userId, reason: reason?.trim() || null, previous: { childId: id } });
    await repo.refreshSupportCount(tx, primaryId);
    await tellPrimaryOwner(tx, primary, child, actor.userId, reason?.trim() || null);
    return child;
  });
  return detailOf(db, actor, issue);
}

export async function unmerge(db: Db, actor: Principal, id: string, reason?: string) {
  const issue = await db.transaction(async (tx) => {
    const before = await visibleIssue(tx, actor, id, true);
    const primary = before.mergedIntoId ? await repo.findIssue(tx, before.mergedIntoId) : null;
    const from = { unmergedFromId: before.mergedIntoId };
    const child = await transitionIssue(tx, actor, id, 'unmerge', {
      reason: reason ?? null,
      ...(primary && listedForEveryone(primary) ? { sharedData: from } : { privateData: from }),
    });
    if (before.mergedIntoId) {
      await repo.insertHistory(tx, {
        issueId: before.mergedIntoId,
        kind: 'unmerge_child',
        actorId: actor.userId,
        reason: reason?.trim() || null,
        previous: { childId: id },
      });
      await repo.refreshSupportCount(tx, before.mergedIntoId);
    }
    return child;
  });
  return detailOf(db, actor, issue);
}
