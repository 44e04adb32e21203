// Readiness: the database answers and every migration is applied.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { migrationsApplied } from '../../db/migrate.js';

export type Readiness = 'ready' | 'MIGRATIONS_PENDING' | 'DATABASE_UNREACHABLE';

export async function readiness(db: Db): Promise<Readiness> {
  try {
    await db.execute(sql`select 1`);
    return (await migrationsApplied(db)) ? 'ready' : 'MIGRATIONS_PENDING';
  } catch {
    return 'DATABASE_UNREACHABLE';
  }
}
