// Issues submitted by companies, and everything that hangs off one: history, attachments,
// supports, the official answer, the clarification thread.
// (Per-user feed rows belong to the notifications module: schema/notifications.ts.)
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { ISSUE_CATEGORIES, ISSUE_STATES, ISSUE_VISIBILITIES } from '../../lib/issue-vocabulary.js';
import { organizations } from './organizations.js';
import { language, users } from './users.js';

export const issueCategory = pgEnum('issue_category', ISSUE_CATEGORIES);
export const issueVisibility = pgEnum('issue_visibility', ISSUE_VISIBILITIES);
export const issueState = pgEnum('issue_state', ISSUE_STATES);

/** Binary content as a Buffer on both drivers (postgres.js gives Buffer, PGlite Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const issues = pgTable(
  'issues',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    companyId: uuid('company_id')
      .notNull()
      .references(() => organizations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: issueCategory('category').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    desiredOutcome: text('desired_outcome').notNull().default(''),
    language: language('language').notNull(),
    visibility: issueVisibility('visibility').notNull(),
    state: issueState('state').notNull().default('draft'),
    /** Set while merged: the primary issue this one is shown inside. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => issues.id),
    /** Set while scheduled: the round-table whose agenda holds it (no FK: that table belongs to another module). */
    roundTableId: uuid('round_table_id'),
    /** Companies backing it: its own supports plus, for a primary, merged issues and their supporters. */
    supportCount: integer('support_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** When it entered its current state: "oldest waiting" sorts by it. */
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('issues_company_idx').on(t.companyId),
    index('issues_state_idx').on(t.state, t.submittedAt),
    index('issues_merged_into_idx').on(t.mergedIntoId),
    // The review queue's keyset sorts (issues.lists.ts), walked in either direction without sorting.
    index('issues_when_idx').on(sql`coalesce(${t.submittedAt}, ${t.createdAt})`, t.id),
    index('issues_state_changed_idx').on(t.stateChangedAt, t.id),
    index('issues_support_idx').on(t.supportCount, sql`coalesce(${t.submittedAt}, ${t.createdAt})`, t.id),
  ],
);

/** Every transition and edit: who, when, why, and for edits the text before it. */
/** What an entry of an issue's history records (the web client labels each as history.<kind>). */
export const ISSUE_HISTORY_KINDS = [
  'created',
  'transition',
  'edit',
  'answer',
  'answer_released',
  'merge_child',
  'unmerge_child',
  'attachments_added',
  'attachment_removed',
] as const;

export const issueHistory = pgTable(
  'issue_history',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ISSUE_HISTORY_KINDS }).notNull(),
    command: text('command'),
    fromState: issueState('from_state'),
    toState: issueState('to_state'),
    actorId: uuid('actor_id').references(() => users.id),
    reason: text('reason'),
    /** For edits: the fields as they were before. */
    previous: jsonb('previous'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('issue_history_issue_idx').on(t.issueId, t.createdAt)],
);

export const issueAttachments = pgTable(
  'issue_attachments',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('issue_attachments_issue_idx').on(t.issueId)],
);

export const issueSupports = pgTable(
  'issue_supports',
  {
    issueId: uuid('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.companyId] }), index('issue_supports_company_idx').on(t.companyId)],
);

/** One official answer per issue; pending until released (in a batch). */
export const issueAnswers = pgTable('issue_answers', {
  issueId: uuid('issue_id')
    .primaryKey()
    .references(() => issues.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  /** The language the answer is written in (the source of its translations). */
  language: language('language').notNull().default('zh'),
  department: text('department').notNull(),
  timeFrame: text('time_frame').notNull(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  releasedBy: uuid('released_by').references(() => users.id),
});

/** Clarification thread: officials <-> the author company. Read state is per side. */
export const issueMessages = pgTable(
  'issue_messages',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    fromOfficials: boolean('from_officials').notNull(),
    body: text('body').notNull(),
    /** The language the message is written in (the source of its translations). */
    language: language('language').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the other side first read it. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('issue_messages_issue_idx').on(t.issueId, t.createdAt)],
);
