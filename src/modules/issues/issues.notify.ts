// Tells everyone who should know about a change to an issue, inside the writing transaction:
// one event per audience stream, each projected for that audience, plus feed rows for the people
// it concerns (the author company and the supporters who can still see the issue), through the
// notifications module (feed row, user event, e-mail).
import type { Tx } from '../../db/client.js';
import { deliver, type NoticeKind } from '../notifications/notifications.links.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { allTranslationsOf } from '../translations/translations.links.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { issueOriginal } from './issues.translatable.js';
import { canSeeIssue, listedForEveryone } from './issues.visibility.js';

export interface IssueChange {
  /** e.g. issue.transition, issue.answer, issue.merged, issue.message, issue.edited, issue.support */
  type: string;
  actorId: string;
  /** Staff and author company only (reasons, messages, answers can name the company). */
  privateData?: Record<string, unknown>;
  /** Safe for anyone who may see the issue. */
  sharedData?: Record<string, unknown>;
  /** Whether the change makes feed rows (edits and supports do not). */
  feed?: boolean;
  /** Whether supporters' feeds get it too (clarification messages are for the author company only). */
  toSupporters?: boolean;
  /** Keep it off the public stream (clarification messages). */
  private?: boolean;
}

const core = (issue: IssueRow) => ({
  issueId: issue.id,
  title: issue.title,
  state: issue.state,
  category: issue.category,
  visibility: issue.visibility,
});

export async function publishIssueChange(tx: Tx, before: IssueRow | null, issue: IssueRow, change: IssueChange): Promise<void> {
  const full = { ...core(issue), companyId: issue.companyId, ...change.sharedData, ...change.privateData };
  await queueEvent(tx, { stream: streamOf.companyInbox(issue.companyId), type: change.type, data: full, actorId: change.actorId });
  // A draft is the company's own business: nobody else hears of it.
  if (issue.state === 'draft') return;
  await queueEvent(tx, { stream: streamOf.officials(), type: change.type, data: full, actorId: change.actorId });

  // The public stream hears of issues it may see, and of one leaving its sight (by id only).
  // No actor: the acting representative would name an anonymous issue's company.
  if (change.private) {
    // staff and author company only
  } else if (listedForEveryone(issue)) {
    const data = { ...core(issue), companyId: issue.visibility === 'public' ? issue.companyId : null, ...change.sharedData };
    await queueEvent(tx, { stream: streamOf.public(), type: change.type, data });
  } else if (before && listedForEveryone(before)) {
    await queueEvent(tx, { stream: streamOf.public(), type: 'issue.hidden', data: { issueId: issue.id } });
  }

  if (change.feed === false) return;
  await feed(tx, before, issue, change);
}

async function feed(tx: Tx, before: IssueRow | null, issue: IssueRow, change: IssueChange) {
  // Supporters who could see the issue before the change hear of it (e.g. that it was withdrawn).
  const sees = (companyId: string) =>
    canSeeIssue({ kind: 'company', companyId }, issue) || (before !== null && canSeeIssue({ kind: 'company', companyId }, before));
  // Nobody but its company ever saw a draft (no state leads back to draft), so nobody supports one.
  const unseen = before?.state === 'draft';
  const supporters = change.toSupporters === false || unseen ? [] : (await repo.supportsOf(tx, [issue.id])).map((s) => s.companyId).filter(sees);
  const members = await repo.companyMembers(tx, [issue.companyId, ...supporters]);
  // The title's language and its current translations: each recipient's e-mail and feed line show the title in
  // their language where one exists (a translation is visible exactly when the issue is: these readers see it).
  const views = [...((await allTranslationsOf(tx, [issueOriginal(issue)])).get(`issue:${issue.id}`)?.values() ?? [])];
  const titles = Object.fromEntries(views.filter((v) => v.current && v.fields.title).map((v) => [v.language, v.fields.title]));
  const deliveries = members
    .filter((m) => m.id !== change.actorId)
    .map((m) => {
      const own = m.organizationId === issue.companyId;
      const data = { ...core(issue), language: issue.language, titles, ...change.sharedData, ...(own ? change.privateData : {}), own };
      return {
        userId: m.id,
        issueId: issue.id,
        kind: change.type as NoticeKind,
        category: own ? ('my_issues' as const) : ('supported_issues' as const),
        data,
        actorId: change.actorId,
      };
    });
  await deliver(tx, deliveries);
}

/**
 * A duplicate merged into `primary`: the primary's company hears of it (its supporters' count and
 * thread now gather there). The duplicate, and the reason given for merging it (which may quote it), are
 * named only when that company may see the duplicate.
 */
export async function tellPrimaryOwner(tx: Tx, primary: IssueRow, duplicate: IssueRow, actorId: string, reason: string | null): Promise<void> {
  if (primary.companyId === duplicate.companyId) return; // its own duplicate: the transition notice told them
  const sees = canSeeIssue({ kind: 'company', companyId: primary.companyId }, duplicate);
  const data = { ...core(primary), own: true, ...(sees ? { duplicateId: duplicate.id, duplicateTitle: duplicate.title, reason } : {}) };
  const members = (await repo.companyMembers(tx, [primary.companyId])).filter((m) => m.id !== actorId);
  await deliver(
    tx,
    members.map((m) => ({ userId: m.id, issueId: primary.id, kind: 'issue.merged_in' as const, category: 'my_issues' as const, data, actorId })),
  );
}
