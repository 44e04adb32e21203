// Retention of the event log: events outside their stream's replay window (no client resumes from them:
// one that far behind gets a snapshot) and older than `afterDays` move to events_archive in one
// statement (moved, never copied twice, whichever instance runs it). The audit trail reads both.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.js';

export async function archiveEvents(db: Db, opts: { replayWindow: number; afterDays: number; batch: number }): Promise<number> {
  const result = await db.execute(sql`
    with old as (
      select e.stream, e.seq from events e join streams s on s.id = e.stream
      where e.seq <= s.seq - ${opts.replayWindow} and e.created_at < now() - make_interval(days => ${opts.afterDays})
      order by e.created_at
      limit ${opts.batch}
    ), moved as (
      delete from events e using old where e.stream = old.stream and e.seq = old.seq
      returning e.stream, e.seq, e.type, e.data, e.actor_id, e.created_at
    )
    insert into events_archive (stream, seq, type, data, actor_id, created_at)
    select stream, seq, type, data, actor_id, created_at from moved
    on conflict do nothing
    returning seq`);
  return rowsOf(result).length;
}

/** Archived events older than `keepDays` are deleted (0: kept for ever). */
export async function purgeArchive(db: Db, keepDays: number): Promise<number> {
  if (keepDays <= 0) return 0;
  const result = await db.execute(sql`delete from events_archive where created_at < now() - make_interval(days => ${keepDays}) returning seq`);
  return rowsOf(result).length;
}
