import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { getEnv } from '@/lib/env';
import { readPostgresUrl } from './postgres-url';
import * as schema from './schema';

/**
 * One code path, two databases: PostgreSQL through `postgres` when DATABASE_URL is set, otherwise an embedded
 * PostgreSQL (PGlite) under HAVEN_DATA_DIR. Both are Drizzle `PgDatabase`s, so queries never know which.
 */

const migrationsFolder = path.resolve(process.cwd(), 'drizzle');

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query functions take either: a transaction is a database for the statements it runs. */
export type DbOrTx = Db | Tx;

export type Listener = (payload: string) => void;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: Listener): Promise<() => Promise<void>>;
  /** Applies the committed SQL migrations in drizzle/ (each once; Drizzle records them in its journal). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, which `openPglite` can start from (tests reuse a migrated one). */
  dumpDataDir?: () => Promise<Blob>;
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const target = readPostgresUrl(url);
  const sql: Sql = postgres(target.url, { max: options.max ?? 10, onnotice: () => {}, connect_timeout: 10, ...(target.path ? { path: target.path } : {}) });
  const db = drizzle(sql, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload) {
      const sub = await sql.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    async migrate() {
      // Several app instances may start together: one connection holds an advisory lock while it migrates.
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      const single = postgres(target.url, { max: 1, onnotice: () => {}, ...(target.path ? { path: target.path } : {}) });
      try {
        await single`select pg_advisory_lock(727001)`;
        await migrate(drizzle(single), { migrationsFolder });
        await single`select pg_advisory_unlock(727001)`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** `dataDir` null keeps the database in memory (tests), started from `loadDataDir` (a `dumpDataDir` tarball) if given. */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the substring search indexes (migration 0021); PGlite loads an extension only when asked here.
  const extensions = { pg_trgm };
  const client: PGlite = dataDir
    ? await PGlite.create(dataDir, { extensions })
    : await PGlite.create({ extensions, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return () => unsubscribe();
    },
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(client), { migrationsFolder });
    },
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

// Kept on globalThis so that dev-server reloads reuse one connection pool, and never open the same PGlite
// directory twice (two PGlite instances on one directory corrupt it).
const globalForDb = globalThis as unknown as { havenDb?: Promise<DatabaseHandle>; havenIntakeDb?: Promise<Db> };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.havenDb) {
    const env = getEnv();
    const opening = env.databaseUrl ? openPostgres(env.databaseUrl, { max: env.dbPoolMax }) : openPglite(path.resolve(env.dataDir, 'pglite'));
    globalForDb.havenDb = opening.catch((error: unknown) => {
      globalForDb.havenDb = undefined;
      throw error;
    });
  }
  return globalForDb.havenDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/**
 * The database as callback intake sees it: on PostgreSQL a separate small pool that nothing else uses, so that a
 * burst of pages or of callback processing can never hold every connection while Daraja waits for "Accepted".
 * PGlite has one connection anyway and shares the application's.
 */
export function getIntakeDb(): Promise<Db> {
  if (!globalForDb.havenIntakeDb) {
    const env = getEnv();
    const opening = env.databaseUrl ? openPostgres(env.databaseUrl, { max: env.intakePoolMax }).then((h) => h.db) : getDb();
    globalForDb.havenIntakeDb = opening.catch((error: unknown) => {
      globalForDb.havenIntakeDb = undefined;
      throw error;
    });
  }
  return globalForDb.havenIntakeDb;
}
