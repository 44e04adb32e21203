// Invitations: an organizer or official invites someone by email to an organization and role;
// the single-use, expiring link lets the invitee choose a password and become a user.
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { Language, Principal, Role } from '../../lib/principal.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { issueSession } from '../auth/auth.links.js';
import { assertRoleFitsOrganization, assertValidZone, findUserByEmail, getMe, insertUser } from '../users/users.links.js';
import * as repo from './invitations.repo.js';

/** Officials bring in colleagues, companies and attendees; only organizers create organizers. */
function assertMayInvite(actor: Principal, role: Role, organizationId: string | null) {
  if (actor.role === 'organizer') return;
  if (role === 'organizer') throw forbidden('Only organizers can invite organizers');
  if (role === 'official' && organizationId !== actor.organizationId) {
    throw forbidden('Officials can invite officials to their own organization only');
  }
}

export const invitationLink = (config: Config, token: string) => `${config.publicUrl}/#/invite/${token}`;

export async function invite(db: Db, config: Config, actor: Principal, input: { email: string; role: Role; organizationId: string | null }) {
  const email = input.email.toLowerCase();
  assertMayInvite(actor, input.role, input.organizationId);
  await assertRoleFitsOrganization(db, input.role, input.organizationId);
  if (await findUserByEmail(db, email)) throw conflict('EMAIL_TAKEN', `${email} already has an account`, { email });
  const token = newToken();
  const invitation = await repo.insertInvitation(db, {
    email,
    role: input.role,
    organizationId: input.organizationId,
    tokenHash: hashToken(token),
    invitedBy: actor.userId,
    expiresAt: DateTime.utc().plus({ hours: config.invitationTtlHours }).toJSDate(),
  });
  return { ...invitation, link: invitationLink(config, token) };
}

export function listInvitations(db: Db, actor: Principal) {
  return repo.listInvitations(db, actor.role === 'organizer' ? undefined : actor.userId);
}

export async function revoke(db: Db, actor: Principal, id: string) {
  const done = await repo.revokeInvitation(db, id, actor.role === 'organizer' ? undefined : actor.userId);
  if (!done) throw notFound('INVITATION_NOT_FOUND', 'No such open invitation of yours');
}

async function openInvitation(db: Db, token: string) {
  const invitation = await repo.findOpenInvitation(db, hashToken(token));
  if (!invitation) throw notFound('INVITATION_INVALID', 'This invitation link is unknown, used, revoked or expired');
  return invitation;
}

export async function preview(db: Db, token: string) {
  const { email, role, expiresAt, organization } = await openInvitation(db, token);
  return { email, role, expiresAt, organization };
}

export async function accept(
  db: Db,
  config: Config,
  token: string,
  input: { displayName: string; password: string; language: Language; timeZone: string },
  userAgent: string | null,
) {
  assertValidZone(input.timeZone);
  const invitation = await openInvitation(db, token);
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const created = await insertUser(tx, {
      email: invitation.email,
      displayName: input.displayName,
      passwordHash,
      role: invitation.role,
      organizationId: invitation.organizationId,
      language: input.language,
      timeZone: input.timeZone,
    });
    if (!created) throw conflict('EMAIL_TAKEN', `${invitation.email} already has an account`, { email: invitation.email });
    if (!(await repo.claimInvitation(tx, invitation.id, created.id))) {
      throw notFound('INVITATION_INVALID', 'This invitation link is unknown, used, revoked or expired');
    }
    return created;
  });
  return issueSession(db, config, user.id, userAgent);
}

/** What the new member sees of themself after accepting (the same view as sign-in). */
export const meOf = getMe;
