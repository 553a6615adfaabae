import 'server-only';
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mpesaBalanceChecks } from '@/db/schema';
import { nairobiDay, nairobiDayBounds } from '@/lib/nairobi-day';
import { listMpesaContexts } from '../mpesa-context';
import { startBalanceCheck } from './request-balance-check';

/**
 * How old the newest balance check may get before the sweep makes another. Money out already triggers a check
 * (after each payout or reversal result); this catches what Haven does not see happen: rent arriving all day,
 * charges M-Pesa takes, money moved on the M-Pesa portal. Four checks a day at most: each is a Daraja call.
 */
export const BALANCE_CHECK_EVERY_MS = 6 * 3600_000;

/**
 * Sweep: a balance check for each agency whose newest one (on its way or answered) is older than the interval or
 * from before today's start in Nairobi. The first check of each Nairobi day is the day's opening balance in the
 * daily proof and the previous day's closing one, so it is made as soon as the day starts (or the app does).
 */
export async function checkBalanceOnSchedule(db: Db, { now = new Date(), everyMs = BALANCE_CHECK_EVERY_MS }: { now?: Date; everyMs?: number } = {}): Promise<number> {
  const { from: startOfDay } = nairobiDayBounds(nairobiDay(now));
  const since = new Date(Math.max(startOfDay.getTime(), now.getTime() - everyMs));
  let started = 0;
  for (const { agencyId: id, mpesa } of await listMpesaContexts(db)) {
    const [recent] = await db
      .select({ id: mpesaBalanceChecks.id })
      .from(mpesaBalanceChecks)
      .where(and(eq(mpesaBalanceChecks.agencyId, id), inArray(mpesaBalanceChecks.status, ['QUEUED', 'PENDING', 'SUCCESS']), gte(mpesaBalanceChecks.createdAt, since)))
      .limit(1);
    if (recent) continue;
    await startBalanceCheck(db, { agencyId: id, actor: null, reason: since.getTime() === startOfDay.getTime() ? 'start of day' : 'schedule', mpesa });
    started += 1;
  }
  return started;
}
