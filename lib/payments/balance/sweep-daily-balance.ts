import 'server-only';
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mpesaBalanceChecks } from '@/db/schema';
import { nairobiDay, nairobiDayBounds } from '@/lib/nairobi-day';
import { listMpesaContexts } from '../mpesa-context';
import { startBalanceCheck } from './request-balance-check';

/**
 * Sweep: the first balance check of each Nairobi day, made as soon as the day starts (or the app does). It is the day's
 * opening balance in the daily proof and the previous day's closing one.
 */
export async function checkBalanceAtStartOfDay(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { from } = nairobiDayBounds(nairobiDay(now));
  let started = 0;
  for (const { agencyId: id, mpesa } of await listMpesaContexts(db)) {
    const [today] = await db
      .select({ id: mpesaBalanceChecks.id })
      .from(mpesaBalanceChecks)
      .where(and(eq(mpesaBalanceChecks.agencyId, id), inArray(mpesaBalanceChecks.status, ['QUEUED', 'PENDING', 'SUCCESS']), gte(mpesaBalanceChecks.createdAt, from)))
      .limit(1);
    if (today) continue;
    await startBalanceCheck(db, { agencyId: id, actor: null, reason: 'start of day', mpesa });
    started += 1;
  }
  return started;
}
