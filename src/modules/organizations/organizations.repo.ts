import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { byName } from '../../db/collation.js';
import type { Language } from '../../lib/principal.js';
import { organizations } from '../../db/schema/index.js';

const columns = {
  id: organizations.id,
  kind: organizations.kind,
  nameEn: organizations.nameEn,
  nameJa: organizations.nameJa,
  nameZh: organizations.nameZh,
  industry: organizations.industry,
};

export type OrganizationValues = Omit<typeof organizations.$inferInsert, 'id' | 'createdAt'>;

export async function findOrganization(db: Executor, id: string) {
  const [row] = await db.select(columns).from(organizations).where(eq(organizations.id, id));
  return row ?? null;
}

/** By kind, then by the name in `lang` in that language's order (db/collation.ts). */
export function listOrganizationRows(db: Executor, lang: Language = 'en') {
  const name = { en: organizations.nameEn, ja: organizations.nameJa, zh: organizations.nameZh }[lang];
  return db.select(columns).from(organizations).orderBy(asc(organizations.kind), byName(name, lang), asc(organizations.nameEn));
}

export async function insertOrganization(db: Executor, values: OrganizationValues) {
  const [row] = await db.insert(organizations).values(values).returning(columns);
  return row!;
}

export async function updateOrganizationRow(db: Executor, id: string, values: Partial<OrganizationValues>) {
  const [row] = await db.update(organizations).set(values).where(eq(organizations.id, id)).returning(columns);
  return row ?? null;
}
