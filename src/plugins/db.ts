// The database as a Fastify decorator. Opens (or adopts) the database, applies migrations,
// seeds demo data when configured, and closes it last on shutdown (onClose runs after the
// server stopped accepting and in-flight requests finished).
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { openDatabase, type Database, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { isEmpty, seedDemo } from '../db/seed/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
  }
}

export interface DbPluginOptions {
  config: Config;
  /** An already open and migrated database (tests share one per file); the app will not close it. */
  database?: Database;
}

export default fp<DbPluginOptions>(
  async (app, { config, database }) => {
    const owned = !database;
    const dbh = database ?? (await openDatabase(config));
    if (owned) {
      await migrate(dbh);
      const seed = config.seedDemo === 'always' || (config.seedDemo === 'auto' && dbh.kind === 'pglite' && (await isEmpty(dbh)));
      if (seed && (await seedDemo(dbh, config.passwordCost))) app.log.info('seeded demo data');
    }
    app.decorate('database', dbh);
    app.decorate('db', dbh.db);
    if (owned) app.addHook('onClose', async () => dbh.close());
  },
  { name: 'db' },
);
