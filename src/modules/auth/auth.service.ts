// Sign-in, sign-out and token authentication. Session tokens are random, stored hashed, expiring, revocable.
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword, needsRehash, verifyPassword, type ScryptCost } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { hashToken } from '../../lib/tokens.js';
import { signalUser } from '../notifications/notifications.links.js';
import { findUserByEmail, getMe, setPasswordHash } from '../users/users.links.js';
import { findPrincipalBySessionHash, revokeSession } from './sessions.repo.js';
import { issueSession, type IssuedSession } from './sessions.service.js';

const dummyHashes = new Map<number, Promise<string>>();
/** Verifying against a throwaway hash of the current cost makes unknown emails cost as much as wrong passwords. */
const dummy = (cost: ScryptCost) => {
  const key = cost.N * 1000 + cost.r * 10 + cost.p;
  let hash = dummyHashes.get(key);
  if (!hash) dummyHashes.set(key, (hash = hashPassword('not-a-real-password', cost)));
  return hash;
};

export async function signIn(db: Db, config: Config, input: { email: string; password: string; userAgent: string | null }): Promise<IssuedSession> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummy(config.passwordCost)));
  if (!user || !ok) throw new AppError(401, 'INVALID_CREDENTIALS', 'Email or password is not correct');
  if (user.deactivatedAt) throw new AppError(403, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated');
  // Hashed with other parameters (older, weaker): replace the hash now that we know the password. Before
  // answering, so the next sign-in already uses it; this costs one hash once per account.
  if (needsRehash(user.passwordHash, config.passwordCost)) {
    await setPasswordHash(db, user.id, await hashPassword(input.password, config.passwordCost));
  }
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
