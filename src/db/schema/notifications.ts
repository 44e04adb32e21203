// The notifications module's tables: each person's feed, the e-mail outbox, delivery preferences per
// category, and the key that signs unsubscribe links. Only src/modules/notifications writes them.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { issues } from './issues.js';
import { language, users } from './users.js';

/** What a person may tune: the categories of notices (account mail — invitations, resets — is not one of them). */
export const NOTIFICATION_CATEGORIES = ['my_issues', 'supported_issues', 'my_roundtables', 'reminders', 'live_start'] as const;
export const notificationCategory = pgEnum('notification_category', NOTIFICATION_CATEGORIES);
/** in_app: feed and live push only; immediate: also an e-mail each time; digest: one e-mail a day at a local hour. */
export const DELIVERY_MODES = ['in_app', 'immediate', 'digest'] as const;
export const deliveryMode = pgEnum('delivery_mode', DELIVERY_MODES);
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'digest', 'merged'] as const;
export const outboxStatus = pgEnum('outbox_status', OUTBOX_STATUSES);

/** Per-user notification feed; `data` is already projected for that user. */
export const feedItems = pgTable(
  'feed_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issueId: uuid('issue_id').references(() => issues.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('feed_items_user_idx').on(t.userId, t.createdAt)],
);

/**
 * E-mail waiting to be sent, written in the same transaction as the change it tells of. `kind` and
 * `params` are rendered at send time in `language`; `userId` is null for mail to an address that has
 * no account yet (invitations).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    language: language('language').notNull(),
    timeZone: text('time_zone').notNull(),
    kind: text('kind').notNull(),
    /** null: account mail (invitations, password resets), always sent and never unsubscribable. */
    category: notificationCategory('category'),
    params: jsonb('params').notNull(),
    status: outboxStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before (backoff; a digest's local hour). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: the claim expires then (a crashed instance's claim is taken over). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.dueAt), index('outbox_user_idx').on(t.userId, t.status)],
);

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: notificationCategory('category').notNull(),
    mode: deliveryMode('mode').notNull(),
    /** For `digest`: the hour (0-23) in the user's zone. */
    digestHour: smallint('digest_hour').notNull().default(8),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

/** The key that signs unsubscribe links: one row, created on first use, shared by every instance. */
export const mailKeys = pgTable('mail_keys', {
  id: smallint('id').primaryKey(),
  secret: text('secret').notNull(),
});
