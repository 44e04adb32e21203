// The app's PostgreSQL handle as src/db/client.ts opens it, plus a counter of every query the pool
// sends (postgres.js `debug` hook): the bench prints queries per request from it.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';

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
  const db = drizzle({ client: sql, schema }) as unknown as Db;
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
