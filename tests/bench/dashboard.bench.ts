import { sql } from 'drizzle-orm';
import { countOccupancy, countStkOutcomes, listUnpaidCharges, sumDailyCollections, sumWeekCollectionsByMethod, sumWeekDue } from '@/db/queries/dashboard';
import { listMonthTotals } from '@/db/queries/month-totals';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { dashboardWindows } from '@/lib/console/dashboard-windows';
import { getDashboard } from '@/lib/console/get-dashboard';
import { periodBounds } from '@/lib/ledger/rent-period';
import { callerByEmail } from '../support/mpesa-world';
import { createTestDatabase } from '../support/test-database';
import { createFigureSheet, percentile } from './support/figures';

/**
 * The dashboard on a large agency: BENCH_DASHBOARD_PAYMENTS payments (default 300,000) over 13 months, a tenth as
 * many charges and half as many STK pushes, loaded with SQL into the demo agency. Prints p50/p95 of the whole
 * dashboard for an admin and a landlord, each query's p95 for the admin, and the plan of the slowest query.
 */

const PAYMENTS = Number(process.env.BENCH_DASHBOARD_PAYMENTS ?? 300_000);
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 15);

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main() {
  const db = await createTestDatabase({ prefix: 'haven_bench_dashboard' });
  const sheet = createFigureSheet({ bench: 'dashboard' });
  try {
    await seedDemoData(db.db);
    const admin = await callerByEmail(db.db, 'admin@example.com');
    const landlord = await callerByEmail(db.db, 'landlord@example.com');
    const loadStart = performance.now();
    await db.db.execute(sql`
      with l as (select array_agg(id order by id) as ids from leases where agency_id = ${admin.agencyId})
      insert into payments (agency_id, lease_id, amount_cents, method, paid_at)
      select ${admin.agencyId}, l.ids[1 + g % cardinality(l.ids)], 100000 + (g % 500) * 1000,
        (array['mpesa_stk', 'mpesa_paybill', 'cash', 'bank'])[1 + g % 4]::payment_method, now() - (g % 400) * interval '1 day' - (g % 86400) * interval '1 second'
      from l, generate_series(1, ${PAYMENTS}) g`);
    await db.db.execute(sql`
      with l as (select array_agg(id order by id) as ids from leases where agency_id = ${admin.agencyId})
      insert into charges (agency_id, lease_id, kind, description, amount_cents, due_date)
      select ${admin.agencyId}, l.ids[1 + g % cardinality(l.ids)], 'other', 'Bench charge', 50000 + (g % 300) * 1000, current_date - (g % 400)
      from l, generate_series(1, ${Math.round(PAYMENTS / 10)}) g`);
    await db.db.execute(sql`
      with l as (select array_agg(id order by id) as ids, array_agg(tenant_id order by id) as tenants, array_agg(account_reference order by id) as refs from leases where agency_id = ${admin.agencyId})
      insert into mpesa_transactions (agency_id, lease_id, initiated_by, shortcode, phone, amount_cents, account_reference, status, result_code, created_at)
      select ${admin.agencyId}, l.ids[1 + g % cardinality(l.ids)], l.tenants[1 + g % cardinality(l.ids)], '174379', '254712345678', 100000, l.refs[1 + g % cardinality(l.ids)],
        (array['SUCCESS', 'SUCCESS', 'CANCELLED', 'FAILED', 'TIMEOUT'])[1 + g % 5]::mpesa_stk_status, (array['0', '0', '1032', '1', '1037'])[1 + g % 5],
        now() - (g % 60) * interval '1 day'
      from l, generate_series(1, ${Math.round(PAYMENTS / 2)}) g`);
    await db.db.execute(sql`analyze`);
    sheet.add({ name: 'load (payments, charges, pushes)', value: performance.now() - loadStart, unit: 'ms' });

    for (const [who, caller] of [['admin', admin], ['landlord', landlord]] as [string, Caller][]) {
      const samples = await timed(RUNS, () => getDashboard(db.db, { caller }));
      sheet.add({ name: `dashboard ${who} p50`, value: percentile(samples, 50), unit: 'ms' });
      sheet.add({ name: `dashboard ${who} p95`, value: percentile(samples, 95), unit: 'ms', goal: '≤ 500 ms', check: (f) => f.value <= 500 });
    }

    const windows = dashboardWindows();
    const queries: [string, () => Promise<unknown>][] = [
      ['sumWeekCollectionsByMethod', () => sumWeekCollectionsByMethod(db.db, { caller: admin, windows })],
      ['sumWeekDue', () => sumWeekDue(db.db, { caller: admin, windows })],
      ['listMonthTotals (12 months)', () => listMonthTotals(db.db, { caller: admin, periods: windows.months })],
      ['sumDailyCollections', () => sumDailyCollections(db.db, { caller: admin, windows })],
      ['countStkOutcomes', () => countStkOutcomes(db.db, { caller: admin, from: windows.month.from, to: windows.month.to })],
      ['listUnpaidCharges', () => listUnpaidCharges(db.db, { caller: admin, today: windows.today.firstDay })],
      ['countOccupancy', () => countOccupancy(db.db, { caller: admin })],
    ];
    let slowest = { name: '', p95: 0 };
    for (const [name, run] of queries) {
      const p95 = percentile(await timed(Math.max(5, Math.round(RUNS / 2)), run), 95);
      sheet.add({ name: `${name} p95 (admin)`, value: p95, unit: 'ms' });
      if (p95 > slowest.p95) slowest = { name, p95 };
    }
    console.log(`Slowest query: ${slowest.name}`);
    // The plans of the two queries that read the most rows, written out as they run (same tables, filters, groups).
    const months = windows.months.map((period) => periodBounds(period));
    const plans: Record<string, ReturnType<typeof sql>> = {
      sumMonthlyCollections: sql`explain (analyze, buffers) select ${sql.join(
        months.map((m) => sql`sum(amount_cents) filter (where paid_at >= ${m.from.toISOString()}::timestamptz and paid_at < ${m.to.toISOString()}::timestamptz)`),
        sql`, `,
      )} from payments where agency_id = ${admin.agencyId} and status = 'completed' and paid_at >= ${months[0]!.from.toISOString()}::timestamptz
        and lease_id in (select id from leases where agency_id = ${admin.agencyId})`,
      listUnpaidCharges: sql`explain (analyze, buffers) select c.lease_id, c.due_date, sum(c.amount_cents - coalesce(n.cents, 0) - coalesce(a.cents, 0))
        from charges c
        left join (select charge_id, sum(amount_cents) as cents from credit_notes where agency_id = ${admin.agencyId} group by charge_id) n on n.charge_id = c.id
        left join (select charge_id, sum(amount_cents) as cents from payment_allocations where lease_id in (select id from leases where agency_id = ${admin.agencyId}) group by charge_id) a on a.charge_id = c.id
        where c.agency_id = ${admin.agencyId} and c.due_date <= ${windows.today.firstDay}::date
        and c.lease_id in (select id from leases where agency_id = ${admin.agencyId}) group by 1, 2`,
    };
    for (const [name, query] of Object.entries(plans)) {
      const rows = (await db.db.execute(query)) as unknown as Record<string, string>[];
      console.log(`\nPlan of ${name}:\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
    sheet.write({ payments: PAYMENTS, runs: RUNS });
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
