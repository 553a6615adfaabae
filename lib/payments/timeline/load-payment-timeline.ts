import 'server-only';
import type { DbOrTx } from '@/db/client';
import { loadPaymentTimelineRows } from '@/db/queries/payment-timeline';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/errors';
import { buildPaymentTimeline } from './build-payment-timeline';
import type { PaymentTimeline } from './timeline-schema';

/**
 * One payment's timeline for the caller: admins of its agency, the landlord of its property, its tenant. Anyone
 * else gets the same not-found as for a payment that does not exist (existence is not revealed).
 */
export async function loadPaymentTimeline(db: DbOrTx, { caller, paymentId }: { caller: Caller; paymentId: string }): Promise<PaymentTimeline> {
  const rows = await loadPaymentTimelineRows(db, { caller, paymentId });
  if (!rows) throw notFound('That payment');
  return buildPaymentTimeline(rows, { caller });
}
