import 'server-only';
import type { Tx } from '@/db/client';
import { listAgencyAdmins } from '@/db/queries/message-recipients';
import { queueMessages } from './outbox';
import { nairobiDate } from './quiet-hours';

/** Alerts to an agency's admins, each queued in the transaction of what caused it. */

/** A payout or reversal waits for a second person: every admin but the one who asked. */
export async function enqueueApprovalRequest(
  tx: Tx,
  { agencyId, requestType, requestId, requestedBy }: { agencyId: string; requestType: 'payout' | 'reversal'; requestId: string; requestedBy: string },
): Promise<void> {
  const admins = (await listAgencyAdmins(tx, { agencyId })).filter((a) => a.id !== requestedBy);
  await queueMessages(tx, { agencyId, kind: 'approval-request', eventKey: `approval:${requestType}:${requestId}`, recipients: admins.map((user) => ({ user })), payload: { requestType, requestId } });
}

/** A day's books could not be proven against M-Pesa's statement (`day` = the Nairobi date, `YYYY-MM-DD`). Once per day. */
export async function enqueueDailyProofFailure(tx: Tx, { agencyId, day, summary }: { agencyId: string; day: string; summary: string }): Promise<void> {
  const admins = await listAgencyAdmins(tx, { agencyId });
  await queueMessages(tx, { agencyId, kind: 'daily-proof-failed', eventKey: `proof:${day}`, recipients: admins.map((user) => ({ user })), payload: { day, summary } });
}

/** The paybill's available balance fell below the agency's threshold. At most once per Nairobi day. */
export async function enqueueLowBalanceAlert(
  tx: Tx,
  { agencyId, shortcode, availableCents, thresholdCents, at = new Date() }: { agencyId: string; shortcode: string; availableCents: number; thresholdCents: number; at?: Date },
): Promise<void> {
  const admins = await listAgencyAdmins(tx, { agencyId });
  await queueMessages(tx, {
    agencyId, kind: 'low-balance', eventKey: `low-balance:${shortcode}:${nairobiDate(at)}`,
    recipients: admins.map((user) => ({ user })), payload: { shortcode, availableCents, thresholdCents },
  });
}
