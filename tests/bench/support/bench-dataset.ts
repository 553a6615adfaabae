import postgres from 'postgres';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { demoAgency, demoStaff } from '@/db/seed-data';
import { generateDataset } from './generate-dataset';

/**
 * The page bench's databases: `haven_bench_pages_<payments>` in the local PostgreSQL, migrated with the app's
 * migrations, seeded with the demo users (so pages can be signed into with the demo passwords), then grown by
 * generate-dataset.ts. A finished database is marked with a comment and reused by the next run (after applying any
 * new migrations, so a run after an index migration measures the same rows with the new indexes); set
 * BENCH_REGENERATE=1 to build it again.
 */

const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The generator's version is in the marker: a database made by an older generator is made again.
const marker = (payments: number) => `haven-bench v2 payments=${payments} complete`;

export function benchDatabaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface BenchDataset {
  name: string;
  url: string;
  payments: number;
  handle: DatabaseHandle;
}

export async function openBenchDataset({ payments, regenerate = process.env.BENCH_REGENERATE === '1' }: { payments: number; regenerate?: boolean }): Promise<BenchDataset> {
  const name = `haven_bench_pages_${payments}`;
  const url = benchDatabaseUrl(name);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let ready = false;
  try {
    const [row] = await admin<{ comment: string | null }[]>`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
    ready = !regenerate && row?.comment === marker(payments);
    if (!ready) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const handle = await openPostgres(url, { max: 4 });
  const started = performance.now();
  await handle.migrate();
  if (ready) {
    console.log(`${name}: reused (migrations applied in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return { name, url, payments, handle };
  }
  console.log(`${name}: generating ${payments.toLocaleString('en')} payments over 50 agencies`);
  await seedDemoData(handle.db);
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const landlord = demoStaff.find((s) => s.key === 'landlord')!;
    await generateDataset(single, { payments, demoPaybill: demoAgency.paybillShortcode, demoLandlordEmail: landlord.email });
    const [counts] = await single<{ payments: number; leases: number; pushes: number; callbacks: number }[]>`
      select (select count(*)::int from payments) as payments, (select count(*)::int from leases) as leases,
             (select count(*)::int from mpesa_transactions) as pushes, (select count(*)::int from callback_inbox) as callbacks`;
    console.log(`${name}: ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await single.unsafe(`comment on database "${name}" is '${marker(payments)}'`);
  } finally {
    await single.end({ timeout: 5 });
  }
  return { name, url, payments, handle };
}
