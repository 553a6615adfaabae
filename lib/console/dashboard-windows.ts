import { addPeriods, currentPeriod, periodBounds } from '@/lib/ledger/rent-period';
import { nairobiDay, nairobiDayBounds, shiftNairobiDay } from '@/lib/nairobi-day';

/**
 * The spans the dashboard reports on, as people in Kenya count them: today, this week (Monday to Sunday) and this
 * month in Nairobi days, plus the 12 months of the collections chart. `from` is inclusive, `to` exclusive, in UTC.
 */

export interface DayWindow {
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

export interface DashboardWindows {
  today: DayWindow;
  week: DayWindow;
  month: DayWindow & { period: string };
  /** The last 12 periods, oldest first, ending with this month. */
  months: string[];
  /** The span that covers every window: where a query needs to look. */
  from: Date;
  to: Date;
}

function daysWindow(firstDay: string, lastDay: string): DayWindow {
  return { firstDay, lastDay, from: nairobiDayBounds(firstDay).from, to: nairobiDayBounds(lastDay).to };
}

export function dashboardWindows(now: Date = new Date()): DashboardWindows {
  const today = nairobiDay(now);
  // getUTCDay of the calendar date itself: 0 = Sunday, so Monday starts the week.
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const monday = shiftNairobiDay(today, -((weekday + 6) % 7));
  const period = currentPeriod(now);
  const { from: monthFrom, to: monthTo } = periodBounds(period);
  const lastOfMonth = nairobiDay(new Date(monthTo.getTime() - 1));
  const months = Array.from({ length: 12 }, (_, i) => addPeriods(period, i - 11));
  const week = daysWindow(monday, shiftNairobiDay(monday, 6));
  return {
    today: daysWindow(today, today),
    week,
    month: { period, firstDay: `${period}-01`, lastDay: lastOfMonth, from: monthFrom, to: monthTo },
    months,
    from: new Date(Math.min(periodBounds(months[0]!).from.getTime(), week.from.getTime())),
    to: new Date(Math.max(monthTo.getTime(), week.to.getTime())),
  };
}

/** Every Nairobi day of a month window, for the daily chart (days without payments included, at zero). */
export function daysOf(window: DayWindow): string[] {
  const days: string[] = [];
  for (let d = window.firstDay; d <= window.lastDay; d = shiftNairobiDay(d, 1)) days.push(d);
  return days;
}
