import { sql } from 'drizzle-orm';
import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ORGANIZATION_KINDS } from '../../lib/principal.js';

export const organizationKind = pgEnum('organization_kind', ORGANIZATION_KINDS);

export const organizations = pgTable('organizations', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  kind: organizationKind('kind').notNull(),
  nameEn: text('name_en').notNull(),
  nameJa: text('name_ja').notNull().default(''),
  nameZh: text('name_zh').notNull().default(''),
  /** Companies only. */
  industry: text('industry'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
