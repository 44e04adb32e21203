// The app's PostgreSQL handle as src/db/client.ts opens it, plus a counter of every query the pool
// sends (postgres.js `debug` hook): the bench prints queries per request from it.
import postgres from 'postgres';
import { drizzleOverPostgres, openDatabase, type Database } from '../../src/db/client.js';

export interface CountingDatabase extends Database {
  queries(): number;
}

export async function openCountingDatabase(url: string): Promise<CountingDatabase> {
  // LISTEN and advisory locks go through the project's own handle; only the query pool is replaced.
  const base = await openDatabase({ databaseUrl: url, dataDir: '' });
  let count = 0;
  const sql = postgres(url, {
    onnotice: () => {},
    connection: { application_name: 'roundtable' },
    max: 10,
    debug: () => {
      count++;
    },
  });
  const db = drizzleOverPostgres(sql);
  return {
    kind: 'postgres',
    db,
    listen: (channel, listener) => base.listen(channel, listener),
    withLock: (key, fn) => base.withLock(key, fn),
    async close() {
      await sql.end({ timeout: 5 });
      await base.close();
    },
    queries: () => count,
  };
}
