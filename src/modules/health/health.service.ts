// Readiness: the database answers and every migration is applied, decided within a bounded time so a
// load balancer's probe never hangs on a database that is going away.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { migrationsApplied } from '../../db/migrate.js';

/** 'ready', or the error code naming why not (DATABASE_UNAVAILABLE also when no answer came in time). */
export type Readiness = 'ready' | 'MIGRATIONS_PENDING' | 'DATABASE_UNAVAILABLE';

export async function readiness(db: Db, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve('DATABASE_UNAVAILABLE'), timeoutMs);
  });
  const check = (async (): Promise<Readiness> => {
    try {
      await db.execute(sql`select 1`);
      return (await migrationsApplied(db)) ? 'ready' : 'MIGRATIONS_PENDING';
    } catch {
      return 'DATABASE_UNAVAILABLE';
    }
  })();
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
