// Queries for personal calendar feeds: one secret token (stored hashed) per user.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { calendarFeeds } from '../../db/schema/index.js';

export async function setFeedToken(db: Executor, userId: string, tokenHash: string) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: sql`now()` } });
}

export async function deleteFeed(db: Executor, userId: string): Promise<boolean> {
  const rows = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}

export async function feedOwner(db: Executor, tokenHash: string): Promise<string | null> {
  const [row] = await db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
  return row?.userId ?? null;
}
