import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import { listAuditPage } from '@/db/queries/audit-view';
import { listDeadLetterRows } from '@/db/queries/callback-inbox';
import { getLeaseBalance, listLeaseCharges, listLeasePayments } from '@/db/queries/ledger';
import { listLeasesForCaller, listLeasesPage } from '@/db/queries/leases';
import { listPayoutsForCaller } from '@/db/queries/mpesa-b2c';
import { countUnattributedCallbacks, listAgencyCallbacks, listPushesNeedingReview, listReceiptsNeedingAttention } from '@/db/queries/mpesa-log';
import { listPushesForCaller } from '@/db/queries/mpesa-transactions';
import { getCollectionSummary, listLeaseBalancesForCaller, listLeasesInArrearsPage, listPropertiesForCaller, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { getDashboard } from '@/lib/console/get-dashboard';
import { searchPaymentsForCaller } from '@/db/queries/payment-search';
import { listPaymentsForCaller } from '@/db/queries/payments';
import { listPropertiesPage } from '@/db/queries/properties';
import { listReversalsForCaller } from '@/db/queries/mpesa-reversals';
import { listTenantsPage } from '@/db/queries/tenants';
import * as schema from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { percentile } from './figures';

/**
 * The query functions behind the list pages, run directly against a bench database: each one's own time, and the
 * SQL it sent (caught by Drizzle's logger) so the slowest can be shown with EXPLAIN (ANALYZE, BUFFERS).
 */

export interface BenchCallers {
  admin: Caller;
  landlord: Caller;
  tenant: Caller;
}

export interface SearchTargets {
  receipt: string;
  phoneAsTyped: string;
  amountKes: string;
}

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export interface QueryTiming {
  name: string;
  p50: number;
  samples: number[];
  queries: CapturedQuery[];
}

type QueryCase = [name: string, run: (db: Db) => Promise<unknown>];

function cases({ admin, landlord, tenant }: BenchCallers, targets: SearchTargets): QueryCase[] {
  const period = currentPeriod();
  const tenantLease = async (db: Db) => (await listLeasesForCaller(db, { caller: tenant }))[0]!.id;
  return [
    ['overview: lease balances (admin)', (db) => listLeaseBalancesForCaller(db, { caller: admin })],
    ['overview: lease balances (landlord)', (db) => listLeaseBalancesForCaller(db, { caller: landlord })],
    ['overview: properties (admin)', (db) => listPropertiesForCaller(db, { caller: admin })],
    ['overview: arrears page (admin)', (db) => listLeasesInArrearsPage(db, { caller: admin })],
    ['overview: arrears page (landlord)', (db) => listLeasesInArrearsPage(db, { caller: landlord })],
    ['dashboard (admin)', (db) => getDashboard(db, { caller: admin })],
    ['dashboard (landlord)', (db) => getDashboard(db, { caller: landlord })],
    ['overview: recent payments (admin)', (db) => listRecentPaymentsForCaller(db, { caller: admin, limit: 10 })],
    ['overview: recent payments (landlord)', (db) => listRecentPaymentsForCaller(db, { caller: landlord, limit: 8 })],
    ['overview: collection summary (admin)', (db) => getCollectionSummary(db, { caller: admin, period })],
    ['overview: collection summary (landlord)', (db) => getCollectionSummary(db, { caller: landlord, period })],
    ['mpesa log: callbacks', (db) => listAgencyCallbacks(db, { agencyId: admin.agencyId })],
    ['mpesa log: unattributed count', (db) => countUnattributedCallbacks(db)],
    ['mpesa log: pushes needing review', (db) => listPushesNeedingReview(db, { agencyId: admin.agencyId })],
    ['mpesa log: receipts needing attention', (db) => listReceiptsNeedingAttention(db, { agencyId: admin.agencyId })],
    ['mpesa log: dead letters', (db) => listDeadLetterRows(db, { agencyId: admin.agencyId })],
    ['audit page', (db) => listAuditPage(db, { agencyId: admin.agencyId, filters: {} })],
    ['payments search: none', (db) => searchPaymentsForCaller(db, { caller: admin, filters: {} })],
    ['payments search: receipt', (db) => searchPaymentsForCaller(db, { caller: admin, filters: { q: targets.receipt } })],
    ['payments search: phone', (db) => searchPaymentsForCaller(db, { caller: admin, filters: { q: targets.phoneAsTyped } })],
    ['payments search: amount', (db) => searchPaymentsForCaller(db, { caller: admin, filters: { q: targets.amountKes } })],
    ['payments search: none (landlord)', (db) => searchPaymentsForCaller(db, { caller: landlord, filters: {} })],
    ['leases page (admin)', (db) => listLeasesPage(db, { caller: admin })],
    ['leases page (landlord)', (db) => listLeasesPage(db, { caller: landlord })],
    ['tenants page (admin)', (db) => listTenantsPage(db, { caller: admin })],
    ['tenants page (landlord)', (db) => listTenantsPage(db, { caller: landlord })],
    ['properties page (admin)', (db) => listPropertiesPage(db, { caller: admin })],
    ['payouts (admin)', (db) => listPayoutsForCaller(db, { caller: admin })],
    ['reversals (admin)', (db) => listReversalsForCaller(db, { caller: admin })],
    ['tenant: leases', (db) => listLeasesForCaller(db, { caller: tenant })],
    ['tenant: payments', (db) => listPaymentsForCaller(db, { caller: tenant })],
    ['tenant: pushes', (db) => listPushesForCaller(db, { caller: tenant, limit: 10 })],
    ['tenant: balance', async (db) => getLeaseBalance(db, { leaseId: await tenantLease(db) })],
    ['tenant: charges', async (db) => listLeaseCharges(db, { leaseId: await tenantLease(db) })],
    ['tenant: lease payments', async (db) => listLeasePayments(db, { leaseId: await tenantLease(db), limit: 5 })],
  ];
}

export interface QuerySubject {
  url: string;
  callers: BenchCallers;
  targets: SearchTargets;
}

/**
 * Times each query function on every data set (`runs` times after one warm-up each, the data sets in turn so the
 * machine's load weighs on them alike) and keeps the SQL of its last run on each.
 */
export async function timePageQueries({ subjects, runs = 7 }: { subjects: QuerySubject[]; runs?: number }): Promise<QueryTiming[][]> {
  let captured: CapturedQuery[] = [];
  const clients = subjects.map((s) => postgres(s.url, { max: 4, onnotice: () => {} }));
  const dbs = clients.map((c) => drizzle(c, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Db);
  const caseLists = subjects.map((s) => cases(s.callers, s.targets));
  const timings: QueryTiming[][] = subjects.map(() => []);
  try {
    for (const [i, [name]] of caseLists[0]!.entries()) {
      const samples = subjects.map(() => [] as number[]);
      const queries = subjects.map(() => [] as CapturedQuery[]);
      for (const [k, db] of dbs.entries()) await caseLists[k]![i]![1](db);
      for (let r = 0; r < runs; r += 1) {
        for (const [k, db] of dbs.entries()) {
          captured = [];
          const started = performance.now();
          await caseLists[k]![i]![1](db);
          samples[k]!.push(performance.now() - started);
          queries[k] = captured;
        }
      }
      for (const k of subjects.keys()) timings[k]!.push({ name, p50: percentile(samples[k]!, 50), samples: samples[k]!, queries: queries[k]! });
    }
  } finally {
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  }
  return timings;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement a query function sent, as text. */
export async function explainQueries({ url, queries }: { url: string; queries: CapturedQuery[] }): Promise<string[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const plans: string[] = [];
    for (const q of queries) {
      const rows = await client.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${q.sql}`, q.params as postgres.ParameterOrJSON<never>[]);
      plans.push(`${q.sql}\n-- params: ${JSON.stringify(q.params)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return plans;
  } finally {
    await client.end({ timeout: 5 });
  }
}
