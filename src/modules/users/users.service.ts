// Rules about accounts: who may see and change whom, and what a role requires.
import type { Db, Executor, Tx } from '../../db/client.js';
import { badRequest, forbidden, notFound } from '../../lib/errors.js';
import { ROLE_ORGANIZATION_KIND, type Language, type Principal, type Role } from '../../lib/principal.js';
import { isValidZone } from '../../lib/time.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { signalUser } from '../notifications/notifications.links.js';
import { revokeAllSessions } from '../auth/auth.links.js';
import { findOrganization } from '../organizations/organizations.links.js';
import * as repo from './users.repo.js';

export function assertValidZone(zone: string): void {
  if (!isValidZone(zone)) throw badRequest('INVALID_TIME_ZONE', `Unknown time zone "${zone}"; use an IANA name such as Asia/Shanghai`, { zone });
}

/** A role must come with an organization of the matching kind (attendees: any organization or none). */
export async function assertRoleFitsOrganization(db: Executor, role: Role, organizationId: string | null): Promise<void> {
  const required = ROLE_ORGANIZATION_KIND[role];
  if (!organizationId) {
    if (required) throw badRequest('ORGANIZATION_REQUIRED', `The ${role} role needs an organization of kind ${required}`, { role, kind: required });
    return;
  }
  const kind = await repo.findOrganizationKind(db, organizationId);
  if (!kind) throw notFound('ORGANIZATION_NOT_FOUND', 'No such organization');
  if (required && kind !== required) {
    throw badRequest('ROLE_ORGANIZATION_MISMATCH', `The ${role} role needs an organization of kind ${required}, not ${kind}`, { role, kind });
  }
}

export async function updateMe(db: Db, me: Principal, patch: { displayName?: string; language?: Language; timeZone?: string }) {
  if (patch.timeZone !== undefined) assertValidZone(patch.timeZone);
  const row = await repo.updateUser(db, me.userId, patch);
  if (!row) throw notFound('USER_NOT_FOUND', 'No such user');
  return row;
}

export function listUsers(db: Db, lang: Language = 'en') {
  return repo.listUserRows(db, lang);
}

/** Ends every session of the user and tells live connections to drop them, in one transaction. */
async function cutAccess(tx: Tx, userId: string, reason: string, actorId: string) {
  await revokeAllSessions(tx, userId);
  await signalUser(tx, userId, 'access.revoked', { reason }, actorId);
}

/** The platform's audit trail (organizers): who changed someone's role or access. */
const record = (tx: Tx, actor: Principal, type: 'account.role_changed' | 'account.deactivated' | 'account.reactivated', data: Record<string, unknown>) =>
  queueEvent(tx, { stream: streamOf.platform(), type, data, actorId: actor.userId });

export async function setActive(db: Db, actor: Principal, userId: string, active: boolean) {
  if (userId === actor.userId) throw forbidden('You cannot deactivate yourself', 'CANNOT_DEACTIVATE_SELF');
  return db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) throw notFound('USER_NOT_FOUND', 'No such user');
    const row = (await repo.setDeactivated(tx, userId, !active))!;
    if (!active) await cutAccess(tx, userId, 'deactivated', actor.userId);
    if ((before.deactivatedAt === null) !== active) {
      await record(tx, actor, active ? 'account.reactivated' : 'account.deactivated', { user: { id: row.id, displayName: row.displayName } });
    }
    return row;
  });
}

export async function changeRole(db: Db, actor: Principal, userId: string, change: { role: Role; organizationId: string | null }) {
  if (userId === actor.userId) throw forbidden('You cannot change your own role', 'CANNOT_CHANGE_OWN_ROLE');
  return db.transaction(async (tx) => {
    await assertRoleFitsOrganization(tx, change.role, change.organizationId);
    const before = await repo.findUserById(tx, userId);
    if (!before) throw notFound('USER_NOT_FOUND', 'No such user');
    const row = (await repo.updateUser(tx, userId, change))!;
    // Live subscriptions were authorized for the old role: make the user reconnect under the new one.
    if (before.role !== row.role || before.organizationId !== row.organizationId) {
      await signalUser(tx, userId, 'access.changed', { role: row.role }, actor.userId);
      await record(tx, actor, 'account.role_changed', {
        user: { id: row.id, displayName: row.displayName },
        role: row.role,
        organizationId: row.organizationId,
      });
    }
    return row;
  });
}

/** The signed-in user with their organization, as the web client's header shows it. */
export async function getMe(db: Db, me: Principal) {
  const user = await repo.findUserById(db, me.userId);
  if (!user) throw notFound('USER_NOT_FOUND', 'No such user');
  const organization = user.organizationId ? await findOrganization(db, user.organizationId) : null;
  return { user, organization };
}
