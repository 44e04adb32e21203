// Readiness: the database answers and every migration is applied, decided within a bounded time so a
// load balancer's probe never hangs on a database that is going away.
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { migrationsApplied, ping } from './health.repo.js';

const unavailable = (message: string) => new AppError(503, 'DATABASE_UNAVAILABLE', message);

/** Resolves when ready; otherwise throws a 503 AppError naming the reason. */
export async function assertReady(db: Db, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const check = (async () => {
    try {
      await ping(db);
    } catch {
      return 'unreachable' as const;
    }
    return (await migrationsApplied(db)) ? ('ready' as const) : ('pending' as const);
  })();
  try {
    const outcome = await Promise.race([check, deadline]);
    if (outcome === 'ready') return;
    if (outcome === 'pending') throw new AppError(503, 'MIGRATIONS_PENDING', 'Database migrations are not all applied');
    if (outcome === 'timeout') throw unavailable(`The database did not answer within ${timeoutMs} ms`);
    throw unavailable('The database cannot be reached');
  } finally {
    clearTimeout(timer);
  }
}
