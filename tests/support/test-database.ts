import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openPglite, openPostgres, type DatabaseHandle } from '@/db/client';

/**
 * A fresh, migrated database per test file: a new database in the local PostgreSQL (TEST_PG_ADMIN_URL, default
 * the local trust-auth server), or an in-memory PGlite with `{ embedded: true }`.
 */

const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DatabaseHandle {
  url: string | null;
  drop(): Promise<void>;
}

export function testDatabaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Hooks that create an embedded database (PGlite migrating, then seeding, in WebAssembly) take minutes when the
 * two cores are shared with builds and browsers; a hook timeout sized for an idle machine fails there (issue #16).
 */
export const EMBEDDED_SETUP_TIMEOUT_MS = 300_000;

/**
 * Migrating PGlite is most of an embedded setup, and the same for every file: the first file to need it stores the
 * migrated database as a tarball (named by the migrations' content, so a new migration makes a new one) and the
 * others start from it. Written under a temporary name and renamed, so parallel workers never read half a file.
 */
async function openMigratedPglite() {
  const dir = path.resolve('drizzle');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  const cacheDir = path.resolve('.data/test-pglite');
  const cached = path.join(cacheDir, `migrated-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(cached)) {
    const handle = await openPglite(null, { loadDataDir: new Blob([readFileSync(cached)]) });
    // A no-op when the tarball is what its name says; it costs a read of the journal.
    await handle.migrate();
    return handle;
  }
  const handle = await openPglite(null);
  await handle.migrate();
  if (handle.dumpDataDir) {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.${randomBytes(3).toString('hex')}`;
    writeFileSync(temporary, Buffer.from(await (await handle.dumpDataDir()).arrayBuffer()));
    renameSync(temporary, cached);
  }
  return handle;
}

export async function createTestDatabase(options: { embedded?: boolean; prefix?: string } = {}): Promise<TestDatabase> {
  if (options.embedded) {
    const handle = await openMigratedPglite();
    return { ...handle, url: null, drop: () => handle.close() };
  }
  const name = `${options.prefix ?? 'haven_test'}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = testDatabaseUrl(name);
  const handle = await openPostgres(url, { max: 5 });
  await handle.migrate();
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
      }
    },
  };
}
