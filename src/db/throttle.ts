// The throttle counter: one upsert per throttled request, on the table every instance shares, timed by
// the database's clock (instances' clocks may differ).
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.js';

/**
 * Counts one hit of `key`: a window of `windowSeconds` starts at the first hit after the previous one
 * ended. Returns the hits in the current window (this one included) and the seconds until it ends.
 */
export async function countHit(db: Db, key: string, windowSeconds: number): Promise<{ hits: number; resetInSeconds: number }> {
  // Committed without waiting for the WAL flush (set_config(…, true) lasts for this statement's own
  // transaction): the counter's row is locked until commit, and a flush per hit let one request of a
  // subject through at a time. A crash may forget the last fraction of a second of hits; nothing else.
  const result = await db.execute(sql`
    insert into throttle_hits as t (key, window_start, hits)
    select ${key}, now(), 1 from (select set_config('synchronous_commit', 'off', true)) as async_commit
    on conflict (key) do update set
      hits = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else t.hits + 1 end,
      window_start = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else t.window_start end
    returning hits, extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now()))::float8 as reset`);
  const row = rowsOf<{ hits: number | string; reset: number | string }>(result)[0];
  return { hits: Number(row?.hits ?? 1), resetInSeconds: Math.max(1, Math.ceil(Number(row?.reset ?? windowSeconds))) };
}

/** Retention: counters whose window ended more than `olderThanSeconds` ago (the longest window) are deleted. */
export async function purgeThrottleHits(db: Db, olderThanSeconds: number): Promise<number> {
  const result = await db.execute(sql`delete from throttle_hits where window_start < now() - make_interval(secs => ${olderThanSeconds}) returning key`);
  return rowsOf(result).length;
}
