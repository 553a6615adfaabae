/** Client-safe: whether the balance the widget shows predates money that has since gone out. */

interface Overview {
  latest: { completedAt: string | null; createdAt: string } | null;
  lastMoneyOutAt: string | null;
}

/** How long after money goes out the widget keeps looking for the balance check Haven starts then. */
export const FRESHEN_WINDOW_MS = 2 * 60_000;

/** True when a payout or reversal settled after the balance shown was read: it is out of date. */
export function isBalanceStale(overview: Overview): boolean {
  if (!overview.latest || !overview.lastMoneyOutAt) return false;
  return Date.parse(overview.latest.completedAt ?? overview.latest.createdAt) < Date.parse(overview.lastMoneyOutAt);
}

/** Poll fast while a check runs or the balance is newly out of date; otherwise once a minute. */
export function balanceRefreshInterval(overview: (Overview & { current: { status: string } | null }) | undefined, now = Date.now()): number {
  if (!overview) return 60_000;
  if (overview.current?.status === 'PENDING') return 1_500;
  if (isBalanceStale(overview) && now - Date.parse(overview.lastMoneyOutAt!) < FRESHEN_WINDOW_MS) return 2_000;
  return 60_000;
}
