// Sign-in, sign-out and token authentication. Session tokens are random, stored hashed, expiring, revocable.
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { appendEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { findUserByEmail } from '../users/users.repo.js';
import { findPrincipalBySessionHash, insertSession, revokeSession } from './sessions.repo.js';

let dummyHash: Promise<string> | undefined;
/** Verifying against a throwaway hash makes unknown emails cost as much as wrong passwords. */
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password'));

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  principal: Principal;
}

export async function issueSession(db: Db, config: Config, userId: string, userAgent: string | null): Promise<IssuedSession> {
  const token = newToken();
  const expiresAt = DateTime.utc().plus({ hours: config.sessionTtlHours }).toJSDate();
  await insertSession(db, { userId, tokenHash: hashToken(token), expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  const principal = await findPrincipalBySessionHash(db, hashToken(token));
  return { token, expiresAt, principal: principal! };
}

export async function signIn(
  db: Db,
  config: Config,
  input: { email: string; password: string; userAgent: string | null },
): Promise<IssuedSession> {
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
      await appendEvent(tx, {
        stream: streamOf.userFeed(principal.userId),
        type: 'session.revoked',
        data: { sessionId },
        actorId: principal.userId,
      });
    }
    return revoked;
  });
}
