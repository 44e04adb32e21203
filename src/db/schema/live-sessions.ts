import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { roundTables } from './roundtables.js';
import { users } from './users.js';

/** The countdown of the current slot; clients compute what remains from these server timestamps. */
export interface SlotTimer {
  itemId: string;
  durationMs: number;
  /** Time run before `runningSince` (pauses keep it). */
  elapsedMs: number;
  /** ISO instant it was (re)started, or null while paused. */
  runningSince: string | null;
}

export interface Announcement {
  id: string;
  text: string;
  at: string;
}

/** One running (or ended) live session per round-table; changed under the round-table's row lock. */
export const liveSessions = pgTable('live_sessions', {
  roundTableId: uuid('round_table_id')
    .primaryKey()
    .references(() => roundTables.id, { onDelete: 'cascade' }),
  currentItemId: text('current_item_id'),
  /** Slots that were current at some point: their issues become discussed when the session ends. */
  visitedItemIds: jsonb('visited_item_ids').$type<string[]>().notNull().default([]),
  timer: jsonb('timer').$type<SlotTimer | null>(),
  /** The latest announcements, newest first (a few). */
  announcements: jsonb('announcements').$type<Announcement[]>().notNull().default([]),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});

/** Request-to-speak queue: waiting -> speaking -> done, or removed. */
export const liveHands = pgTable(
  'live_hands',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id')
      .notNull()
      .references(() => roundTables.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: ['waiting', 'speaking', 'done', 'removed'] })
      .notNull()
      .default('waiting'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    floorAt: timestamp('floor_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('live_hands_rt_idx').on(t.roundTableId, t.raisedAt),
    // One hand up (or speaking) per person.
    uniqueIndex('live_hands_one_open')
      .on(t.roundTableId, t.userId)
      .where(sql`status in ('waiting', 'speaking')`),
  ],
);

export const livePolls = pgTable(
  'live_polls',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id')
      .notNull()
      .references(() => roundTables.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('live_polls_one_open')
      .on(t.roundTableId)
      .where(sql`status = 'open'`),
  ],
);

/** One vote per person and poll (the primary key is the rule). Who voted is never published. */
export const liveVotes = pgTable(
  'live_votes',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => livePolls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    option: integer('option').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
);
