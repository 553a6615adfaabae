import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { demoStaff } from '@/db/seed-data';
import type { Caller } from '@/lib/auth/caller';
import { startAppInstance, type AppInstance } from '../support/app-instance';
import { signIn } from '../support/chaos/chaos-http';
import { openBenchDataset } from './support/bench-dataset';
import { createFigureSheet } from './support/figures';
import { explainQueries, timePageQueries, type BenchCallers, type QueryTiming, type SearchTargets } from './support/page-queries';
import { timePageInterleaved, type BenchRole, type PageCase, type PageTiming } from './support/page-timing';

/**
 * `npm run bench -- pages`: every list page of the production build, signed in as the demo agency's admin, landlord
 * and tenant, at 10 k and 1 M payments over 50 agencies (tests/bench/support/generate-dataset.ts). Prints p50/p95 per
 * page at both sizes, the growth 1 M / 10 k, each query function's own time, and EXPLAIN (ANALYZE, BUFFERS) of the
 * slowest queries; writes the figures as JSON. Needs `npx next build` first (built here if .next has no build).
 * Both data sets are served at once (an app each) and every page is requested on them in turn, so the machine's
 * load weighs on both alike. BENCH_SIZES="10000,1000000", BENCH_SAMPLES=40, BENCH_APP_PORT (and the next; default: free ports).
 */

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
// 40 samples: a p95 of 15 was the slowest sample or nearly, and swung with one pause of the machine.
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const FIRST_PORT = process.env.BENCH_APP_PORT ? Number(process.env.BENCH_APP_PORT) : null;
const GOAL = 'p95 ≤ 100 ms, growth ≤ 1.5×';
const EMAILS: Record<BenchRole, string> = {
  admin: demoStaff.find((s) => s.key === 'admin')!.email,
  landlord: demoStaff.find((s) => s.key === 'landlord')!.email,
  tenant: 'tenant@example.com',
};

function pageCases(t: SearchTargets): PageCase[] {
  const q = (text: string) => `/payments?q=${encodeURIComponent(text)}`;
  return [
    { name: '/admin', role: 'admin', path: '/admin' },
    { name: '/admin/mpesa', role: 'admin', path: '/admin/mpesa' },
    { name: '/admin/unmatched', role: 'admin', path: '/admin/unmatched' },
    { name: '/admin/audit', role: 'admin', path: '/admin/audit' },
    { name: '/payments', role: 'admin', path: '/payments' },
    { name: '/payments?q=receipt', role: 'admin', path: q(t.receipt) },
    { name: '/payments?q=phone', role: 'admin', path: q(t.phoneAsTyped) },
    { name: '/payments?q=amount', role: 'admin', path: q(t.amountKes) },
    { name: '/leases', role: 'admin', path: '/leases' },
    { name: '/tenants', role: 'admin', path: '/tenants' },
    { name: '/properties', role: 'admin', path: '/properties' },
    { name: '/payouts', role: 'admin', path: '/payouts' },
    { name: 'GET /api/v1/unmatched', role: 'admin', path: '/api/v1/unmatched' },
    { name: 'GET /api/v1/mpesa/b2c', role: 'admin', path: '/api/v1/mpesa/b2c' },
    { name: 'GET /api/v1/payments/export?q=receipt', role: 'admin', path: `/api/v1/payments/export?q=${encodeURIComponent(t.receipt)}` },
    { name: '/landlord', role: 'landlord', path: '/landlord' },
    { name: '/payments (landlord)', role: 'landlord', path: '/payments' },
    { name: '/leases (landlord)', role: 'landlord', path: '/leases' },
    { name: '/tenant', role: 'tenant', path: '/tenant' },
    { name: '/tenant/payments', role: 'tenant', path: '/tenant/payments' },
  ];
}

/** A generated payment of the demo agency to search for: its receipt, its payer's phone as people type it, its amount. */
async function findTargets(sql: postgres.Sql): Promise<SearchTargets> {
  const [row] = await sql<{ receipt: string; phone: string; amount: number }[]>`
    select p.mpesa_receipt_number as receipt, p.payer_phone as phone, (p.amount_cents / 100)::int as amount
    from payments p join agencies a on a.id = p.agency_id
    where a.paybill_shortcode = '174379' and p.mpesa_receipt_number like 'QB%' order by p.paid_at desc, p.id limit 1 offset 40`;
  if (!row) throw new Error('no generated payment in the demo agency');
  const local = `0${row.phone.slice(3)}`;
  return { receipt: row.receipt, phoneAsTyped: `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`, amountKes: String(row.amount) };
}

async function findCallers(sql: postgres.Sql): Promise<BenchCallers> {
  const rows = await sql<Caller[]>`select id, agency_id as "agencyId", role, name, email, phone from users where email in ${sql(Object.values(EMAILS))}`;
  const of = (role: BenchRole) => rows.find((r) => r.email === EMAILS[role])!;
  return { admin: of('admin'), landlord: of('landlord'), tenant: of('tenant') };
}

interface SizeResult {
  payments: number;
  pages: PageTiming[];
  queries: QueryTiming[];
  url: string;
}

interface Prepared {
  payments: number;
  url: string;
  targets: SearchTargets;
  callers: BenchCallers;
  app: AppInstance;
  cookies: Record<BenchRole, string>;
}

/**
 * A port nothing listens on (the given one, checked, or one the system picks). Other sessions run their own apps on
 * this machine: starting on a taken port would make the health check answer from their app, and the bench would
 * measure (and sign into) someone else's server.
 */
function freePort(wanted: number | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(new Error(`port ${wanted} is taken: ${error.message}`)));
    probe.listen(wanted ?? 0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A data set with its own app instance (production build), signed in as the three people. */
async function prepareSize(payments: number, wantedPort: number | null): Promise<Prepared> {
  const port = await freePort(wantedPort);
  const dataset = await openBenchDataset({ payments });
  await dataset.handle.close();
  const sql = postgres(dataset.url, { max: 1, onnotice: () => {} });
  const [targets, callers] = await Promise.all([findTargets(sql), findCallers(sql)]).finally(() => sql.end({ timeout: 5 }));
  console.log(`${dataset.name}: searching for receipt ${targets.receipt}, phone "${targets.phoneAsTyped}", amount ${targets.amountKes}`);
  const app = await startAppInstance({
    port,
    env: {
      DATABASE_URL: dataset.url,
      // Nothing in the background competes with the pages, and no sandbox (nor another run's) is registered with.
      HAVEN_SWEEP_INTERVAL_SECONDS: '0', HAVEN_RECONCILE_INTERVAL_SECONDS: '0', HAVEN_OUTBOX_INTERVAL_SECONDS: '0', DARAJA_SANDBOX_PORT: '4199',
    },
  });
  const roles = Object.keys(EMAILS) as BenchRole[];
  const cookies = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await signIn(app.url, EMAILS[role])]))) as Record<BenchRole, string>;
  return { payments, url: dataset.url, targets, callers, app, cookies };
}

/** Every data set at once (an app each), each page and query requested on them in turn. */
async function measure(sizes: number[]): Promise<SizeResult[]> {
  const prepared: Prepared[] = [];
  try {
    for (const [i, size] of sizes.entries()) prepared.push(await prepareSize(size, FIRST_PORT === null ? null : FIRST_PORT + i));
    const pages = prepared.map(() => [] as PageTiming[]);
    const cases = prepared.map((p) => pageCases(p.targets));
    for (const [i, page] of cases[0]!.entries()) {
      const timings = await timePageInterleaved({
        name: page.name, samples: SAMPLES,
        targets: prepared.map((p, k) => ({ base: p.app.url, cookie: p.cookies[page.role], path: cases[k]![i]!.path })),
      });
      console.log(`  ${page.name}: ${timings.map((t, k) => `${prepared[k]!.payments}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, ${(t.bytes / 1024).toFixed(0)} KB`).join(' | ')}`);
      timings.forEach((t, k) => pages[k]!.push(t));
    }
    for (const p of prepared) p.app.kill();
    await Promise.all(prepared.map((p) => p.app.exited));
    const queries = await timePageQueries({ subjects: prepared.map((p) => ({ url: p.url, callers: p.callers, targets: p.targets })) });
    return prepared.map((p, k) => ({ payments: p.payments, url: p.url, pages: pages[k]!, queries: queries[k]! }));
  } finally {
    for (const p of prepared) p.app.kill();
  }
}

function ensureBuild() {
  if (existsSync('.next/BUILD_ID') && process.env.BENCH_BUILD !== '1') return;
  console.log('Building the app (npx next build)…');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
}

async function main() {
  ensureBuild();
  const results = await measure(SIZES);
  const small = results[0]!;
  const big = results[results.length - 1]!;
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1000} k`);
  const sheet = createFigureSheet({ bench: 'pages' });
  console.log(`\nPages at ${label(big.payments)} payments (reference: the same page at ${label(small.payments)})`);
  for (const page of big.pages) {
    const ref = small.pages.find((p) => p.name === page.name)!;
    sheet.add({ name: `${page.name} p50`, value: page.p50, unit: 'ms', reference: { name: `${label(small.payments)} p50`, value: ref.p50 } });
    sheet.add({
      name: `${page.name} p95`, value: page.p95, unit: 'ms', reference: { name: `${label(small.payments)} p95`, value: ref.p95 }, goal: GOAL,
      check: (f) => f.value <= 100 && (f.ratio ?? Infinity) <= 1.5,
    });
  }
  console.log(`\nQuery functions at ${label(big.payments)} (p50 of ${big.queries[0]?.samples.length ?? 0} runs; reference ${label(small.payments)})`);
  for (const q of big.queries) {
    const ref = small.queries.find((r) => r.name === q.name)!;
    sheet.add({ name: `query ${q.name} p50`, value: q.p50, unit: 'ms', reference: { name: `${label(small.payments)} p50`, value: ref.p50 } });
  }
  const slowest = [...big.queries].sort((a, b) => b.p50 - a.p50).slice(0, Number(process.env.BENCH_PLANS ?? 6));
  const plans: Record<string, string[]> = {};
  for (const q of slowest) {
    plans[q.name] = await explainQueries({ url: big.url, queries: q.queries });
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS): ${q.name} (p50 ${q.p50.toFixed(1)} ms) ---\n${plans[q.name]!.join('\n\n')}`);
  }
  sheet.write({ sizes: results.map((r) => ({ payments: r.payments, pages: r.pages, queries: r.queries.map(({ name, p50 }) => ({ name, p50 })) })), plans });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
