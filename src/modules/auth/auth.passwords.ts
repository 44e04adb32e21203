// Changing a password (signed in, the current one required; every other session ends) and resetting
// a forgotten one by an e-mailed link (single use, expiring; the same answer whether the address has
// an account or not, so the form cannot be used to find out who has one).
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { badRequest, forbidden } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { queueAccountMail, signalUser } from '../notifications/notifications.links.js';
import { findUserByEmail, setPasswordHash } from '../users/users.links.js';
import * as repo from './sessions.repo.js';

export async function changePassword(db: Db, config: Config, actor: Principal, input: { currentPassword: string; newPassword: string }) {
  const user = await findUserByEmail(db, actor.email);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw forbidden('The current password is not correct', 'WRONG_PASSWORD');
  }
  const passwordHash = await hashPassword(input.newPassword, config.passwordCost);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, actor.userId, passwordHash);
    // Every other device signs in again; their live sockets close now.
    for (const sessionId of await repo.revokeOtherSessions(tx, actor.userId, actor.sessionId)) {
      await signalUser(tx, actor.userId, 'session.revoked', { sessionId }, actor.userId);
    }
    await repo.retirePasswordResets(tx, actor.userId);
  });
}

export const resetLink = (config: Config, token: string) => `${config.publicUrl}/#/reset-password/${token}`;

/**
 * Queues the e-mail with a reset link if the address has an active account; answers the same either
 * way, after the same work (a token made and hashed, a transaction), so the time does not tell either.
 */
export async function requestPasswordReset(db: Db, config: Config, email: string): Promise<void> {
  const found = await findUserByEmail(db, email);
  const user = found && !found.deactivatedAt ? found : null;
  const token = newToken();
  const tokenHash = hashToken(token);
  const expiresAt = DateTime.utc().plus({ minutes: config.mail.passwordResetTtlMinutes }).toJSDate();
  await db.transaction(async (tx) => {
    if (!user) return;
    await repo.insertPasswordReset(tx, { userId: user.id, tokenHash, expiresAt });
    await queueAccountMail(tx, {
      kind: 'account.password_reset',
      toAddress: user.email,
      language: user.language,
      timeZone: user.timeZone,
      userId: user.id,
      params: { url: resetLink(config, token), expiresAt: expiresAt.toISOString() },
    });
  });
}

/** Sets a new password from a reset link: once, before it expires; every session of the account ends. */
export async function resetPassword(db: Db, config: Config, token: string, newPassword: string): Promise<void> {
  const passwordHash = await hashPassword(newPassword, config.passwordCost);
  await db.transaction(async (tx) => {
    const userId = await repo.claimPasswordReset(tx, hashToken(token));
    if (!userId) throw badRequest('RESET_LINK_INVALID', 'This reset link is unknown, used or expired');
    await setPasswordHash(tx, userId, passwordHash);
    await repo.retirePasswordResets(tx, userId);
    await repo.revokeOtherSessions(tx, userId, null);
    await signalUser(tx, userId, 'access.revoked', { reason: 'password_reset' }, null);
  });
}
