// Projects decisions, actions and progress for one viewer: what they may see, and whom they may
// know. Every read path (outcomes page, action, chain, board, open data) goes through here.
import type { Executor } from '../../db/client.js';
import { isOrganizerOrOfficial, type Language, type Principal } from '../../lib/principal.js';
import { onlyFields, translationsFor, type Original, type TranslationView } from '../translations/translations.links.js';
import { issueOriginal } from '../issues/issues.links.js';
import { namesOf } from '../../lib/i18n.js';
import { canSeeCompany, isOfficial, issuesById, knowsCompanies, seesAll, viewerOf, type IssueRecord, type RoundTableRecord } from './outcomes.access.js';
import * as repo from './outcomes.repo.js';
import type { ActionView, DecisionView } from './outcomes.schemas.js';
import { daysLeft, isOverdue } from './pledge.js';

type OrgNames = Map<string, { nameEn: string; nameJa: string; nameZh: string }>;

export interface PersonLike {
  id: string;
  displayName: string;
  role: string;
}

/** A person's role always; their name when they act for the government or organizers, or when `nameable`. */
export function personRef(p: PersonLike | undefined, viewer: Principal | null, nameable: boolean) {
  if (!p) return { role: 'system', displayName: null };
  const named = isOrganizerOrOfficial(p) || nameable || viewer?.userId === p.id || isOfficial(viewer);
  return { role: p.role, displayName: named ? p.displayName : null };
}

/** An issue as outcomes name it; `translations`: translations into the reader's language keyed by issue id (issueTranslations). */
export function issueRef(viewer: Principal | null, issue: IssueRecord, names: OrgNames, translations: Map<string, TranslationView>) {
  const known = canSeeCompany(viewerOf(viewer), issue);
  return {
    id: issue.id,
    title: issue.title,
    language: issue.language,
    translation: onlyFields(translations.get(issue.id), ['title']),
    state: issue.state,
    category: issue.category,
    visibility: issue.visibility,
    companyName: known ? (names.get(issue.companyId)?.nameEn ?? null) : null,
    company: known ? namesOf(names.get(issue.companyId)) : null,
  };
}

/** Everything needed to project a set of decisions, loaded in a few queries. */
export interface Loaded {
  issues: Map<string, IssueRecord>;
  actions: repo.ActionRow[];
  progress: repo.ProgressRow[];
  people: Map<string, repo.PersonRow>;
  orgs: Map<string, repo.OrganizationRow>;
  /** Translations into the reader's language, keyed by decision, action or issue id. */
  translations: Map<string, TranslationView>;
}

export const decisionOriginal = (d: Pick<repo.DecisionRow, 'id' | 'language' | 'text'>): Original => ({
  kind: 'decision',
  textId: d.id,
  issueId: null,
  language: d.language,
  fields: { text: d.text },
});
export const actionOriginal = (a: Pick<repo.ActionRow, 'id' | 'language' | 'description'>): Original => ({
  kind: 'action',
  textId: a.id,
  issueId: null,
  language: a.language,
  fields: { description: a.description },
});

export async function loadFor(
  db: Executor,
  decisions: repo.DecisionRow[],
  { withProgress = true, language = null }: { withProgress?: boolean; language?: Language | null } = {},
): Promise<Loaded> {
  const issues = await issuesById(
    db,
    decisions.flatMap((d) => d.issueIds),
  );
  const actions = await repo.actionsOfDecisions(
    db,
    decisions.map((d) => d.id),
  );
  const progress = withProgress
    ? await repo.progressOf(
        db,
        actions.map((a) => a.id),
      )
    : [];
  const people = await repo.people(db, [...decisions.map((d) => d.createdBy), ...actions.map((a) => a.ownerUserId), ...progress.map((p) => p.authorId)]);
  const orgs = await repo.organizationsById(db, [...actions.map((a) => a.ownerOrganizationId), ...[...issues.values()].map((i) => i.companyId)]);
  const translations = await translationsFor(
    db,
    [...decisions.map(decisionOriginal), ...actions.map(actionOriginal), ...[...issues.values()].map(issueOriginal)],
    language,
  );
  return { issues, actions, progress, people, orgs, translations };
}

/** The issues' translations into the reader's language (for issueRef), keyed by issue id. */
export const issueTranslations = (db: Executor, issues: IssueRecord[], language: Language | null) => translationsFor(db, issues.map(issueOriginal), language);

export const issuesOf = (d: repo.DecisionRow, loaded: Pick<Loaded, 'issues'>) =>
  d.issueIds.map((id) => loaded.issues.get(id)).filter((i): i is IssueRecord => !!i);

/** Whether the viewer may see the decision (and so its actions): every linked issue visible. */
export const decisionVisible = (viewer: Principal | null, d: repo.DecisionRow, loaded: Pick<Loaded, 'issues'>) => {
  const issues = issuesOf(d, loaded);
  return issues.length === d.issueIds.length && seesAll(viewer, issues);
};

/** An owner company is named only to viewers who may know the linked issues' companies (or who are that company). */
export function ownerShown(viewer: Principal | null, org: repo.OrganizationRow | undefined, issues: IssueRecord[]): boolean {
  if (!org) return false;
  return org.kind !== 'company' || isOfficial(viewer) || viewer?.organizationId === org.id || knowsCompanies(viewer, issues);
}

export function actionView(
  viewer: Principal | null,
  a: repo.ActionRow,
  issues: IssueRecord[],
  loaded: Pick<Loaded, 'people' | 'orgs' | 'progress'> & Partial<Pick<Loaded, 'translations'>>,
  staff: boolean,
  now: Date,
): ActionView {
  const org = loaded.orgs.get(a.ownerOrganizationId);
  const shown = ownerShown(viewer, org, issues);
  const owner = a.ownerUserId ? loaded.people.get(a.ownerUserId) : undefined;
  const closed = a.status === 'done' || a.status === 'dropped';
  return {
    id: a.id,
    decisionId: a.decisionId,
    roundTableId: a.roundTableId,
    description: a.description,
    language: a.language,
    translation: loaded.translations?.get(a.id) ?? null,
    ownerOrganization: shown && org ? { id: org.id, nameEn: org.nameEn, nameJa: org.nameJa, nameZh: org.nameZh } : null,
    ownerUser: shown && owner ? { id: owner.id, displayName: owner.displayName } : null,
    dueDate: a.dueDate,
    timeZone: a.timeZone,
    status: a.status,
    droppedReason: a.droppedReason,
    droppedReasonLanguage: a.droppedReasonLanguage,
    percent: a.percent,
    overdue: isOverdue(a.status, a.dueDate, a.timeZone, now),
    daysLeft: daysLeft(a.dueDate, a.timeZone, now),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    progress: loaded.progress
      .filter((p) => p.actionId === a.id)
      .map((p) => ({
        id: p.id,
        percent: p.percent,
        publicText: p.publicText,
        language: p.language,
        ...(isOfficial(viewer) && p.internalNote !== null ? { internalNote: p.internalNote } : {}),
        createdAt: p.createdAt,
        author: personRef(loaded.people.get(p.authorId), viewer, shown),
      })),
    canUpdate: !closed && (staff || (!!viewer?.organizationId && viewer.organizationId === a.ownerOrganizationId)),
  };
}

/** The decisions the viewer may see, projected, with their actions. `staffOf` says per round-table whether the viewer is staff. */
export function decisionViews(
  viewer: Principal | null,
  decisions: repo.DecisionRow[],
  loaded: Loaded,
  staffOf: (roundTableId: string) => boolean,
  now: Date,
): DecisionView[] {
  return decisions
    .filter((d) => decisionVisible(viewer, d, loaded))
    .map((d) => {
      const issues = issuesOf(d, loaded);
      return {
        id: d.id,
        roundTableId: d.roundTableId,
        slotId: d.slotId,
        text: d.text,
        kind: d.kind,
        department: d.department,
        reason: d.reason,
        language: d.language,
        translation: loaded.translations.get(d.id) ?? null,
        issues: issues.map((i) => issueRef(viewer, i, loaded.orgs, loaded.translations)),
        createdAt: d.createdAt,
        createdBy: personRef(loaded.people.get(d.createdBy), viewer, false),
        actions: loaded.actions.filter((a) => a.decisionId === d.id).map((a) => actionView(viewer, a, issues, loaded, staffOf(d.roundTableId), now)),
      };
    });
}

export type { RoundTableRecord };
