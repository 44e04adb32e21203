// What round-tables decided and what follows from it: minutes per agenda slot (versioned, commented,
// finalized, amended by addenda), decisions linked to the slot's issues, action items with their
// progress, and the record of reminders already sent. Round-tables, slots and issues belong to other
// modules: referenced by id without foreign keys, like issues.round_table_id.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';
import { language, users } from './users.js';

export const minutesStatus = pgEnum('minutes_status', ['draft', 'circulated', 'final']);
export const decisionKind = pgEnum('decision_kind', ['commitment', 'referral', 'no_action', 'needs_more_information']);
export const actionStatus = pgEnum('action_status', ['open', 'in_progress', 'done', 'dropped']);
export const reminderKind = pgEnum('reminder_kind', ['due_in_7_days', 'due_tomorrow', 'overdue']);

/** The current state of one slot's minutes; every saved text is also in minutes_versions. */
export const minutes = pgTable('minutes', {
  slotId: uuid('slot_id').primaryKey(),
  roundTableId: uuid('round_table_id').notNull(),
  status: minutesStatus('status').notNull().default('draft'),
  version: integer('version').notNull().default(0),
  text: text('text').notNull().default(''),
  /** The language the text is written in (the original of its translations): given with a save, else the saver's. */
  language: language('language').notNull().default('en'),
  savedAt: timestamp('saved_at', { withTimezone: true }),
  savedBy: uuid('saved_by').references(() => users.id),
  commentsUntil: timestamp('comments_until', { withTimezone: true }),
  finalizedAt: timestamp('finalized_at', { withTimezone: true }),
  finalizedBy: uuid('finalized_by').references(() => users.id),
});

export const minutesVersions = pgTable(
  'minutes_versions',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => minutes.slotId, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    text: text('text').notNull(),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.n] })],
);

export const minutesComments = pgTable(
  'minutes_comments',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => minutes.slotId, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    /** The language `text` is written in (for the reader's `lang`): given with the text, else the writer's. */
    language: language('language').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('minutes_comments_slot_idx').on(t.slotId, t.createdAt)],
);

/** Additions to final minutes (whose text is locked). */
export const minutesAddenda = pgTable(
  'minutes_addenda',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => minutes.slotId, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    /** The language `text` is written in (for the reader's `lang`): given with the text, else the writer's. */
    language: language('language').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('minutes_addenda_slot_idx').on(t.slotId, t.createdAt)],
);

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id').notNull(),
    slotId: uuid('slot_id').notNull(),
    text: text('text').notNull(),
    kind: decisionKind('kind').notNull(),
    /** The department a referral goes to. */
    department: text('department'),
    /** Why no action will be taken. */
    reason: text('reason'),
    /** The language of `text`, and of `department` and `reason`, which the same form writes with it. */
    language: language('language').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decisions_round_table_idx').on(t.roundTableId, t.createdAt)],
);

/** The issues a decision is about (a subset of its slot's issues). */
export const decisionIssues = pgTable(
  'decision_issues',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    issueId: uuid('issue_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.issueId] }), index('decision_issues_issue_idx').on(t.issueId)],
);

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    roundTableId: uuid('round_table_id').notNull(),
    description: text('description').notNull(),
    /** The language the description is written in (the source of its translations). */
    language: language('language').notNull().default('zh'),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    /** A calendar date in the round-table's zone; overdue is derived from it at read time. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The round-table's zone, copied: due dates and overdue are counted in it (reminders read no other table). */
    timeZone: text('time_zone').notNull(),
    status: actionStatus('status').notNull().default('open'),
    droppedReason: text('dropped_reason'),
    /** The language `droppedReason` is written in (the one who dropped it may write in another than the description). */
    droppedReasonLanguage: language('dropped_reason_language'),
    percent: integer('percent').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('action_items_decision_idx').on(t.decisionId),
    index('action_items_due_idx').on(t.status, t.dueDate),
    index('action_items_owner_idx').on(t.ownerOrganizationId),
  ],
);

export const actionProgress = pgTable(
  'action_progress',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actionItems.id, { onDelete: 'cascade' }),
    percent: integer('percent').notNull(),
    publicText: text('public_text').notNull(),
    /** The language `publicText` (and the note) is written in: given with the update, else the writer's. */
    language: language('language').notNull(),
    /** Officials only. */
    internalNote: text('internal_note'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('action_progress_action_idx').on(t.actionId, t.createdAt)],
);

/** One row per reminder sent: inserted in the same transaction as its feed rows, so each goes out once. */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actionItems.id, { onDelete: 'cascade' }),
    kind: reminderKind('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.kind] })],
);
