import { bigint, index, jsonb, pgTable, pgView, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Events moved out of `events` by the retention job: outside every stream's replay window (no client
 * can resume from them; one that far behind gets a snapshot) and older than EVENT_ARCHIVE_AFTER_DAYS.
 * They stay the audit trail (read through `events_all`); the hot table stays small. Same columns as
 * `events`.
 */
export const eventsArchive = pgTable(
  'events_archive',
  {
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The partition key must be in the key; (stream, seq) alone is unique anyway (moved from events' key).
    primaryKey({ columns: [t.stream, t.seq, t.createdAt] }),
    index('events_archive_created_idx').on(t.createdAt),
    index('events_archive_actor_idx').on(t.actorId, t.createdAt),
  ],
);

/** `events` and `events_archive` together: the whole audit trail (created by hand in migration 0010, "-- hand-written:" block). */
export const eventsAll = pgView('events_all', {
  stream: text('stream').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  type: text('type').notNull(),
  data: jsonb('data').notNull(),
  actorId: uuid('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}).existing();
