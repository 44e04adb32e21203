import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { byName } from '../../db/collation.js';
import { organizations, users } from '../../db/schema/index.js';
import type { Language, Role } from '../../lib/principal.js';

const publicColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  organizationId: users.organizationId,
  language: users.language,
  timeZone: users.timeZone,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
};

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findUserById(db: Executor, id: string) {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** By display name in the reader's language order (db/collation.ts). */
export async function listUserRows(db: Executor, lang: Language = 'en') {
  return db.select(publicColumns).from(users).orderBy(byName(users.displayName, lang), asc(users.id));
}

export async function insertUser(
  db: Executor,
  values: { email: string; displayName: string; passwordHash: string; role: Role; organizationId: string | null; language: Language; timeZone: string },
) {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .onConflictDoNothing()
    .returning(publicColumns);
  return row ?? null;
}

export async function updateUser(
  db: Executor,
  id: string,
  values: Partial<{ displayName: string; language: Language; timeZone: string; role: Role; organizationId: string | null }>,
) {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning(publicColumns);
  return row ?? null;
}

/** The auth module's password change and reset (through users.links). */
export async function setPasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

export async function setDeactivated(db: Executor, id: string, deactivated: boolean) {
  const [row] = await db
    .update(users)
    .set({ deactivatedAt: deactivated ? sql`now()` : null })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row ?? null;
}

export async function findOrganizationKind(db: Executor, organizationId: string) {
  const [row] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.kind ?? null;
}
