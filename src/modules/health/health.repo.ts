// The queries readiness needs: a round trip, and whether every migration is applied.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { migrationsApplied } from '../../db/migrate.js';

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

export { migrationsApplied };
