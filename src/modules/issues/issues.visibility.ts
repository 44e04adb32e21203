// Who may see an issue, and whether its author company may be named. One place, used by every
// list, detail, search, similar-issue result, export, feed row and event projection.
import { and, eq, inArray, ne, notInArray, or, type SQL } from 'drizzle-orm';
import type { Principal } from '../../lib/principal.js';
import { issues } from '../../db/schema/index.js';
import { PUBLISHED_STATES, type IssueState, type Visibility } from './issues.state-machine.js';

/** The viewer as far as issue visibility goes. */
export type Viewer = { kind: 'official' } | { kind: 'company'; companyId: string } | { kind: 'other' };

export function viewerOf(p: Principal | null): Viewer {
  if (p?.role === 'official') return { kind: 'official' };
  if (p?.role === 'company_rep' && p.organizationId) return { kind: 'company', companyId: p.organizationId };
  return { kind: 'other' };
}

export const PUBLIC_VIEWER: Viewer = { kind: 'other' };

interface Row {
  companyId: string;
  visibility: Visibility;
  state: IssueState;
}

/** Visible to everyone (companies other than the author, attendees, strangers). */
export function listedForEveryone(issue: Pick<Row, 'visibility' | 'state'>): boolean {
  if (issue.visibility === 'public') return issue.state !== 'draft' && issue.state !== 'withdrawn';
  if (issue.visibility === 'anonymous') return PUBLISHED_STATES.includes(issue.state);
  return false;
}

export const isAuthorCompany = (viewer: Viewer, issue: Pick<Row, 'companyId'>) => viewer.kind === 'company' && viewer.companyId === issue.companyId;

export function canSeeIssue(viewer: Viewer, issue: Row): boolean {
  if (isAuthorCompany(viewer, issue)) return true;
  // Drafts are the company's own business until submitted.
  if (viewer.kind === 'official') return issue.state !== 'draft';
  return listedForEveryone(issue);
}

/** Whether the viewer may learn which company wrote it (and who supports it). */
export function canSeeCompany(viewer: Viewer, issue: Row): boolean {
  if (viewer.kind === 'official' || isAuthorCompany(viewer, issue)) return true;
  return issue.visibility === 'public' && listedForEveryone(issue);
}

/** The SQL form of `listedForEveryone`. */
export function listedForEveryoneSql(): SQL {
  return or(
    and(eq(issues.visibility, 'public'), notInArray(issues.state, ['draft', 'withdrawn'])),
    and(eq(issues.visibility, 'anonymous'), inArray(issues.state, [...PUBLISHED_STATES])),
  )!;
}

/** The SQL form of `canSeeIssue`. */
export function visibleToSql(viewer: Viewer): SQL {
  if (viewer.kind === 'official') return ne(issues.state, 'draft');
  if (viewer.kind === 'company') return or(eq(issues.companyId, viewer.companyId), listedForEveryoneSql())!;
  return listedForEveryoneSql();
}
