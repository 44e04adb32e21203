// Issues' texts as the translations module sees them: the original (language and fields) of an issue,
// its answer or a clarification message, for someone who may see it, and whether they may translate it.
// Visibility is the text's own (issues.visibility.ts): a translation is visible exactly when its original is.
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { issues } from '../../db/schema/index.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { isOrganizerOrOfficial, type Principal } from '../../lib/principal.js';
import type { Original, TranslationKind } from '../translations/translations.links.js';
import { pageOfIssues } from './issues.lists.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { canSeeCompany, canSeeIssue, isAuthorCompany, viewerOf, visibleToSql } from './issues.visibility.js';

const textNotFound = () => notFound('TEXT_NOT_FOUND', 'No such text');

export const issueOriginal = (i: Pick<IssueRow, 'id' | 'language' | 'title' | 'body' | 'desiredOutcome'>): Original => ({
  kind: 'issue',
  textId: i.id,
  issueId: i.id,
  language: i.language,
  fields: { title: i.title, body: i.body, desiredOutcome: i.desiredOutcome },
});
export const answerOriginal = (a: { issueId: string; language: Original['language']; text: string }): Original => ({
  kind: 'answer',
  textId: a.issueId,
  issueId: a.issueId,
  language: a.language,
  fields: { text: a.text },
});
export const messageOriginal = (m: { id: string; issueId: string; language: Original['language']; body: string }): Original => ({
  kind: 'message',
  textId: m.id,
  issueId: m.issueId,
  language: m.language,
  fields: { body: m.body },
});

/** Who may translate a text they can see: organizers and officials, and the author company for its own issue. */
function mayTranslate(actor: Principal | null, issue: IssueRow): boolean {
  if (!actor) return false;
  if (isOrganizerOrOfficial(actor)) return true;
  return isAuthorCompany(viewerOf(actor), issue);
}

export interface TranslatableText {
  original: Original;
  mayTranslate: boolean;
  /** Whether the viewer may learn the author company (translators of an anonymous issue are not named otherwise). */
  companyVisible: boolean;
  /** A short label for the translators' screens: the issue's title. */
  issueTitle: string;
}

/** The original text of this kind and id if the viewer may see it; otherwise it does not exist for them (404 TEXT_NOT_FOUND). */
export async function translatableText(db: Executor, actor: Principal | null, kind: TranslationKind, textId: string): Promise<TranslatableText> {
  const viewer = viewerOf(actor);
  let original: Original;
  let issue: IssueRow | null;
  if (kind === 'issue') {
    issue = await repo.findIssue(db, textId);
    if (!issue || !canSeeIssue(viewer, issue)) throw textNotFound();
    original = issueOriginal(issue);
  } else if (kind === 'answer') {
    issue = await repo.findIssue(db, textId);
    const answer = issue && canSeeIssue(viewer, issue) ? await repo.findAnswer(db, textId) : null;
    if (!issue || !answer || !(answer.releasedAt || viewer.kind === 'official')) throw textNotFound();
    original = answerOriginal(answer);
  } else {
    const message = await repo.findMessage(db, textId);
    issue = message ? await repo.findIssue(db, message.issueId) : null;
    if (!message || !issue || !canSeeIssue(viewer, issue) || !(viewer.kind === 'official' || isAuthorCompany(viewer, issue))) throw textNotFound();
    original = messageOriginal(message);
  }
  return { original, mayTranslate: mayTranslate(actor, issue), companyVisible: canSeeCompany(viewer, issue), issueTitle: issue.title };
}

/** As translatableText, for a write: the viewer must also be a translator of it (403 TRANSLATION_NOT_ALLOWED). */
export async function textToTranslate(db: Executor, actor: Principal, kind: TranslationKind, textId: string): Promise<TranslatableText> {
  const text = await translatableText(db, actor, kind, textId);
  if (!text.mayTranslate) throw forbidden('Only organizers, officials and the author company translate this text', 'TRANSLATION_NOT_ALLOWED');
  return text;
}

/** States in which an issue's texts are read and worth translating. */
const LIVE_STATES = ['submitted', 'under_review', 'accepted', 'scheduled', 'discussed', 'action_pending'] as const;

export interface QueueCandidate extends TranslatableText {
  /** Why it is urgent: an issue waiting for review, one on a round-table (with its date), or one being followed up. */
  urgency: 'review' | 'roundtable' | 'follow_up';
  /** Since when it waits for review (null otherwise). */
  urgentAt: Date | null;
  /** Scheduled issues: the round-table (the translations module looks up its date for staff). */
  roundTableId: string | null;
}

/**
 * The texts of live issues this translator may see and translate, with their urgency: the translations
 * module picks those lacking translations. Officials also get answers and clarification messages.
 */
export async function translationCandidates(db: Executor, actor: Principal, limit = 200): Promise<QueueCandidate[]> {
  const viewer = viewerOf(actor);
  const { rows } = await pageOfIssues(db, [visibleToSql(viewer), inArray(issues.state, [...LIVE_STATES])], 'oldest_waiting', limit, undefined);
  const out: QueueCandidate[] = [];
  for (const issue of rows.filter((r) => mayTranslate(actor, r))) {
    const review = issue.state === 'submitted' || issue.state === 'under_review';
    const scheduled = issue.state === 'scheduled' && issue.roundTableId ? issue.roundTableId : null;
    const base = {
      mayTranslate: true,
      companyVisible: canSeeCompany(viewer, issue),
      issueTitle: issue.title,
      urgency: review ? 'review' : scheduled ? 'roundtable' : 'follow_up',
      urgentAt: review ? (issue.submittedAt ?? issue.stateChangedAt) : null,
      roundTableId: scheduled,
    } as const;
    out.push({ ...base, original: issueOriginal(issue) });
    const answer = await repo.findAnswer(db, issue.id);
    if (answer && (answer.releasedAt || viewer.kind === 'official')) out.push({ ...base, original: answerOriginal(answer) });
    if (viewer.kind === 'official')
      for (const m of await repo.messagesOf(db, issue.id)) out.push({ ...base, original: messageOriginal({ ...m, issueId: issue.id }) });
  }
  return out;
}
