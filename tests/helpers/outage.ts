// A test database on the PostgreSQL server made to go away and come back, as a restart looks to the app,
// without touching anyone else's databases on the shared server: new connections refused, the existing
// ones (pools and LISTEN) terminated, then connections allowed again. Reopened at teardown whatever happens.
import postgres from 'postgres';
import type { Database } from '../../src/db/client.js';
import { serverUrlOf } from './app.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export function databaseSwitch(t: Teardown, database: Database) {
  const name = new URL(serverUrlOf(database)!).pathname.slice(1);
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const reopen = async () => void (await admin.unsafe(`alter database ${name} allow_connections true`));
  /** Ends every backend of the test database (the app's pools and LISTEN connections). */
  const terminate = async () => void (await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`);
  t.teardown(async () => {
    await reopen();
    await admin.end();
  });
  return {
    terminate,
    reopen,
    /** Refuses new connections and ends the existing ones: the database is down until `reopen`. */
    async cut() {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await terminate();
    },
  };
}
