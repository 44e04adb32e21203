// Issues themselves: submit, edit, read, and the state commands of the HTTP API. Answers, supports,
// merges, the clarification thread, lists and the feed have files of their own (issues.<concern>.ts).
// Every state change goes through issues.workflow.ts (the state machine); every write is one transaction.
import { together } from '../../lib/together.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { writeAnswer, type AnswerInput } from './issues.answers.js';
import { companyOf, visibleIssue } from './issues.lookup.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import { EDITABLE_STATES, type Category, type IssueCommand, type Visibility } from './issues.state-machine.js';
import { detailOf } from './issues.views.js';
import { transitionIssue } from './issues.workflow.js';
import { writeTranslation } from '../translations/translations.links.js';
import { issueOriginal } from './issues.translatable.js';

export interface IssueInput {
  title: string;
  body: string;
  category: Category;
  tags?: string[] | undefined;
  desiredOutcome?: string | undefined;
  language: Language;
  visibility: Visibility;
}

/** The company's own translation of its issue, given with it at submission. */
export interface IssueTranslationInput {
  language: string;
  title: string;
  body: string;
  desiredOutcome?: string | undefined;
}

/** Commands the HTTP API runs directly; agenda commands belong to round-tables, merges to their own routes. */
export const HTTP_COMMANDS = ['submit', 'start_review', 'accept', 'decline', 'await_action', 'resolve', 'withdraw'] as const satisfies readonly IssueCommand[];
export type HttpCommand = (typeof HTTP_COMMANDS)[number];

const normalizeTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

export async function getIssue(db: Db, actor: Principal | null, id: string, language: Language | null = actor?.language ?? null) {
  return detailOf(db, actor, await visibleIssue(db, actor, id), language);
}

export async function createIssue(db: Db, actor: Principal, input: IssueInput, submit: boolean, translations: IssueTranslationInput[] = []) {
  const companyId = companyOf(actor);
  // The answer is read in the same transaction: its statements then share the transaction's connection
  // (sent together) instead of taking a pool connection each, and nobody else can see the new issue yet.
  return db.transaction(async (tx) => {
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
    // Sent without waiting for its answer: statements of one transaction run in the order they are sent.
    const created = repo.insertHistory(tx, { issueId: row.id, kind: 'created', toState: 'draft', actorId: actor.userId });
    for (const { language, ...fields } of translations) {
      await writeTranslation(tx, issueOriginal(row), language, { desiredOutcome: '', ...fields }, { userId: actor.userId });
    }
    await publishIssueChange(tx, null, row, { type: 'issue.drafted', actorId: actor.userId, feed: false });
    // Inserted by this transaction: nobody else can see the row, let alone lock it.
    const [, issue] = await together([created, submit ? transitionIssue(tx, actor, row.id, 'submit', { held: row }) : row]);
    return detailOf(tx, actor, issue);
  });
}

const EDITABLE_FIELDS = ['title', 'body', 'category', 'tags', 'desiredOutcome', 'language', 'visibility'] as const;

/** The author company edits until review starts; the text before each edit is kept in the history. */
export async function editIssue(db: Db, actor: Principal, id: string, patch: Partial<IssueInput>) {
  const companyId = companyOf(actor);
  const issue = await db.transaction(async (tx) => {
    const before = await visibleIssue(tx, actor, id, true);
    if (before.companyId !== companyId) throw forbidden('Only the author company can edit an issue', 'NOT_AUTHOR');
    if (!EDITABLE_STATES.includes(before.state))
      throw conflict('ISSUE_NOT_EDITABLE', 'An issue can be edited only until review starts', { state: before.state });
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
    await publishIssueChange(tx, before, after, { type: 'issue.edited', actorId: actor.userId, feed: false, sharedData: { fields: Object.keys(previous) } });
    return after;
  });
  return detailOf(db, actor, issue);
}

export async function runCommand(db: Db, actor: Principal, id: string, command: HttpCommand, reason?: string, answer?: AnswerInput) {
  if (answer && command !== 'accept') throw badRequest('ANSWER_ONLY_WITH_ACCEPT', 'An answer can come with an acceptance; otherwise use the answer endpoint');
  const issue = await db.transaction(async (tx) => {
    const after = await transitionIssue(tx, actor, id, command, { reason: reason ?? null });
    if (answer) await writeAnswer(tx, actor, after, answer);
    return after;
  });
  return detailOf(db, actor, issue);
}
