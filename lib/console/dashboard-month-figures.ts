import type { MonthTotal } from '@/db/queries/month-totals';
import type { PaymentMethod } from '@/db/schema/ledger';

/**
 * The dashboard's month figures, all derived from one read of the month totals over the chart's 12 months (this
 * month is the last of them). Reading the totals once per figure read this month's rows three times per dashboard.
 */

export interface CollectionsByMethod {
  method: PaymentMethod;
  todayCents: number;
  weekCents: number;
  monthCents: number;
  monthCount: number;
}

const sumCents = (rows: readonly MonthTotal[]) => rows.reduce((s, r) => s + r.cents, 0);

/** Collected (every route) and due in each period, in the order given; a period without totals counts zero. */
export function sumMonthlyFigures({ monthTotals, months }: { monthTotals: readonly MonthTotal[]; months: readonly string[] }) {
  return months.map((period) => {
    const ofPeriod = monthTotals.filter((r) => r.period === period);
    return { period, collectedCents: sumCents(ofPeriod.filter((r) => r.entry !== 'due')), dueCents: sumCents(ofPeriod.filter((r) => r.entry === 'due')) };
  });
}

/** What fell due in one period: charges net of their credit notes. */
export function sumDueInMonth({ monthTotals, period }: { monthTotals: readonly MonthTotal[]; period: string }): number {
  return sumCents(monthTotals.filter((r) => r.period === period && r.entry === 'due'));
}

/**
 * Each route's money today and this week (read from the payments) beside its money and payment count in one
 * period (from the month totals): a route with either appears, the other figures at zero.
 */
export function joinCollectionsByMethod({
  week,
  monthTotals,
  period,
}: {
  week: readonly { method: PaymentMethod; todayCents: number; weekCents: number }[];
  monthTotals: readonly MonthTotal[];
  period: string;
}): CollectionsByMethod[] {
  const byMethod = new Map<PaymentMethod, CollectionsByMethod>();
  const of = (method: PaymentMethod) => byMethod.get(method) ?? byMethod.set(method, { method, todayCents: 0, weekCents: 0, monthCents: 0, monthCount: 0 }).get(method)!;
  for (const r of week) Object.assign(of(r.method), { todayCents: r.todayCents, weekCents: r.weekCents });
  // Every entry but `due` is the payment method the money came by.
  for (const m of monthTotals) if (m.period === period && m.entry !== 'due') Object.assign(of(m.entry as PaymentMethod), { monthCents: m.cents, monthCount: m.payments });
  return [...byMethod.values()];
}
