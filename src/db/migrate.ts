// Applies the drizzle-kit migrations in migrations/ under an advisory lock, so instances starting
// together apply them once, in order, with drizzle's migrator for the driver in use (PGlite or the server).
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { rowsOf, type Database, type Db, type Schema } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
const MIGRATION_LOCK = 7_100_2016;

export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await database.withLock(MIGRATION_LOCK, (db) =>
    // drizzle's public migrator for the driver client.ts opened (it types the handle as the common Db).
    database.kind === 'postgres'
      ? migratePostgres(db as unknown as PostgresJsDatabase<Schema>, config)
      : migratePglite(db as unknown as PgliteDatabase<Schema>, config),
  );
}

/** SQLSTATEs saying the migrations table itself is missing (undefined table, undefined schema). */
const NO_MIGRATIONS_TABLE = new Set(['42P01', '3F000']);

/** The SQLSTATE of a driver error, through drizzle's wrapping. */
function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * True when every migration in the folder has been applied (readiness); false when some are not or the
 * migrations table does not exist yet. Any other failure (the database going away) is thrown: it is not
 * a pending migration.
 */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  try {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
    return Number(row?.n) >= expected;
  } catch (err) {
    if (NO_MIGRATIONS_TABLE.has(sqlState(err) ?? '')) return false;
    throw err;
  }
}
