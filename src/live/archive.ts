// Retention of the event log: events outside their stream's replay window (no client resumes from them:
// one that far behind gets a snapshot) and older than `afterDays` move to events_archive in one
// statement (moved, never copied twice, whichever instance runs it). The audit trail reads both.
// events_archive is partitioned by month (UTC, migration 0017): each month is a table of its own,
// created here before events of that month move in, and dropped whole once the month has expired.
import { sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { rowsOf, type Db } from '../db/client.js';

const PARTITION = /^events_archive_(\d{4})_(\d{2})$/;
const partitionName = (month: DateTime) => `events_archive_${month.toFormat('yyyy_MM')}`;

const monthOf = (column: SQL) => sql`to_char(date_trunc('month', ${column}, 'UTC'), 'YYYY-MM')`;

/** The events a round may move: outside the replay window and old enough, oldest first; only of `months`
 * when given (those whose partitions exist, so nothing lands in the default partition). */
const movable = (opts: { replayWindow: number; afterDays: number; batch: number }, months?: string[]): SQL => sql`
  select e.stream, e.seq, e.created_at from events e join streams s on s.id = e.stream
  where e.seq <= s.seq - ${opts.replayWindow} and e.created_at < now() - make_interval(days => ${opts.afterDays})
  ${
    months
      ? sql`and ${monthOf(sql`e.created_at`)} in (${sql.join(
          months.map((m) => sql`${m}`),
          sql`, `,
        )})`
      : sql``
  }
  order by e.created_at
  limit ${opts.batch}`;

/** Creates the month's partition unless it exists; another instance creating it at the same moment is fine. */
async function ensurePartition(db: Db, month: DateTime): Promise<void> {
  const from = month.toISO()!;
  const to = month.plus({ months: 1 }).toISO()!;
  try {
    await db.execute(sql.raw(`create table if not exists "${partitionName(month)}" partition of events_archive for values from ('${from}') to ('${to}')`));
  } catch (err) {
    // 42P07 duplicate_table, 23505 a concurrent creation's catalog row: the partition is there either way.
    const code = (err as { code?: string }).code;
    if (code !== '42P07' && code !== '23505') throw err;
  }
}

export async function archiveEvents(db: Db, opts: { replayWindow: number; afterDays: number; batch: number }): Promise<number> {
  const months = rowsOf<{ month: string }>(await db.execute(sql`select distinct ${monthOf(sql`created_at`)} as month from (${movable(opts)}) m`)).map(
    (r) => r.month,
  );
  if (!months.length) return 0;
  for (const month of months) await ensurePartition(db, DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' }));
  // Events may have become movable since (another instance moved the first batch, time passed): the move
  // keeps to the months just made sure of; the others wait for the next batch.
  const result = await db.execute(sql`
    with old as (${movable(opts, months)}), moved as (
      delete from events e using old where e.stream = old.stream and e.seq = old.seq
      returning e.stream, e.seq, e.type, e.data, e.actor_id, e.created_at
    )
    insert into events_archive (stream, seq, type, data, actor_id, created_at)
    select stream, seq, type, data, actor_id, created_at from moved
    on conflict do nothing
    returning seq`);
  return rowsOf(result).length;
}

/** The monthly partitions of the archive, oldest first. */
export async function archivePartitions(db: Db): Promise<{ name: string; month: DateTime }[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'events_archive'::regclass order by c.relname`),
  );
  return rows.flatMap(({ name }) => {
    const m = PARTITION.exec(name);
    return m ? [{ name, month: DateTime.utc(Number(m[1]), Number(m[2])) }] : [];
  });
}

/** Archived events older than `keepDays` go (0: kept for ever): whole expired months are dropped, the rest deleted. */
export async function purgeArchive(db: Db, keepDays: number): Promise<number> {
  if (keepDays <= 0) return 0;
  const cutoff = DateTime.utc().minus({ days: keepDays });
  let purged = 0;
  for (const { name, month } of await archivePartitions(db)) {
    if (month.plus({ months: 1 }) > cutoff) continue;
    purged += Number(rowsOf<{ n: string | number }>(await db.execute(sql.raw(`select count(*) as n from "${name}"`)))[0]!.n);
    await db.execute(sql.raw(`drop table if exists "${name}"`));
  }
  const result = await db.execute(sql`delete from events_archive where created_at < ${cutoff.toISO()} returning seq`);
  return purged + rowsOf(result).length;
}
