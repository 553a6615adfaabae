import postgres from 'postgres';
import { openPostgres } from '@/db/client';
import { seedDemoData } from '@/db/seed';

/** Drops and creates the bench's own database, migrated and seeded with the demo world (as the e2e app starts). */
export async function createFreshBenchDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: url.username || 'postgres', database: 'postgres', max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const handle = await openPostgres(databaseUrl, { max: 2 });
  await handle.migrate();
  await seedDemoData(handle.db);
  await handle.close();
}
