// The contract other modules use to place issues on agendas and record that they were discussed.
// Every function takes the caller's open transaction and goes through the one state machine,
// so history and events are written with the caller's own changes, or not at all.
import type { Executor, Tx } from '../../db/client.js';
import { conflict, notFound } from '../../lib/errors.js';
import { namesOf } from '../../lib/i18n.js';
import type { Language, Principal } from '../../lib/principal.js';
import * as repo from './issues.repo.js';
import type { Category, Visibility } from './issues.state-machine.js';
import { canSeeCompany, canSeeIssue, listedForEveryoneSql, viewerOf, type Viewer } from './issues.visibility.js';
import { transitionIssue } from './issues.workflow.js';

const unique = (ids: string[]) => [...new Set(ids)];

/** The issues, all of which must exist and be accepted (ready for an agenda). Rows come back in `ids` order. */
export async function findSchedulableIssues(tx: Tx, ids: string[]): Promise<{ id: string; title: string; state: string }[]> {
  const wanted = unique(ids);
  const rows = await repo.findIssueStates(tx, wanted);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of wanted) {
    const row = byId.get(id);
    if (!row) throw notFound('ISSUE_NOT_FOUND', `No issue ${id}`);
    if (row.state !== 'accepted') throw conflict('ISSUE_NOT_ACCEPTED', 'Only accepted issues can go on an agenda', { issueId: id, state: row.state });
  }
  return wanted.map((id) => byId.get(id)!);
}

/** accepted -> scheduled, remembering the round-table (named to officials and the author company only:
 * a draft agenda, perhaps of a draft round-table, is not public until a release is). */
export async function scheduleIssues(tx: Tx, actor: Principal, ids: string[], roundTableId: string): Promise<void> {
  for (const id of unique(ids)) await transitionIssue(tx, actor, id, 'schedule', { roundTableId, privateData: { roundTableId } });
}

/** scheduled -> accepted (taken off an agenda). */
export async function unscheduleIssues(tx: Tx, actor: Principal, ids: string[]): Promise<void> {
  for (const id of unique(ids)) await transitionIssue(tx, actor, id, 'unschedule');
}

/** scheduled -> discussed (the round-table reached it). */
export async function markIssuesDiscussed(tx: Tx, actor: Principal, ids: string[]): Promise<void> {
  for (const id of unique(ids)) await transitionIssue(tx, actor, id, 'mark_discussed');
}

export interface AgendaIssueView {
  id: string;
  /** null when the viewer may not see a confidential issue's title. */
  title: string | null;
  /** The language the title is written in (for the reader's `lang` attribute). */
  language: Language;
  category: Category;
  visibility: Visibility;
  /** English name of the author company, or null when the viewer may not know it. */
  companyName: string | null;
  /** Its names in en/ja/zh (the reader's is shown), null exactly when companyName is. */
  company: { nameEn: string; nameJa: string; nameZh: string } | null;
}

/**
 * What an agenda shows of each issue to this viewer (null: a stranger). Ids that do not exist are
 * left out. Anonymous issues never name their company to others; confidential ones hide their title too.
 */
export async function agendaIssueView(db: Executor, viewer: Principal | null, ids: string[]): Promise<AgendaIssueView[]> {
  const rows = await repo.findIssues(db, unique(ids));
  const names = await repo.organizationNames(
    db,
    rows.map((r) => r.companyId),
  );
  const v: Viewer = viewerOf(viewer);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique(ids)
    .filter((id) => byId.has(id))
    .map((id) => {
      const r = byId.get(id)!;
      const seen = canSeeIssue(v, r);
      return {
        id: r.id,
        title: seen ? r.title : null,
        language: r.language,
        category: r.category,
        visibility: r.visibility,
        companyName: seen && canSeeCompany(v, r) ? (names.get(r.companyId)?.nameEn ?? null) : null,
        company: seen && canSeeCompany(v, r) ? namesOf(names.get(r.companyId)) : null,
      };
    });
}

/** The companies that wrote these issues, each with its own issue ids (to tell each of its own). */
export async function issuesByCompany(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const byCompany = new Map<string, string[]>();
  for (const r of await repo.issueAuthors(db, unique(ids))) byCompany.set(r.companyId, [...(byCompany.get(r.companyId) ?? []), r.id]);
  return byCompany;
}

/** Those of these issues that are still scheduled (not yet discussed, withdrawn or merged). */
export async function stillScheduled(db: Executor, ids: string[]): Promise<string[]> {
  return (await repo.findIssueStates(db, unique(ids))).filter((r) => r.state === 'scheduled').map((r) => r.id);
}

// For the outcomes module ------------------------------------------------------------------------

export type IssueRecord = repo.IssueRow;
export { canSeeCompany, canSeeIssue, listedForEveryone, viewerOf, type Viewer } from './issues.visibility.js';
export const issueRecords = (db: Executor, ids: string[]) => repo.findIssues(db, unique(ids));
export const companyNames = (db: Executor, ids: string[]) => repo.organizationNames(db, ids);
export const companyRepresentatives = (db: Executor, companyIds: string[]) => repo.companyMembers(db, unique(companyIds));
/** History rows (with the actor's name and role) and the answer, for the outcome chain. */
export const issueHistoryOf = (db: Executor, id: string) => repo.historyOf(db, [id]);
export const issueAnswerOf = (db: Executor, id: string) => repo.findAnswer(db, id);

/** discussed -> action_pending for those of `ids` that are discussed (the first action item on them). */
export async function awaitActionOn(tx: Tx, actor: Principal, ids: string[]): Promise<void> {
  const rows = await repo.findIssues(tx, unique(ids));
  for (const r of rows.filter((r) => r.state === 'discussed')) await transitionIssue(tx, actor, r.id, 'await_action');
}

/** -> resolved, as a rule of the system: every action on these issues is done or dropped. Issues not
 * discussed yet (or already resolved) are left alone. Author company and supporters hear of it in their feed. */
export async function resolveWhenActionsClosed(tx: Tx, actor: Principal, ids: string[], reason: string): Promise<string[]> {
  const rows = await repo.findIssues(tx, unique(ids));
  const ready = rows.filter((r) => r.state === 'discussed' || r.state === 'action_pending');
  for (const r of ready) await transitionIssue(tx, actor, r.id, 'resolve', { reason, asSystem: true });
  return ready.map((r) => r.id);
}

/** Pages of issues everyone may see, in id order (open data). */
export const publicIssuesPage = (db: Executor, afterId: string | null, limit: number) => repo.issuesPage(db, listedForEveryoneSql(), afterId, limit);

// For the translations module ---------------------------------------------------------------------

export { issueOriginal, translatableText, textToTranslate, translationCandidates, type QueueCandidate, type TranslatableText } from './issues.translatable.js';
