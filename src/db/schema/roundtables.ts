import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { AGENDA_ITEM_KINDS, REGISTRATION_STATUSES, ROUND_TABLE_AUDIENCES, ROUND_TABLE_STATUSES } from '../../lib/roundtable-vocabulary.js';
import { organizations } from './organizations.js';
import { language, users } from './users.js';

export const roundTableStatus = pgEnum('round_table_status', ROUND_TABLE_STATUSES);
export const roundTableAudience = pgEnum('round_table_audience', ROUND_TABLE_AUDIENCES);
export const registrationStatus = pgEnum('registration_status', REGISTRATION_STATUSES);
export const agendaItemKind = pgEnum('agenda_item_kind', AGENDA_ITEM_KINDS);

/** A round-table meeting. Start/end are instants (UTC); `timeZone` is the venue's IANA zone. */
export const roundTables = pgTable(
  'round_tables',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    titleEn: text('title_en').notNull().default(''),
    titleJa: text('title_ja').notNull().default(''),
    titleZh: text('title_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionJa: text('description_ja').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    /** The language the title and description are written in: that language's columns hold the original; the
     * other languages' columns show the current translation (translations table) or are empty. */
    language: language('language').notNull().default('en'),
    theme: text('theme').notNull().default('general'),
    hostOrganizationId: uuid('host_organization_id')
      .notNull()
      .references(() => organizations.id),
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    venueRoom: text('venue_room'),
    /** The venue's city in each language (Tianjin / 天津 / 天津): time labels name it, not the IANA zone. */
    venueCityEn: text('venue_city_en'),
    venueCityJa: text('venue_city_ja'),
    venueCityZh: text('venue_city_zh'),
    onlineUrl: text('online_url'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    seatsPerCompany: integer('seats_per_company').notNull().default(2),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    audience: roundTableAudience('audience').notNull().default('public'),
    proposalDeadline: timestamp('proposal_deadline', { withTimezone: true }),
    pledgeDays: integer('pledge_days').notNull().default(100),
    status: roundTableStatus('status').notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    /** iCalendar SEQUENCE: bumped on every reschedule and on cancellation. */
    sequence: integer('sequence').notNull().default(0),
    /** Bumped by every change of the draft agenda; a release records the version it published. */
    agendaVersion: integer('agenda_version').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('round_tables_starts_idx').on(t.startsAt), index('round_tables_chair_idx').on(t.chairId)],
);

/** Every reschedule, with the times before and after. */
export const roundTableReschedules = pgTable('round_table_reschedules', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  roundTableId: uuid('round_table_id')
    .notNull()
    .references(() => roundTables.id, { onDelete: 'cascade' }),
  previousStartsAt: timestamp('previous_starts_at', { withTimezone: true }).notNull(),
  previousEndsAt: timestamp('previous_ends_at', { withTimezone: true }).notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  timeZone: text('time_zone').notNull(),
  reason: text('reason').notNull().default(''),
  actorId: uuid('actor_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const registrations = pgTable(
  'round_table_registrations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id')
      .notNull()
      .references(() => roundTables.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    status: registrationStatus('status').notNull(),
    /** Global arrival order: the waitlist is promoted in this order. */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live registration per person and round-table; cancelled/rejected ones stay as history.
    uniqueIndex('registrations_active_key')
      .on(t.roundTableId, t.userId)
      .where(sql`status in ('pending', 'confirmed', 'waitlisted')`),
    index('registrations_user_idx').on(t.userId),
  ],
);

/** The draft agenda: sections (one level) and slots, edited by officials. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id')
      .notNull()
      .references(() => roundTables.id, { onDelete: 'cascade' }),
    /** The section a slot belongs to; null for sections and top-level slots. */
    sectionId: uuid('section_id'),
    kind: agendaItemKind('kind').notNull(),
    position: integer('position').notNull(),
    titleEn: text('title_en').notNull().default(''),
    titleJa: text('title_ja').notNull().default(''),
    titleZh: text('title_zh').notNull().default(''),
    /** The language of the title (its column is the original; the others show current translations). */
    language: language('language').notNull().default('en'),
    presenter: text('presenter').notNull().default(''),
    plannedMinutes: integer('planned_minutes').notNull().default(0),
    /** Officials only. */
    internalNotes: text('internal_notes').notNull().default(''),
    /** Accepted issues discussed in an `issue` slot (the issues module owns the issues themselves). */
    issueIds: uuid('issue_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [index('agenda_items_round_table_idx').on(t.roundTableId, t.position)],
);

/** A published agenda: the public projection of the draft at that moment, and what changed since the last one. */
export const agendaReleases = pgTable(
  'agenda_releases',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    roundTableId: uuid('round_table_id')
      .notNull()
      .references(() => roundTables.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    agendaVersion: integer('agenda_version').notNull(),
    items: jsonb('items').notNull(),
    changelog: jsonb('changelog').notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agenda_releases_number_key').on(t.roundTableId, t.number)],
);

/** A personal calendar feed: the URL carries a secret token, only its hash is stored; delete to revoke. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
