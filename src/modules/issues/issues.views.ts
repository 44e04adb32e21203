// Projections of issues for one viewer. Every response body about an issue is built here,
// so the visibility rules (issues.visibility.ts) decide each field once.
import type { Executor } from '../../db/client.js';
import * as repo from './issues.repo.js';
import type { IssueRow, OrgNames } from './issues.repo.js';
import { actorKindOf, availableCommands, SUPPORTABLE_STATES } from './issues.state-machine.js';
import type { Language, Principal } from '../../lib/principal.js';
import { onlyFields, translationsFor, type TranslationView } from '../translations/translations.links.js';
import { answerOriginal, issueOriginal } from './issues.translatable.js';
import { canSeeCompany, canSeeIssue, isAuthorCompany, viewerOf, visibleToSql, type Viewer } from './issues.visibility.js';

/**
 * `parents`: the primaries (of merged rows) this viewer may know of. Officials and the merged issue's
 * author company always learn where it went; others only when they may see the primary itself.
 * `counts`: support counts as this viewer may know them (supportCountsFor).
 */
export function issueSummary(
  viewer: Viewer,
  issue: IssueRow,
  names: Map<string, OrgNames>,
  supported: Set<string>,
  unread: Map<string, number>,
  parents: Set<string>,
  counts: Map<string, number>,
  translated: Map<string, TranslationView> = new Map(),
) {
  return {
    id: issue.id,
    title: issue.title,
    category: issue.category,
    tags: issue.tags,
    language: issue.language,
    visibility: issue.visibility,
    state: issue.state,
    company: canSeeCompany(viewer, issue) ? (names.get(issue.companyId) ?? null) : null,
    mine: isAuthorCompany(viewer, issue),
    supportCount: counts.get(issue.id) ?? 0,
    supportedByUs: supported.has(issue.id),
    /** The viewer's company may back it now (the state machine's SUPPORTABLE_STATES, not its own issue). */
    canSupport: viewer.kind === 'company' && !isAuthorCompany(viewer, issue) && SUPPORTABLE_STATES.includes(issue.state),
    /** Clarification messages from the other side this viewer has not read (officials and the author company only). */
    unreadMessages: viewer.kind === 'official' || isAuthorCompany(viewer, issue) ? (unread.get(issue.id) ?? 0) : 0,
    mergedIntoId:
      issue.mergedIntoId && (viewer.kind === 'official' || isAuthorCompany(viewer, issue) || parents.has(issue.mergedIntoId)) ? issue.mergedIntoId : null,
    createdAt: issue.createdAt,
    submittedAt: issue.submittedAt,
    stateChangedAt: issue.stateChangedAt,
    /** Lists carry the translated title only; the detail view replaces it with every field. */
    translation: onlyFields(translated.get(issue.id), ['title']),
  };
}
export type IssueSummary = ReturnType<typeof issueSummary>;

/** Which of these rows' primaries the viewer may see. */
async function visibleParents(db: Executor, viewer: Viewer, rows: Pick<IssueRow, 'mergedIntoId'>[]): Promise<Set<string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.mergedIntoId ? [r.mergedIntoId] : [])))];
  return new Set((ids.length ? await repo.findIssues(db, ids) : []).filter((p) => canSeeIssue(viewer, p)).map((p) => p.id));
}

/** Summaries of rows the caller already filtered by visibility, with titles translated into `language` where they are. */
export async function summaries(db: Executor, viewer: Viewer, rows: IssueRow[], language: Language | null = null): Promise<IssueSummary[]> {
  const names = await repo.organizationNames(
    db,
    rows.map((r) => r.companyId),
  );
  const supported =
    viewer.kind === 'company'
      ? await repo.supportedBy(
          db,
          viewer.companyId,
          rows.map((r) => r.id),
        )
      : new Set<string>();
  const party = rows.filter((r) => viewer.kind === 'official' || isAuthorCompany(viewer, r)).map((r) => r.id);
  const unread = viewer.kind === 'other' ? new Map<string, number>() : await repo.unreadMessageCounts(db, party, viewer.kind === 'company');
  const parents = await visibleParents(db, viewer, rows);
  const visible = rows.filter((r) => canSeeIssue(viewer, r));
  const counts = await supportCountsFor(db, viewer, visible);
  const translated = await translationsFor(db, visible.map(issueOriginal), language);
  return visible.map((r) => issueSummary(viewer, r, names, supported, unread, parents, counts, translated));
}

/** Support counts as this viewer may know them: officials all backers, others not those of merged issues hidden from them. */
export async function supportCountsFor(db: Executor, viewer: Viewer, rows: IssueRow[]): Promise<Map<string, number>> {
  if (viewer.kind === 'official') return new Map(rows.map((r) => [r.id, r.supportCount]));
  return repo.supportCountsAmong(
    db,
    rows.map((r) => r.id),
    visibleToSql(viewer),
  );
}

type HistoryRow = Awaited<ReturnType<typeof repo.historyOf>>[number];

/** The other issue an entry is about (merged in, un-merged), if any. */
const otherIssueOf = (h: HistoryRow) => (h.previous as { childId?: string } | null)?.childId ?? null;

/** Of the other issues these entries are about, those the viewer may see. */
async function knownOthers(db: Executor, viewer: Viewer, rows: HistoryRow[]): Promise<Set<string>> {
  const ids = [...new Set(rows.map(otherIssueOf).filter((id): id is string => id !== null))];
  return new Set((await repo.findIssues(db, ids)).filter((c) => canSeeIssue(viewer, c)).map((c) => c.id));
}

/**
 * Officials and the author company see who and why; others only the public timeline. An entry about
 * another issue the viewer may not see (a confidential issue merged into this one) is left out: its
 * id, the official's reason and its very existence belong to that issue.
 */
function historyFor(privileged: boolean, rows: HistoryRow[], known: Set<string>) {
  return rows
    .filter((h) => privileged || h.kind === 'transition')
    .filter((h) => {
      const other = otherIssueOf(h);
      return other === null || known.has(other);
    })
    .map((h) => ({
      kind: h.kind,
      command: h.command,
      fromState: h.fromState,
      toState: h.toState,
      createdAt: h.createdAt,
      actorName: privileged ? h.actorName : null,
      actorRole: privileged ? h.actorRole : null,
      reason: privileged ? h.reason : null,
      previous: privileged ? ((h.previous as Record<string, unknown> | null) ?? null) : null,
    }));
}

/** The issue for this viewer; texts translated into `language` (default: the viewer's own) where they are. */
export async function detailOf(db: Executor, principal: Principal | null, issue: IssueRow, language: Language | null = principal?.language ?? null) {
  const viewer = viewerOf(principal);
  const privileged = viewer.kind === 'official' || isAuthorCompany(viewer, issue);
  const party = viewer.kind === 'official' || isAuthorCompany(viewer, issue);
  // Independent reads run together (each is one round trip; a submit's answer waits for all of them).
  const [merged, parent, supports, supported, answer, unread, supportCounts, attachments] = await Promise.all([
    repo.mergedInto(db, issue.id),
    issue.mergedIntoId ? repo.findIssue(db, issue.mergedIntoId) : null,
    repo.supportsOf(db, [issue.id]),
    viewer.kind === 'company' ? repo.supportedBy(db, viewer.companyId, [issue.id]) : new Set<string>(),
    repo.findAnswer(db, issue.id),
    party ? repo.unreadMessageCounts(db, [issue.id], viewer.kind === 'company') : new Map<string, number>(),
    supportCountsFor(db, viewer, [issue]),
    repo.attachmentsOf(db, issue.id),
  ]);
  const children = merged.filter((c) => canSeeIssue(viewer, c));
  const [history, names] = await Promise.all([
    repo.historyOf(db, [issue.id, ...children.map((c) => c.id)]),
    repo.organizationNames(db, [issue.companyId, ...children.map((c) => c.companyId), ...supports.map((s) => s.companyId)]),
  ]);
  const known = await knownOthers(db, viewer, history);
  const showAnswer = answer && (answer.releasedAt || viewer.kind === 'official');
  const namesSupporters = canSeeCompany(viewer, issue);

  const translated = await translationsFor(db, [issueOriginal(issue)], language);
  const answerTranslation = showAnswer ? ((await translationsFor(db, [answerOriginal(answer)], language)).get(issue.id) ?? null) : null;
  return {
    ...issueSummary(viewer, issue, names, supported, unread, parent && canSeeIssue(viewer, parent) ? new Set([parent.id]) : new Set(), supportCounts),
    translation: translated.get(issue.id) ?? null,
    body: issue.body,
    desiredOutcome: issue.desiredOutcome,
    // Placed on a draft agenda before any release (maybe of a draft round-table): not for others to know.
    roundTableId: privileged ? issue.roundTableId : null,
    updatedAt: issue.updatedAt,
    commands: principal ? availableCommands(issue.state, actorKindOf(principal, issue)) : [],
    history: historyFor(
      privileged,
      history.filter((h) => h.issueId === issue.id),
      known,
    ),
    attachments,
    supporters: supports.map((s) => {
      const ours = viewer.kind === 'company' && viewer.companyId === s.companyId;
      const named = namesSupporters || ours;
      return { company: named ? (names.get(s.companyId) ?? null) : null, comment: named ? s.comment : '', ours, createdAt: s.createdAt };
    }),
    answer: showAnswer
      ? {
          text: answer.text,
          language: answer.language,
          translation: answerTranslation,
          department: answer.department,
          timeFrame: answer.timeFrame,
          releasedAt: answer.releasedAt,
          updatedAt: answer.updatedAt,
        }
      : null,
    mergedInto: parent && (privileged || canSeeIssue(viewer, parent)) ? { id: parent.id, title: canSeeIssue(viewer, parent) ? parent.title : null } : null,
    merged: children.map((c) => {
      const own = viewer.kind === 'official' || isAuthorCompany(viewer, c);
      return {
        id: c.id,
        title: c.title,
        body: c.body,
        visibility: c.visibility,
        language: c.language,
        company: canSeeCompany(viewer, c) ? (names.get(c.companyId) ?? null) : null,
        history: historyFor(
          own,
          history.filter((h) => h.issueId === c.id),
          known,
        ),
      };
    }),
  };
}
export type IssueDetail = Awaited<ReturnType<typeof detailOf>>;
