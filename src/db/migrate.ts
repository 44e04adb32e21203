// Applies the drizzle-kit migrations in migrations/ under an advisory lock, so instances starting
// together apply them once, in order. Works the same on PGlite and on the server.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { rowsOf, type Database, type Db } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
const MIGRATION_LOCK = 7_100_2016;

type Migrator = { dialect: { migrate(m: unknown, s: unknown, c: object): Promise<void> }; session: unknown };

export async function migrate(database: Database): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  await database.withLock(MIGRATION_LOCK, async (db) => {
    // What drizzle's per-driver migrators do, written once for any driver.
    const m = db as unknown as Migrator;
    await m.dialect.migrate(migrations, m.session, {});
  });
}

/** True when every migration in the folder has been applied (readiness). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  try {
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
    );
    return Number(row?.n) >= expected;
  } catch {
    return false;
  }
}
