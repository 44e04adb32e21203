// Translations of user-written texts (issues, answers, clarification messages, outcomes, round-table texts). One row per text and
// target language; `sourceHash` is the hash of the original when it was translated, so an edited original
// leaves its translations in place, marked stale (not current), instead of deleting them.
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { language, users } from './users.js';

/** What kind of text a translation is of; `textId` is that text's id (the issue id for `issue` and `answer`;
 * a decision's or an action item's id, the agenda slot's id for `minutes`; the round-table's id for its
 * `roundtable` title and `roundtable_description`; the agenda item's id for `agenda_item`). */
export const TRANSLATABLE_KINDS = [
  'issue',
  'answer',
  'message',
  'decision',
  'action',
  'minutes',
  'roundtable',
  'roundtable_description',
  'agenda_item',
] as const;

export const translations = pgTable(
  'translations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: TRANSLATABLE_KINDS }).notNull(),
    /** The translated text's id (no FK: those tables belong to other modules). */
    textId: uuid('text_id').notNull(),
    /** The issue the text belongs to (issue, answer, message), for search and the issue's page; null for outcomes. */
    issueId: uuid('issue_id'),
    sourceLanguage: language('source_language').notNull(),
    targetLanguage: language('target_language').notNull(),
    /** The translated fields, e.g. { title, body, desiredOutcome } for an issue. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    /** sha256 of the original's fields and language when translated: it differs once the original changes. */
    sourceHash: text('source_hash').notNull(),
    /** Who made it: a person, or (later) a machine translator recorded as `machine`. */
    translatorId: uuid('translator_id').references(() => users.id),
    origin: text('origin', { enum: ['human', 'machine'] })
      .notNull()
      .default('human'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('translations_text_target_key').on(t.kind, t.textId, t.targetLanguage), index('translations_issue_idx').on(t.issueId)],
);
