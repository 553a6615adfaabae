import { describe, expect, it } from 'vitest';
import type { MonthTotal } from '@/db/queries/month-totals';
import { joinCollectionsByMethod, sumDueInMonth, sumMonthlyFigures } from './dashboard-month-figures';

const row = (period: string, entry: string, cents: number, payments = 0): MonthTotal => ({ period, entry, cents, payments });

// Two months of totals as listMonthTotals returns them: one row per period and entry.
const monthTotals: MonthTotal[] = [
  row('2026-11', 'due', 90_000_00),
  row('2026-11', 'mpesa_stk', 40_000_00, 4),
  row('2026-11', 'cash', 5_000_00, 1),
  row('2026-12', 'due', 100_000_00),
  row('2026-12', 'mpesa_paybill', 30_000_00, 2),
  row('2026-12', 'mpesa_stk', 12_000_00, 3),
];

describe('dashboard month figures (from one read of the month totals)', () => {
  it('sums collected (every route) and due per period, in the order asked, zero for a period without totals', () => {
    expect(sumMonthlyFigures({ monthTotals, months: ['2026-10', '2026-11', '2026-12'] })).toEqual([
      { period: '2026-10', collectedCents: 0, dueCents: 0 },
      { period: '2026-11', collectedCents: 45_000_00, dueCents: 90_000_00 },
      { period: '2026-12', collectedCents: 42_000_00, dueCents: 100_000_00 },
    ]);
  });

  it('reads what fell due in one period only', () => {
    expect(sumDueInMonth({ monthTotals, period: '2026-12' })).toBe(100_000_00);
    expect(sumDueInMonth({ monthTotals, period: '2026-10' })).toBe(0);
  });

  it('puts each route’s today and week beside its month, other months left out', () => {
    const joined = joinCollectionsByMethod({
      week: [{ method: 'mpesa_stk', todayCents: 1_000_00, weekCents: 5_000_00 }, { method: 'bank', todayCents: 0, weekCents: 2_000_00 }],
      monthTotals,
      period: '2026-12',
    });
    expect(joined).toEqual([
      { method: 'mpesa_stk', todayCents: 1_000_00, weekCents: 5_000_00, monthCents: 12_000_00, monthCount: 3 },
      // A bank payment made this week but counted under last month (the week reaches back into November).
      { method: 'bank', todayCents: 0, weekCents: 2_000_00, monthCents: 0, monthCount: 0 },
      { method: 'mpesa_paybill', todayCents: 0, weekCents: 0, monthCents: 30_000_00, monthCount: 2 },
    ]);
    // November's cash is no route of December's.
    expect(joined.map((r) => r.method)).not.toContain('cash');
  });

  it('has no routes when nothing came in', () => {
    expect(joinCollectionsByMethod({ week: [], monthTotals: [row('2026-12', 'due', 1_00)], period: '2026-12' })).toEqual([]);
  });
});
