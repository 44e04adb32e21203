import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LANGUAGES, ROLES } from '../../lib/principal.js';
import { organizations } from './organizations.js';

export const role = pgEnum('role', ROLES);
export const language = pgEnum('language', LANGUAGES);

export const users = pgTable(
  'users',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: role('role').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    language: language('language').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_organization_idx').on(t.organizationId)],
);
