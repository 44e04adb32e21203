import { and, eq, gt, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organizations, passwordResets, sessions, users } from '../../db/schema/index.js';
import type { Principal } from '../../lib/principal.js';

/** The principal behind a live session token hash, or null (unknown, expired, revoked, deactivated). */
export function findPrincipalBySessionHash(db: Executor, tokenHash: string): Promise<Principal | null> {
  return findPrincipalWhere(db, eq(sessions.tokenHash, tokenHash));
}

/** The principal of a still valid session by its id (WebSocket tickets, re-checks of open sockets). */
export function findPrincipalBySessionId(db: Executor, sessionId: string): Promise<Principal | null> {
  return findPrincipalWhere(db, eq(sessions.id, sessionId));
}

async function findPrincipalWhere(db: Executor, condition: SQL): Promise<Principal | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      organizationId: users.organizationId,
      organizationKind: organizations.kind,
      language: users.language,
      timeZone: users.timeZone,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(condition, isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), isNull(users.deactivatedAt)))
    .limit(1);
  return row ?? null;
}

export async function insertSignInSession(db: Executor, values: { userId: string; tokenHash: string; expiresAt: Date; userAgent: string | null }) {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  return row!;
}

export async function revokeSession(db: Executor, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function revokeAllSessions(db: Executor, userId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Ends every session of the user except `keepId`; returns the ids it ended. */
export async function revokeOtherSessions(db: Executor, userId: string, keepId: string | null): Promise<string[]> {
  const where = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepId) where.push(ne(sessions.id, keepId));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(...where))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

// Password resets ------------------------------------------------------------------------------

export async function insertPasswordReset(db: Executor, values: { userId: string; tokenHash: string; expiresAt: Date }) {
  await db.insert(passwordResets).values(values);
}

/** Uses the link once: only an unused, unexpired one is claimed (single use even under concurrency). */
export async function claimPasswordReset(db: Executor, tokenHash: string): Promise<string | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning({ userId: passwordResets.userId });
  return row?.userId ?? null;
}

/** Other open links of the user stop working once one is used. */
export async function retirePasswordResets(db: Executor, userId: string): Promise<void> {
  await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export async function listActiveSessions(db: Executor, userId: string) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sessions.createdAt);
}

/** Deletes sessions that expired or were revoked more than `keepDays` ago (their tickets go with them). */
export async function deleteEndedSessions(db: Executor, keepDays: number): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(sql`coalesce(least(${sessions.revokedAt}, ${sessions.expiresAt}), ${sessions.expiresAt}) < now() - make_interval(days => ${keepDays})`)
    .returning({ id: sessions.id });
  return rows.length;
}
