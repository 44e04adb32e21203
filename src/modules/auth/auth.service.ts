// Sign-in, sign-out and token authentication. Session tokens are random, stored hashed, expiring, revocable.
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { hashToken } from '../../lib/tokens.js';
import { signalUser } from '../notifications/notifications.links.js';
import { findUserByEmail, getMe } from '../users/users.links.js';
import { findPrincipalBySessionHash, revokeSession } from './sessions.repo.js';
import { issueSession, type IssuedSession } from './sessions.service.js';

let dummyHash: Promise<string> | undefined;
/** Verifying against a throwaway hash makes unknown emails cost as much as wrong passwords. */
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password'));

export async function signIn(db: Db, config: Config, input: { email: string; password: string; userAgent: string | null }): Promise<IssuedSession> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummy()));
  if (!user || !ok) throw new AppError(401, 'INVALID_CREDENTIALS', 'Email or password is not correct');
  if (user.deactivatedAt) throw new AppError(403, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated');
  return issueSession(db, config, user.id, input.userAgent);
}

export function authenticate(db: Db, token: string): Promise<Principal | null> {
  return findPrincipalBySessionHash(db, hashToken(token));
}

/** Revokes one of the principal's sessions (its own by default) and tells live connections using it to close. */
export async function endSession(db: Db, principal: Principal, sessionId = principal.sessionId): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await revokeSession(tx, sessionId, principal.userId);
    if (revoked) {
      await signalUser(tx, principal.userId, 'session.revoked', { sessionId }, principal.userId);
    }
    return revoked;
  });
}

/** What the signed-in person sees of themself (the answer to sign-in and GET /api/me). */
export const meOf = (db: Db, principal: Principal) => getMe(db, principal);

export { listSessions } from './sessions.service.js';
export type { IssuedSession } from './sessions.service.js';
