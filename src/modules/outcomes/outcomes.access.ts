// Who may see and change outcomes. Reads the round-table and issue rules through their modules'
// contracts: staff (chair, officials of the host) write; a decision, its actions and progress are
// visible to whoever may view the round-table and see every issue the decision is about.
import type { Executor } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound, type ErrorCode } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { isRegistered, isStaffOf, mayView } from '../roundtables/roundtables.access.js';
import { agendaSlotsOf, findRoundTableRecord, type AgendaSlotRecord, type RoundTableRecord } from '../roundtables/roundtables.links.js';
import { canSeeCompany, canSeeIssue, issueRecords, listedForEveryone, viewerOf, type IssueRecord } from '../issues/issues.links.js';

export type { AgendaSlotRecord, IssueRecord, RoundTableRecord };
export { listedForEveryone, mayView, isStaffOf };

export const roundTableNotFound = () => notFound('ROUND_TABLE_NOT_FOUND', 'No such round-table');

/** The round-table if the viewer may view it (404 otherwise, so drafts do not exist for strangers). */
export async function loadRoundTable(db: Executor, viewer: Principal | null, id: string): Promise<{ rt: RoundTableRecord; staff: boolean }> {
  const rt = await findRoundTableRecord(db, id);
  if (!rt || !mayView(viewer, rt)) throw roundTableNotFound();
  return { rt, staff: isStaffOf(viewer, rt) };
}

/** A slot of the round-table's agenda (sections are not slots). */
export async function loadSlot(db: Executor, roundTableId: string, slotId: string): Promise<AgendaSlotRecord> {
  const slot = (await agendaSlotsOf(db, roundTableId)).find((s) => s.id === slotId && s.kind !== 'section');
  if (!slot) throw notFound('SLOT_NOT_FOUND', 'No such agenda slot in this round-table');
  return slot;
}

export function requireStaff(staff: boolean): void {
  if (!staff) throw forbidden('Only the chair and the officials of the host organization record outcomes', 'OUTCOMES_STAFF_ONLY');
}

/** Outcomes are recorded during the session and after it. */
export function requireHeld(rt: RoundTableRecord): void {
  if (rt.status !== 'live' && rt.status !== 'concluded') {
    throw conflict('ROUND_TABLE_NOT_HELD', 'Outcomes are recorded once the round-table has started', { status: rt.status });
  }
}

export const isOfficial = (viewer: Principal | null) => viewer?.role === 'official';

/** A decision about these issues is visible to the viewer when every one of them is. */
export function seesAll(viewer: Principal | null, issues: IssueRecord[]): boolean {
  const v = viewerOf(viewer);
  return issues.every((i) => canSeeIssue(v, i));
}

/** Whether the viewer may know which companies the issues came from (no anonymous/confidential author). */
export function knowsCompanies(viewer: Principal | null, issues: IssueRecord[]): boolean {
  const v = viewerOf(viewer);
  return issues.every((i) => canSeeCompany(v, i));
}

export { canSeeCompany, canSeeIssue, viewerOf };

export async function issuesById(db: Executor, ids: string[]): Promise<Map<string, IssueRecord>> {
  return new Map((await issueRecords(db, ids)).map((i) => [i.id, i]));
}

/** May comment on circulated minutes: staff, confirmed registrants, members of companies with an issue on the slot. */
export async function mayComment(db: Executor, viewer: Principal | null, rt: RoundTableRecord, slot: AgendaSlotRecord): Promise<boolean> {
  if (!viewer) return false;
  if (isStaffOf(viewer, rt)) return true;
  if (viewer.organizationId && slot.issueIds.length) {
    const issues = await issueRecords(db, slot.issueIds);
    if (issues.some((i) => i.companyId === viewer.organizationId)) return true;
  }
  return isRegistered(db, viewer.userId, rt.id);
}

export const notVisible = (code: ErrorCode, what: string) => new AppError(404, code, `No such ${what}`);
