import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per event stream (a round-table, a company inbox, a user feed, the officials' queue).
 * `seq` is bumped under the row lock by every numbering (a snapshot stream's writer, or `sequence_pending_events()`
 * for the others: src/live/event-log.ts), so sequence numbers are gapless and in the order they were numbered.
 */
export const streams = pgTable('streams', {
  id: text('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});

export const events = pgTable(
  'events',
  {
    stream: text('stream')
      .notNull()
      .references(() => streams.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    /** Who caused it; doubles as the audit trail. */
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The audit trail is read newest first, optionally by actor.
  (t) => [primaryKey({ columns: [t.stream, t.seq] }), index('events_created_idx').on(t.createdAt), index('events_actor_idx').on(t.actorId, t.createdAt)],
);

/**
 * Events of streams without a snapshot (the officials' queue, the public stream, company inboxes, user
 * feeds), written by their transaction without any stream lock and numbered right after its commit by
 * `sequence_pending_events()` (hand-written in migration 0013), which moves every committed row into
 * `events` under one advisory lock: one numbering, and one commit, for the events of many writers.
 */
export const pendingEvents = pgTable('pending_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  stream: text('stream').notNull(),
  type: text('type').notNull(),
  data: jsonb('data').notNull(),
  actorId: uuid('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
