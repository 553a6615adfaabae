import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { TransactionReversal } from '@/components/payments/transaction-reversal';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getMoneyOutLimits } from '@/db/queries/money-out-limits';
import { getLatestSuccessfulCheck } from '@/db/queries/mpesa-balance';
import { findLiveReversal, getPaymentForCaller } from '@/db/queries/mpesa-reversals';
import { statusLabel } from '@/lib/payments/b2c/payout-status';
import { requirePageCaller } from '@/lib/auth/session';
import { parseIdParam } from '@/lib/validation/strict';

export const dynamic = 'force-dynamic';

export default async function ReversePaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const payment = await getPaymentForCaller(db, { caller, paymentId: id });
  if (!payment) notFound();
  const [live, limits, check] = await Promise.all([
    payment.receipt ? findLiveReversal(db, { receipt: payment.receipt }) : null,
    getMoneyOutLimits(db, { agencyId: caller.agencyId }),
    getLatestSuccessfulCheck(db, { agencyId: caller.agencyId }),
  ]);
  return (
    <>
      <PageTitle title="Reverse payment" subtitle={`${payment.tenantName} · ${payment.propertyName} ${payment.unitLabel}`} />
      <Card>
        {payment.status === 'reversed' ? (
          <Alert tone="info" title="Reversed">This payment has already been reversed.</Alert>
        ) : !payment.receipt ? (
          <Alert tone="info">Only M-Pesa payments can be reversed; this one has no M-Pesa receipt.</Alert>
        ) : live ? (
          <Alert tone="info" title={`A reversal is already ${statusLabel[live.status].label.toLowerCase()}`}>
            Payment {payment.receipt} has a reversal in progress. See Refunds &amp; payouts.
          </Alert>
        ) : (
          <TransactionReversal
            transaction={{ receipt: payment.receipt, amountCents: payment.amountCents, phone: payment.payerPhone, paidAt: payment.paidAt.toISOString(), tenantName: payment.tenantName }}
            needsApproval={caller.role === 'landlord'}
            balance={{ availableCents: check?.availableBalanceCents ?? null, thresholdCents: limits.lowBalanceCents }}
            cancelHref={`/leases/${payment.leaseId}`}
          />
        )}
      </Card>
    </>
  );
}
