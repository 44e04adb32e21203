// Rules for issues: who may submit, edit, review, answer, support, merge and talk about one.
// Every state change goes through issues.workflow.ts (the state machine); every write is one transaction.
import type { Readable } from 'node:stream';
import type { Db, Executor, Tx } from '../../db/client.js';
import { csvStream } from '../../lib/csv.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { announce } from './issues.notify.js';
import * as lists from './issues.lists.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { EDITABLE_STATES, MERGE_TARGET_STATES, type Category, type IssueCommand, type Visibility } from './issues.state-machine.js';
import { detailOf, summaries } from './issues.views.js';
import { canSeeIssue, isAuthorCompany, listedForEveryone, viewerOf, visibleToSql } from './issues.visibility.js';
import { issueNotFound, transition } from './issues.workflow.js';

export interface IssueInput {
  title: string;
  body: string;
  category: Category;
  tags?: string[] | undefined;
  desiredOutcome?: string | undefined;
  language: Language;
  visibility: Visibility;
}

export interface AnswerInput {
  text: string;
  department: string;
  timeFrame: string;
  /** Keep it pending, to be released with others in a batch. */
  hold?: boolean | undefined;
}

/** Commands the HTTP API runs directly; agenda commands belong to round-tables, merges to their own routes. */
export const HTTP_COMMANDS = ['submit', 'start_review', 'accept', 'decline', 'await_action', 'resolve', 'withdraw'] as const satisfies readonly IssueCommand[];
export type HttpCommand = (typeof HTTP_COMMANDS)[number];

const normalizeTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

function companyOf(actor: Principal): string {
  if (actor.role !== 'company_rep' || !actor.organizationId) throw forbidden('Only company representatives can do this', 'COMPANY_ONLY');
  return actor.organizationId;
}

/** The issue if the viewer may see it; otherwise it does not exist for them. */
async function visibleIssue(db: Executor, actor: Principal | null, id: string, lock = false): Promise<IssueRow> {
  const issue = lock ? await repo.lockIssue(db as Tx, id) : await repo.findIssue(db, id);
  if (!issue || !canSeeIssue(viewerOf(actor), issue)) throw issueNotFound();
  return issue;
}

export async function getIssue(db: Db, actor: Principal | null, id: string) {
  return detailOf(db, actor, await visibleIssue(db, actor, id));
}

export async function createIssue(db: Db, actor: Principal, input: IssueInput, submit: boolean) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const row = await repo.insertIssue(tx, {
      companyId,
      authorId: actor.userId,
      title: input.title.trim(),
      body: input.body.trim(),
      category: input.category,
      tags: normalizeTags(input.tags),
      desiredOutcome: input.desiredOutcome?.trim() ?? '',
      language: input.language,
      visibility: input.visibility,
    });
    await repo.insertHistory(tx, { issueId: row.id, kind: 'created', toState: 'draft', actorId: actor.userId });
    await announce(tx, null, row, { type: 'issue.drafted', actorId: actor.userId, feed: false });
    return submit ? transition(tx, actor, row.id, 'submit') : row;
  });
  return detailOf(db, actor, issue);
}

const EDITABLE_FIELDS = ['title', 'body', 'category', 'tags', 'desiredOutcome', 'language', 'visibility'] as const;

/** The author company edits until review starts; the text before each edit is kept in the history. */
export async function editIssue(db: Db, actor: Principal, id: string, patch: Partial<IssueInput>) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const before = await visibleIssue(tx, actor, id, true);
    if (before.companyId !== companyId) throw forbidden('Only the author company can edit an issue', 'NOT_AUTHOR');
    if (!EDITABLE_STATES.includes(before.state)) throw conflict('ISSUE_NOT_EDITABLE', 'An issue can be edited only until review starts', { state: before.state });
    // Visibility is the promise made to other companies when it was submitted: fixed from then on.
    if (patch.visibility !== undefined && patch.visibility !== before.visibility && before.state !== 'draft') {
      throw conflict('VISIBILITY_FIXED', 'Visibility can only be changed before the issue is submitted');
    }
    const next = {
      ...patch,
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.body !== undefined ? { body: patch.body.trim() } : {}),
      ...(patch.desiredOutcome !== undefined ? { desiredOutcome: patch.desiredOutcome.trim() } : {}),
      ...(patch.tags !== undefined ? { tags: normalizeTags(patch.tags) } : {}),
    };
    const previous: Record<string, unknown> = {};
    for (const f of EDITABLE_FIELDS) {
      if (next[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(before[f])) previous[f] = before[f];
    }
    if (!Object.keys(previous).length) return before;
    const changes = Object.fromEntries(Object.keys(previous).map((f) => [f, next[f as keyof typeof next]]));
    const after = await repo.updateIssue(tx, id, changes);
    await repo.insertHistory(tx, { issueId: id, kind: 'edit', actorId: actor.userId, previous });
    await announce(tx, before, after, { type: 'issue.edited', actorId: actor.userId, feed: false, sharedData: { fields: Object.keys(previous) } });
    return after;
  });
  return detailOf(db, actor, issue);
}

export async function runCommand(db: Db, actor: Principal, id: string, command: HttpCommand, reason?: string, answer?: AnswerInput) {
  if (answer && command !== 'accept') throw badRequest('ANSWER_ONLY_WITH_ACCEPT', 'An answer can come with an acceptance; otherwise use the answer endpoint');
  const issue = await db.transaction(async (tx) => {
    const after = await transition(tx, actor, id, command, { reason: reason ?? null });
    if (answer) await writeAnswer(tx, actor, after, answer);
    return after;
  });
  return detailOf(db, actor, issue);
}

// Answers ------------------------------------------------------------------------------------

async function writeAnswer(tx: Tx, actor: Principal, issue: IssueRow, input: AnswerInput) {
  if (issue.state === 'draft' || issue.state === 'withdrawn') throw conflict('ISSUE_NOT_ANSWERABLE', 'This issue cannot be answered', { state: issue.state });
  await repo.upsertAnswer(tx, { issueId: issue.id, text: input.text.trim(), department: input.department.trim(), timeFrame: input.timeFrame.trim(), authorId: actor.userId });
  await repo.insertHistory(tx, { issueId: issue.id, kind: 'answer', actorId: actor.userId, reason: input.hold ? 'pending' : null });
  if (!input.hold) await release(tx, actor, [issue.id]);
}

export async function setAnswer(db: Db, actor: Principal, id: string, input: AnswerInput) {
  const issue = await db.transaction(async (tx) => {
    const row = await visibleIssue(tx, actor, id, true);
    await writeAnswer(tx, actor, row, input);
    return row;
  });
  return detailOf(db, actor, issue);
}

/** Publishes pending answers together (all of them, or the given issues'): each reaches its author company and supporters. */
async function release(tx: Tx, actor: Principal, issueIds?: string[]): Promise<string[]> {
  const ids = issueIds ?? (await repo.pendingAnswers(tx)).map((a) => a.issueId);
  const released = await repo.markAnswersReleased(tx, ids, actor.userId);
  for (const answer of released) {
    const issue = (await repo.findIssue(tx, answer.issueId))!;
    await repo.insertHistory(tx, { issueId: issue.id, kind: 'answer_released', actorId: actor.userId });
    await announce(tx, issue, issue, {
      type: 'issue.answer',
      actorId: actor.userId,
      sharedData: { answer: { text: answer.text, department: answer.department, timeFrame: answer.timeFrame } },
    });
  }
  return released.map((a) => a.issueId);
}

export async function releaseAnswers(db: Db, actor: Principal, issueIds?: string[]) {
  return db.transaction(async (tx) => ({ released: await release(tx, actor, issueIds) }));
}

export async function listPendingAnswers(db: Db) {
  const pending = await repo.pendingAnswers(db);
  const rows = await repo.findIssues(db, pending.map((a) => a.issueId));
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  return pending.map((a) => ({ issueId: a.issueId, title: titles.get(a.issueId) ?? '', text: a.text, department: a.department, timeFrame: a.timeFrame, updatedAt: a.updatedAt }));
}

// Supports -----------------------------------------------------------------------------------

const SUPPORTABLE = ['submitted', 'under_review', 'accepted', 'scheduled', 'discussed', 'action_pending'];

export async function support(db: Db, actor: Principal, id: string, comment?: string) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const row = await visibleIssue(tx, actor, id, true);
    if (row.companyId === companyId) throw conflict('CANNOT_SUPPORT_OWN', 'A company cannot support its own issue');
    if (!SUPPORTABLE.includes(row.state)) throw conflict('ISSUE_NOT_SUPPORTABLE', 'This issue cannot be supported now', { state: row.state });
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
  // Who supports a non-public issue is not for everyone: the events carry the count only.
  await announce(tx, before, after, { type, actorId: actor.userId, feed: false, sharedData: { supportCount: after.supportCount } });
  return after;
}

// Merge --------------------------------------------------------------------------------------

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
    const child = await transition(tx, actor, id, 'merge', { reason: reason ?? null, mergedIntoId: primaryId, ...(listedForEveryone(primary) ? { sharedData: where } : { privateData: where }) });
    await repo.insertHistory(tx, { issueId: primaryId, kind: 'merge_child', actorId: actor.userId, reason: reason?.trim() || null, previous: { childId: id } });
    await repo.refreshSupportCount(tx, primaryId);
    return child;
  });
  return detailOf(db, actor, issue);
}

export async function unmerge(db: Db, actor: Principal, id: string, reason?: string) {
  const issue = await db.transaction(async (tx) => {
    const before = await visibleIssue(tx, actor, id, true);
    const primary = before.mergedIntoId ? await repo.findIssue(tx, before.mergedIntoId) : null;
    const from = { unmergedFromId: before.mergedIntoId };
    const child = await transition(tx, actor, id, 'unmerge', { reason: reason ?? null, ...(primary && listedForEveryone(primary) ? { sharedData: from } : { privateData: from }) });
    if (before.mergedIntoId) {
      await repo.insertHistory(tx, { issueId: before.mergedIntoId, kind: 'unmerge_child', actorId: actor.userId, reason: reason?.trim() || null, previous: { childId: id } });
      await repo.refreshSupportCount(tx, before.mergedIntoId);
    }
    return child;
  });
  return detailOf(db, actor, issue);
}

// Clarification thread -----------------------------------------------------------------------

async function threadIssue(tx: Executor, actor: Principal, id: string, lock = false) {
  const issue = await visibleIssue(tx, actor, id, lock);
  const viewer = viewerOf(actor);
  if (viewer.kind !== 'official' && !isAuthorCompany(viewer, issue)) throw forbidden('Only officials and the author company take part in the clarification thread', 'NOT_IN_THREAD');
  return issue;
}

/** The thread; reading it marks the other side's messages read. */
export async function listMessages(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    await threadIssue(tx, actor, id);
    await repo.markMessagesRead(tx, id, actor.role !== 'official');
    return repo.messagesOf(tx, id);
  });
}

export async function postMessage(db: Db, actor: Principal, id: string, body: string) {
  return db.transaction(async (tx) => {
    const issue = await threadIssue(tx, actor, id, true);
    if (issue.state === 'draft') throw conflict('ISSUE_NOT_SUBMITTED', 'Submit the issue before starting a clarification thread');
    const fromOfficials = actor.role === 'official';
    const message = await repo.insertMessage(tx, { issueId: id, authorId: actor.userId, fromOfficials, body: body.trim() });
    await announce(tx, issue, issue, {
      type: 'issue.message',
      actorId: actor.userId,
      private: true,
      toSupporters: false,
      privateData: { messageId: message.id, fromOfficials, body: message.body },
    });
    return { ...message, authorName: actor.displayName };
  });
}

// Lists --------------------------------------------------------------------------------------

export interface PageQuery {
  sort?: lists.Sort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export async function queue(db: Db, actor: Principal, filters: lists.ListFilters, page: PageQuery) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql(filters)];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 25, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

export async function mine(db: Db, actor: Principal, page: PageQuery & { state?: lists.ListFilters['state'] }) {
  const companyId = companyOf(actor);
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql({ companyId, state: page.state })];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 50, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

/** What everyone may see: the same list for a company, an attendee or a stranger. */
export async function publicList(db: Db, actor: Principal | null, filters: Pick<lists.ListFilters, 'category' | 'q'>, page: PageQuery) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql({ kind: 'other' }), ...lists.filterSql(filters)];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'most_supported', page.limit ?? 25, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

export async function similar(db: Db, actor: Principal, text: { title: string; body?: string | undefined; excludeId?: string | undefined }) {
  const viewer = viewerOf(actor);
  const found = await lists.similarIssues(db, viewer, text, text.excludeId);
  const items = await summaries(db, viewer, found.map((f) => f.issue));
  return items.map((item, i) => ({ ...item, score: Math.round(found[i]!.score * 100) / 100 }));
}

/** The officials' queue as CSV (officials see every company, so nothing is projected away). */
export async function exportCsv(db: Db, actor: Principal, filters: lists.ListFilters): Promise<Readable> {
  const viewer = viewerOf(actor);
  const rows = await lists.allIssues(db, [visibleToSql(viewer), ...lists.filterSql(filters)]);
  const names = await repo.organizationNames(db, rows.map((r) => r.companyId));
  const header = ['id', 'title', 'category', 'state', 'visibility', 'language', 'company', 'supports', 'tags', 'submitted_at', 'state_changed_at', 'merged_into'];
  return csvStream(
    header,
    rows.map((r) => [r.id, r.title, r.category, r.state, r.visibility, r.language, names.get(r.companyId)?.nameEn, r.supportCount, r.tags, r.submittedAt, r.stateChangedAt, r.mergedIntoId]),
  );
}

// Feed ---------------------------------------------------------------------------------------

export async function feed(db: Db, actor: Principal, page: { cursor?: string | undefined; limit?: number | undefined }) {
  let before: { at: string; id: string } | undefined;
  if (page.cursor) {
    const [at, id] = Buffer.from(page.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || !lists.TIMESTAMP.test(at) || !lists.isRealInstant(at) || !lists.UUID.test(id)) throw badRequest('INVALID_CURSOR', 'This page cursor is not valid');
    before = { at, id };
  }
  const limit = page.limit ?? 30;
  const rows = await repo.feedOf(db, actor.userId, limit + 1, before);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ item: r }) => ({ id: r.id, type: r.type, issueId: r.issueId, data: r.data as Record<string, unknown>, createdAt: r.createdAt, readAt: r.readAt })),
    unread: await repo.unreadCount(db, actor.userId),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.at}|${last.item.id}`).toString('base64url') : null,
  };
}

export async function markFeedRead(db: Db, actor: Principal, ids?: string[]) {
  await repo.markFeedRead(db, actor.userId, ids);
  return { unread: await repo.unreadCount(db, actor.userId) };
}
