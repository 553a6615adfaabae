import { randomBytes } from 'node:crypto';
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

export async function createTestDatabase(options: { embedded?: boolean; prefix?: string } = {}): Promise<TestDatabase> {
  if (options.embedded) {
    const handle = await openPglite(null);
    await handle.migrate();
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
