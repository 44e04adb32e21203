// Sessions: issued at sign-in or on accepting an invitation, listed for their owner. Tokens are
// random, stored hashed, expiring and revocable.
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../lib/principal.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { deleteEndedSessions, findPrincipalBySessionHash, insertSignInSession, listActiveSessions } from './sessions.repo.js';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  principal: Principal;
}

export async function issueSession(db: Db, config: Config, userId: string, userAgent: string | null): Promise<IssuedSession> {
  const token = newToken();
  const expiresAt = DateTime.utc().plus({ hours: config.sessionTtlHours }).toJSDate();
  await insertSignInSession(db, { userId, tokenHash: hashToken(token), expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  const principal = await findPrincipalBySessionHash(db, hashToken(token));
  return { token, expiresAt, principal: principal! };
}

/** The principal's active sessions, marking the one it is using. */
export async function listSessions(db: Db, me: Principal) {
  const rows = await listActiveSessions(db, me.userId);
  return rows.map((s) => ({ ...s, current: s.id === me.sessionId }));
}

/** Retention: sessions ended (expired or revoked) more than `keepDays` ago are deleted. */
export function purgeEndedSessions(db: Db, keepDays: number): Promise<number> {
  return deleteEndedSessions(db, keepDays);
}
