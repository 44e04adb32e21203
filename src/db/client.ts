// Opens the database: the `postgres` driver when a URL is given, embedded PGlite otherwise.
// Everything above this file sees the same drizzle `Db` and the same small `Database` handle.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { loadConfig, type DatabaseConfig } from '../config.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Listener {
  /** Called for every notification on the channel. */
  onNotify: (payload: string) => void;
  /** Called once listening (again): after a reconnect, whatever was notified meanwhile has been missed. */
  onListen: () => void;
}

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** A dedicated LISTEN connection, listening again (then onListen) whenever it was lost. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** Run `fn` on one connection holding a session-level advisory lock (migrations, seeding). */
  withLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size and timeouts; the configuration's defaults when absent. */
  database?: DatabaseConfig;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.database ?? loadConfig({}).database) : openPglite(opts.dataDir);
}

/**
 * drizzle over a postgres.js pool. Its statements are NOT prepared (drizzle's default): prepared, they
 * saved a round trip per statement, but while backends were being terminated (tests/reliability/
 * db-terminate.test.ts) a list query now and then came back with rows missing its columns (most likely the driver
 * read them with a stale statement description), which is wrong data, not an unavailable database.
 */
export function drizzleOverPostgres(sql: postgres.Sql): Db {
  return drizzlePostgres({ client: sql, schema });
}

function openPostgres(url: string, settings: DatabaseConfig): Database {
  const options = {
    onnotice: () => {},
    connection: { application_name: 'roundtable' },
    // Fail a connection attempt quickly (requests answer 503) and retry soon: the driver's defaults are
    // 30 s and a backoff growing to 20 s, during which requests hang.
    connect_timeout: settings.connectTimeoutSeconds,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, settings.maxBackoffSeconds) * (0.5 + Math.random() / 2),
  } as const;
  const sql = postgres(url, { ...options, max: settings.poolMax });
  const db = drizzleOverPostgres(sql);
  const listeners: postgres.Sql[] = [];
  return {
    kind: 'postgres',
    db,
    // Our own LISTEN connection rather than sql.listen(): the driver re-listens once after a close and
    // gives up for good if that attempt fails (database still down), leaving the instance deaf.
    async listen(channel, listener) {
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      let attempt = 0;
      // `onnotify` is a driver option its type declarations omit (it is what sql.listen() uses inside).
      const conn = postgres(url, {
        ...options,
        max: 1,
        idle_timeout: 0, // never idle out; a lifetime end just re-listens
        fetch_types: false,
        onnotify: (name: string, payload: string) => {
          if (name === channel) listener.onNotify(payload);
        },
        onclose: () => relisten(),
      } as postgres.Options<Record<string, postgres.PostgresType>>);
      listeners.push(conn);
      const subscribe = async () => {
        await conn.unsafe(`listen "${channel.replace(/"/g, '""')}"`);
        attempt = 0;
        listener.onListen();
      };
      const relisten = () => {
        if (stopped) return;
        clearTimeout(retry);
        const delayMs = Math.min(50 * 2 ** attempt++, settings.maxBackoffSeconds * 1000);
        retry = setTimeout(() => void subscribe().catch(relisten), delayMs);
      };
      await subscribe();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        await conn.end({ timeout: 1 });
      };
    },
    async withLock(key, fn) {
      const conn = postgres(url, { ...options, max: 1 });
      try {
        await conn`select pg_advisory_lock(${key})`;
        return await fn(drizzlePostgres({ client: conn, schema }));
      } finally {
        await conn`select pg_advisory_unlock(${key})`.catch(() => {});
        await conn.end({ timeout: 5 });
      }
    },
    async close() {
      await Promise.all(listeners.map((l) => l.end({ timeout: 1 })));
      await sql.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const locks = new Map<number, Promise<unknown>>();
  return {
    kind: 'pglite',
    db,
    async listen(channel, listener) {
      const unlisten = await client.listen(channel, listener.onNotify);
      listener.onListen();
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    // One in-process connection, where advisory locks are re-entrant: serialize by key in memory instead.
    withLock(key, fn) {
      const run = (locks.get(key) ?? Promise.resolve()).then(() => fn(db));
      locks.set(
        key,
        run.catch(() => {}),
      );
      return run;
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** Rows of a raw `db.execute` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
