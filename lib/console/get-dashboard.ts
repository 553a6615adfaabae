import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countOccupancy, countStkOutcomes, listUnpaidCharges, sumDailyCollections, sumWeekCollectionsByMethod, sumWeekDue } from '@/db/queries/dashboard';
import { listMonthTotals } from '@/db/queries/month-totals';
import type { PaymentMethod } from '@/db/schema/ledger';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { STK_FAILURE_REASONS, stkFailureReason, stkFailureReasonLabel, type StkFailureReason } from '@/lib/mpesa/stk-failure-reasons';
import { ageArrears, type ArrearsBand } from './dashboard-arrears';
import { joinCollectionsByMethod, sumDueInMonth, sumMonthlyFigures } from './dashboard-month-figures';
import { dashboardWindows, daysOf } from './dashboard-windows';

/**
 * The admin's (whole agency) or landlord's (own properties) dashboard, computed from the books on each request.
 * Authorisation is in the queries (db/queries/dashboard.ts); tenants have no dashboard.
 */

export interface CollectionWindow {
  collectedCents: number;
  dueCents: number;
  byRoute: { method: PaymentMethod; label: string; cents: number }[];
}

export interface Dashboard {
  period: string;
  today: CollectionWindow & { day: string };
  week: CollectionWindow & { firstDay: string; lastDay: string };
  month: CollectionWindow & { paymentCount: number; averageCents: number | null };
  stk: {
    started: number;
    succeeded: number;
    failed: number;
    pending: number;
    /** Successes among pushes that ended, in percent; null when none ended. */
    successRate: number | null;
    reasons: { reason: StkFailureReason; label: string; count: number }[];
  };
  arrears: { bands: ArrearsBand[]; totalCents: number; leases: number };
  occupancy: { units: number; occupied: number; percent: number | null };
  monthly: { period: string; collectedCents: number; dueCents: number }[];
  daily: { day: string; collectedCents: number }[];
}

const METHOD_ORDER = Object.keys(paymentMethodLabel) as PaymentMethod[];

export async function getDashboard(db: DbOrTx, { caller, now = new Date() }: { caller: Caller; now?: Date }): Promise<Dashboard> {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const windows = dashboardWindows(now);
  const [weekByMethod, weekDue, monthTotals, daily, stkRows, unpaid, occupancy] = await Promise.all([
    sumWeekCollectionsByMethod(db, { caller, windows }),
    sumWeekDue(db, { caller, windows }),
    // The chart's 12 months, this month last: this month's figures are derived from the same rows.
    listMonthTotals(db, { caller, periods: windows.months }),
    sumDailyCollections(db, { caller, windows }),
    countStkOutcomes(db, { caller, from: windows.month.from, to: windows.month.to }),
    listUnpaidCharges(db, { caller, today: windows.today.firstDay }),
    countOccupancy(db, { caller }),
  ]);

  const period = windows.month.period;
  const byMethod = joinCollectionsByMethod({ week: weekByMethod, monthTotals, period });
  const sorted = [...byMethod].sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
  const window = (pick: 'todayCents' | 'weekCents' | 'monthCents', dueCents: number): CollectionWindow => {
    const byRoute = sorted.filter((r) => r[pick] > 0).map((r) => ({ method: r.method, label: paymentMethodLabel[r.method], cents: r[pick] }));
    return { collectedCents: byRoute.reduce((s, r) => s + r.cents, 0), dueCents, byRoute };
  };
  const month = window('monthCents', sumDueInMonth({ monthTotals, period }));
  const paymentCount = sorted.reduce((s, r) => s + r.monthCount, 0);

  const reasonCounts = new Map<StkFailureReason, number>();
  let succeeded = 0;
  let pending = 0;
  let started = 0;
  for (const row of stkRows) {
    started += row.count;
    if (row.status === 'SUCCESS') succeeded += row.count;
    else if (row.status === 'PENDING') pending += row.count;
    const reason = stkFailureReason(row);
    if (reason) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + row.count);
  }
  const failed = started - succeeded - pending;

  const collectedByDay = new Map(daily.map((r) => [r.day, r.cents]));

  return {
    period,
    today: { ...window('todayCents', weekDue.todayCents), day: windows.today.firstDay },
    week: { ...window('weekCents', weekDue.weekCents), firstDay: windows.week.firstDay, lastDay: windows.week.lastDay },
    month: { ...month, paymentCount, averageCents: paymentCount === 0 ? null : Math.round(month.collectedCents / paymentCount) },
    stk: {
      started,
      succeeded,
      failed,
      pending,
      successRate: succeeded + failed === 0 ? null : Math.round((succeeded / (succeeded + failed)) * 1000) / 10,
      reasons: STK_FAILURE_REASONS.filter((r) => reasonCounts.has(r))
        .map((reason) => ({ reason, label: stkFailureReasonLabel[reason], count: reasonCounts.get(reason)! }))
        .sort((a, b) => b.count - a.count),
    },
    arrears: ageArrears({ charges: unpaid, today: windows.today.firstDay }),
    occupancy: { ...occupancy, percent: occupancy.units === 0 ? null : Math.round((occupancy.occupied / occupancy.units) * 100) },
    monthly: sumMonthlyFigures({ monthTotals, months: windows.months }),
    daily: daysOf(windows.month).map((d) => ({ day: d, collectedCents: collectedByDay.get(d) ?? 0 })),
  };
}
