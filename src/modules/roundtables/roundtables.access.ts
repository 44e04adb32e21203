// Who may see and run a round-table. Exported for other modules (live sessions, outcomes).
//   staff:  the chair, or an official of the host organization; they see drafts and internal notes.
//   view:   drafts: staff only; otherwise audience `public`: anyone, `registered`: any signed-in user.
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import * as repo from './roundtables.repo.js';
import * as registrationsRepo from './registrations.repo.js';

type Access = Pick<repo.RoundTableRow, 'chairId' | 'hostOrganizationId' | 'status' | 'audience'>;

export function isStaffOf(viewer: Principal | null, rt: Access): boolean {
  if (!viewer) return false;
  return viewer.userId === rt.chairId || (viewer.role === 'official' && viewer.organizationId === rt.hostOrganizationId);
}

export function mayView(viewer: Principal | null, rt: Access): boolean {
  if (isStaffOf(viewer, rt)) return true;
  if (rt.status === 'draft') return false;
  return rt.audience === 'public' || viewer !== null;
}

export async function canViewRoundTable(db: Executor, viewer: Principal | null, id: string): Promise<boolean> {
  const rt = await repo.findRoundTable(db, id);
  return rt !== null && mayView(viewer, rt);
}

export async function isRoundTableStaff(db: Executor, viewer: Principal | null, id: string): Promise<boolean> {
  const rt = await repo.findRoundTable(db, id);
  return rt !== null && isStaffOf(viewer, rt);
}

/** Holds a confirmed seat (pending approval and waitlisted do not count). */
export async function isRegistered(db: Executor, userId: string, id: string): Promise<boolean> {
  const reg = await registrationsRepo.activeRegistration(db, id, userId);
  return reg?.status === 'confirmed';
}

/** The round-table if the viewer may see it; 404 otherwise (a hidden draft does not exist for them). */
export async function loadVisible(db: Executor, viewer: Principal | null, id: string, opts: { lock?: boolean } = {}) {
  const rt = await repo.findRoundTable(db, id, opts);
  if (!rt || !mayView(viewer, rt)) throw notFound('ROUND_TABLE_NOT_FOUND', 'No such round-table');
  return rt;
}

/** The round-table if the actor is its staff: 404 when they may not see it, 403 when they may only see it. */
export async function loadForStaff(db: Executor, actor: Principal, id: string, opts: { lock?: boolean } = {}) {
  const rt = await loadVisible(db, actor, id, opts);
  if (!isStaffOf(actor, rt)) throw forbidden('Only the chair and officials of the host organization can do this', 'NOT_ROUND_TABLE_STAFF');
  return rt;
}
