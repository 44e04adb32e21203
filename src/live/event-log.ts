// Appends events to the log inside the caller's transaction. The sequence number comes from
// `UPDATE streams ... RETURNING seq` (a row lock held until commit), so per-stream seqs are gapless
// and in commit order. The NOTIFY is queued in the same transaction: PostgreSQL delivers it only
// if (and when) the transaction commits, and it carries stream and seq only, never the payload.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/client.js';
import { events } from '../db/schema/index.js';

export const EVENTS_CHANNEL = 'rt_events';

export interface NewEvent {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  actorId?: string | null;
}

export async function appendEvent(tx: Tx, event: NewEvent): Promise<number> {
  const [row] = rowsOf<{ seq: number | string }>(
    await tx.execute(sql`
      insert into streams (id, seq) values (${event.stream}, 1)
      on conflict (id) do update set seq = streams.seq + 1
      returning seq`),
  );
  const seq = Number(row!.seq);
  await tx.insert(events).values({ stream: event.stream, seq, type: event.type, data: event.data, actorId: event.actorId ?? null });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${event.stream} ${seq}`})`);
  return seq;
}
