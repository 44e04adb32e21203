// Single-use, short-lived tickets for opening a WebSocket without the session cookie (non-browser
// clients). A ticket is bound to the session that asked for it: revoking the session revokes it.
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.js';
import { liveTickets } from '../db/schema/index.js';
import type { Principal } from '../lib/principal.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { principalOfSession } from './access.js';

export async function issueTicket(db: Db, principal: Principal, ttlSeconds: number): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = newToken(24);
  const expiresAt = DateTime.utc().plus({ seconds: ttlSeconds }).toJSDate();
  await db.transaction(async (tx) => {
    // Housekeeping on the way: used or expired tickets are worthless.
    await tx.delete(liveTickets).where(or(lt(liveTickets.expiresAt, sql`now() - interval '1 hour'`), lt(liveTickets.usedAt, sql`now() - interval '1 hour'`)));
    await tx.insert(liveTickets).values({ tokenHash: hashToken(ticket), sessionId: principal.sessionId, expiresAt });
  });
  return { ticket, expiresAt };
}

/** Spends the ticket: the principal of its session, or null if unknown, used, expired or revoked. */
export async function redeemTicket(db: Db, ticket: string): Promise<Principal | null> {
  if (ticket.length > 100) return null;
  const [row] = await db
    .update(liveTickets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(liveTickets.tokenHash, hashToken(ticket)), isNull(liveTickets.usedAt), gt(liveTickets.expiresAt, sql`now()`)))
    .returning({ sessionId: liveTickets.sessionId });
  return row ? principalOfSession(db, row.sessionId) : null;
}

/** Retention: tickets used or expired more than `afterHours` ago are deleted. */
export async function purgeTickets(db: Db, afterHours: number): Promise<number> {
  const rows = await db
    .delete(liveTickets)
    .where(sql`coalesce(${liveTickets.usedAt}, ${liveTickets.expiresAt}) < now() - make_interval(hours => ${afterHours})`)
    .returning({ id: liveTickets.id });
  return rows.length;
}
