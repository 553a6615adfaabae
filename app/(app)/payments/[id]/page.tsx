import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { PaymentTimelineView } from '@/components/payments/payment-timeline';
import { getDb } from '@/db/client';
import { requirePageCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { loadPaymentTimeline } from '@/lib/payments/timeline/load-payment-timeline';
import { parseIdParam } from '@/lib/validation/strict';

export const metadata: Metadata = { title: 'Payment' };
export const dynamic = 'force-dynamic';

/**
 * One payment and everything that happened to its money. Its tenant, the landlord of its property and the
 * agency's admins see it; anyone else gets a 404, as for a payment that does not exist.
 */
export default async function PaymentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const timeline = await loadPaymentTimeline(await getDb(), { caller, paymentId: id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  });
  if (!timeline) notFound();
  const p = timeline.payment;
  return (
    <>
      <PageTitle title="Payment" subtitle={`${p.tenantName} · ${p.propertyName} ${p.unitLabel}`} />
      <PaymentTimelineView initial={timeline} />
    </>
  );
}
