import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { liveHands, livePolls, liveSessions, liveVotes } from '../../db/schema/index.js';

export type SessionRow = typeof liveSessions.$inferSelect;
export type HandRow = typeof liveHands.$inferSelect;
export type PollRow = typeof livePolls.$inferSelect;

export async function findSession(db: Executor, roundTableId: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(liveSessions).where(eq(liveSessions.roundTableId, roundTableId));
  return row ?? null;
}

export async function insertLiveSession(db: Executor, values: typeof liveSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(liveSessions).values(values).returning();
  return row!;
}

export async function updateSession(db: Executor, roundTableId: string, patch: Partial<typeof liveSessions.$inferInsert>): Promise<SessionRow> {
  const [row] = await db.update(liveSessions).set(patch).where(eq(liveSessions.roundTableId, roundTableId)).returning();
  return row!;
}

/** The queue: hands up and the current speaker, in the order they were raised. */
export function openHands(db: Executor, roundTableId: string): Promise<HandRow[]> {
  return db
    .select()
    .from(liveHands)
    .where(and(eq(liveHands.roundTableId, roundTableId), inArray(liveHands.status, ['waiting', 'speaking'])))
    .orderBy(asc(liveHands.raisedAt), asc(liveHands.id));
}

export async function findHand(db: Executor, roundTableId: string, id: string): Promise<HandRow | null> {
  const [row] = await db
    .select()
    .from(liveHands)
    .where(and(eq(liveHands.roundTableId, roundTableId), eq(liveHands.id, id)));
  return row ?? null;
}

export async function insertHand(db: Executor, values: typeof liveHands.$inferInsert): Promise<void> {
  await db.insert(liveHands).values(values);
}

export async function setHand(db: Executor, id: string, patch: Partial<typeof liveHands.$inferInsert>): Promise<void> {
  await db.update(liveHands).set(patch).where(eq(liveHands.id, id));
}

/** The open poll, or else the latest one. */
export async function currentPoll(db: Executor, roundTableId: string): Promise<PollRow | null> {
  const [row] = await db
    .select()
    .from(livePolls)
    .where(eq(livePolls.roundTableId, roundTableId))
    .orderBy(sql`${livePolls.status} = 'open' desc`, sql`${livePolls.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

export async function findPoll(db: Executor, roundTableId: string, id: string): Promise<PollRow | null> {
  const [row] = await db
    .select()
    .from(livePolls)
    .where(and(eq(livePolls.roundTableId, roundTableId), eq(livePolls.id, id)));
  return row ?? null;
}

export async function insertPoll(db: Executor, values: typeof livePolls.$inferInsert): Promise<PollRow> {
  const [row] = await db.insert(livePolls).values(values).returning();
  return row!;
}

export async function setPollClosed(db: Executor, id: string): Promise<PollRow> {
  const [row] = await db
    .update(livePolls)
    .set({ status: 'closed', closedAt: sql`now()` })
    .where(eq(livePolls.id, id))
    .returning();
  return row!;
}

/** false if this person already voted. */
export async function insertVote(db: Executor, pollId: string, userId: string, option: number): Promise<boolean> {
  const rows = await db.insert(liveVotes).values({ pollId, userId, option }).onConflictDoNothing().returning({ pollId: liveVotes.pollId });
  return rows.length > 0;
}

export async function tally(db: Executor, pollId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ option: liveVotes.option, n: sql<number>`count(*)::int` })
    .from(liveVotes)
    .where(eq(liveVotes.pollId, pollId))
    .groupBy(liveVotes.option);
  return new Map(rows.map((r) => [r.option, Number(r.n)]));
}
