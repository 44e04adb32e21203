import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sessions } from './sessions.js';

/**
 * Short-lived, single-use tickets that open a WebSocket for clients that cannot send the session
 * cookie. Stored in the database (not in memory) so a ticket from one instance works on any other.
 */
export const liveTickets = pgTable(
  'live_tickets',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** SHA-256 of the ticket. */
    tokenHash: text('token_hash').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('live_tickets_token_hash_key').on(t.tokenHash), index('live_tickets_expires_idx').on(t.expiresAt)],
);
