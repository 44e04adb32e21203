import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Throttle counters shared by every instance: hits of one key (SHA-256 of the throttle's name and its
 * subject, e.g. an account or a client address, so no e-mail or address is stored) in its current window,
 * which starts at the first hit after the previous window ended. Ended windows are purged by the retention job.
 */
export const throttleHits = pgTable(
  'throttle_hits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [index('throttle_hits_window_start_idx').on(t.windowStart)],
);
