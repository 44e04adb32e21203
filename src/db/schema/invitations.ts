import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';
import { language, role, users } from './users.js';

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    email: text('email').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    role: role('role').notNull(),
    /** The invitation e-mail's language, for the first and every resent one (the inviter's choice). */
    language: language('language').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  // Also: invitations_open_email_key, a partial unique index (one open invitation per address: a second
  // one replaces the first, invitations.service invite). It is hand-written in migration 0008 because
  // older open duplicates are revoked first.
  (t) => [uniqueIndex('invitations_token_hash_key').on(t.tokenHash)],
);
