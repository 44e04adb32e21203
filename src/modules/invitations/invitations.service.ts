// Invitations: an organizer or official invites someone by email to an organization and role;
// the single-use, expiring link lets the invitee choose a password and become a user.
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { conflict, forbidden, isUniqueViolation, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { Language, Principal, Role } from '../../lib/principal.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { issueSession } from '../auth/auth.links.js';
import { queueAccountMail, withdrawAccountMail } from '../notifications/notifications.links.js';
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

type Sender = Pick<Principal, 'language' | 'timeZone'>;

/** The platform's audit trail (organizers): who invited whom, resent or took an invitation back. */
const record = (
  tx: Tx,
  actor: Principal,
  type: 'invitation.sent' | 'invitation.resent' | 'invitation.revoked',
  invitation: { id: string; email: string; role: Role },
  extra = {},
) =>
  queueEvent(tx, {
    stream: streamOf.platform(),
    type,
    data: { invitation: { id: invitation.id, email: invitation.email, role: invitation.role }, ...extra },
    actorId: actor.userId,
  });

/** The invitation e-mail, queued in the caller's transaction (any earlier one to the address is withdrawn). */
async function mailInvitation(
  tx: Tx,
  config: Config,
  sender: Sender,
  invitation: { email: string; role: Role; language: Language; expiresAt: Date },
  token: string,
) {
  await withdrawAccountMail(tx, invitation.email, ['account.invitation']);
  await queueAccountMail(tx, {
    kind: 'account.invitation',
    toAddress: invitation.email,
    language: invitation.language,
    timeZone: sender.timeZone,
    params: { url: invitationLink(config, token), role: invitation.role, expiresAt: invitation.expiresAt.toISOString() },
  });
}

/** Invites someone (and e-mails them); a second invitation to the same address replaces the first. */
export async function invite(
  db: Db,
  config: Config,
  actor: Principal,
  input: { email: string; role: Role; organizationId: string | null; language?: Language | undefined },
) {
  const email = input.email.toLowerCase();
  assertMayInvite(actor, input.role, input.organizationId);
  await assertRoleFitsOrganization(db, input.role, input.organizationId);
  if (await findUserByEmail(db, email)) throw conflict('EMAIL_TAKEN', `${email} already has an account`, { email });
  const token = newToken();
  try {
    const invitation = await db.transaction(async (tx) => {
      const replaced = await repo.revokeOpenTo(tx, email);
      const row = await repo.insertInvitation(tx, {
        email,
        role: input.role,
        // The invitee has no account yet: their e-mail is in the language the inviter chose, else the inviter's.
        language: input.language ?? actor.language,
        organizationId: input.organizationId,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: DateTime.utc().plus({ hours: config.invitationTtlHours }).toJSDate(),
      });
      await mailInvitation(tx, config, actor, row, token);
      await record(tx, actor, 'invitation.sent', row, { replaced: replaced > 0 });
      return { ...row, replaced };
    });
    return { ...invitation, link: invitationLink(config, token) };
  } catch (err) {
    // Two invitations to one address at the same moment: the partial unique index lets one through.
    if (isUniqueViolation(err)) throw conflict('INVITATION_IN_PROGRESS', `${email} is being invited right now; try again`);
    throw err;
  }
}

export function listInvitations(db: Db, actor: Principal) {
  return repo.listInvitationRows(db, actor.role === 'organizer' ? undefined : actor.userId);
}

/** A fresh link (the old one stops working), a new expiry and the e-mail again. */
export async function resend(db: Db, config: Config, actor: Principal, id: string) {
  const token = newToken();
  const invitation = await db.transaction(async (tx) => {
    const row = await repo.renewInvitation(
      tx,
      id,
      hashToken(token),
      DateTime.utc().plus({ hours: config.invitationTtlHours }).toJSDate(),
      actor.role === 'organizer' ? undefined : actor.userId,
    );
    if (!row) throw notFound('INVITATION_NOT_FOUND', 'No such open invitation of yours');
    await mailInvitation(tx, config, actor, row, token);
    await record(tx, actor, 'invitation.resent', row);
    return row;
  });
  return { ...invitation, link: invitationLink(config, token) };
}

export async function revoke(db: Db, actor: Principal, id: string) {
  await db.transaction(async (tx) => {
    const done = await repo.revokeInvitation(tx, id, actor.role === 'organizer' ? undefined : actor.userId);
    if (!done) throw notFound('INVITATION_NOT_FOUND', 'No such open invitation of yours');
    await withdrawAccountMail(tx, done.email, ['account.invitation']);
    await record(tx, actor, 'invitation.revoked', done);
  });
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
  const passwordHash = await hashPassword(input.password, config.passwordCost);
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
export const newMemberView = getMe;

/** Retention: open links that expired or were revoked more than `keepDays` ago are deleted (accepted ones stay: they record who invited whom). */
export function purgeEndedInvitations(db: Db, keepDays: number): Promise<number> {
  return repo.deleteEndedInvitations(db, keepDays);
}
