// Official answers: written (or held back) per issue, released in batches; each release reaches the
// author company and the supporters.
import type { Db, Tx } from '../../db/client.js';
import { conflict } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { visibleIssue } from './issues.lookup.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { detailOf } from './issues.views.js';

export interface AnswerInput {
  text: string;
  department: string;
  timeFrame: string;
  /** Keep it pending, to be released with others in a batch. */
  hold?: boolean | undefined;
  /** The language it is written in (default: the writer's). */
  language?: Language | undefined;
}

export async function writeAnswer(tx: Tx, actor: Principal, issue: IssueRow, input: AnswerInput) {
  if (issue.state === 'draft' || issue.state === 'withdrawn') throw conflict('ISSUE_NOT_ANSWERABLE', 'This issue cannot be answered', { state: issue.state });
  await repo.upsertAnswer(tx, {
    issueId: issue.id,
    text: input.text.trim(),
    language: input.language ?? actor.language,
    department: input.department.trim(),
    timeFrame: input.timeFrame.trim(),
    authorId: actor.userId,
  });
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
    await publishIssueChange(tx, issue, issue, {
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
  const rows = await repo.findIssues(
    db,
    pending.map((a) => a.issueId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return pending.map((a) => ({
    issueId: a.issueId,
    title: byId.get(a.issueId)?.title ?? '',
    // The languages the title and the answer are written in (the web client marks each with its `lang`).
    language: byId.get(a.issueId)?.language ?? a.language,
    text: a.text,
    answerLanguage: a.language,
    department: a.department,
    timeFrame: a.timeFrame,
    updatedAt: a.updatedAt,
  }));
}
