import 'server-only';
import type { Db } from '@/db/client';
import { listAgencyPaybills } from '@/db/queries/agency-settings';
import { getStatementCursor } from '@/db/queries/mpesa-statement';
import { addDays, nairobiDate } from '@/lib/ledger/rent-period';
import { enqueueDailyProofFailure } from '@/lib/messaging/notify-admins';
import { nairobiDayBounds } from '@/lib/nairobi-day';
import { buildDailyProof } from './build-daily-proof';

// A finished day is proven once its statement has been read past its end; after that its proof only changes when
// someone corrects the books, so looking again every hour is plenty (the outbox sends each day's alert once).
const RECHECK_MS = 60 * 60 * 1000;
const checked = new Map<string, number>();

/**
 * Sweep: tells an agency's admins when yesterday (Nairobi time) could not be proven against M-Pesa — money in the
 * statement missing from the books, a receipt M-Pesa does not list, a balance that does not add up. A day with no
 * M-Pesa money at all is not alerted (nothing to prove); a day whose statement has not been read yet waits. A day
 * missing its second balance check is shown on the proof page but not alerted: Haven checks the balance each
 * morning, so only an admin's own check closes a day, and an alert every day would teach admins to ignore alerts.
 */
export async function alertFailedDailyProofs(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const day = addDays(nairobiDate(now), -1);
  let alerted = 0;
  for (const { agencyId, shortcode } of await listAgencyPaybills(db)) {
    const key = `${agencyId}:${day}`;
    if (now.getTime() - (checked.get(key) ?? 0) < RECHECK_MS) continue;
    const cursor = await getStatementCursor(db, { shortcode });
    if (!cursor?.coveredUntil || cursor.coveredUntil < nairobiDayBounds(day).to) continue;
    checked.set(key, now.getTime());
    const proof = await buildDailyProof(db, { agencyId, shortcode, day, now });
    if (proof.green || (proof.moneyIn.count === 0 && proof.statement.rows === 0 && proof.moneyOut.totalCents === 0)) continue;
    const problems = proof.differences.filter((d) => d.kind !== 'no-balance-check');
    if (problems.length === 0) continue;
    const summary = `${problems.length} difference${problems.length === 1 ? '' : 's'}: ${problems[0]!.message}`;
    await db.transaction((tx) => enqueueDailyProofFailure(tx, { agencyId, day, summary }));
    alerted += 1;
  }
  return alerted;
}
