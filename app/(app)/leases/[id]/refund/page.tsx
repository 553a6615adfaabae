import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { B2CPayment } from '@/components/payments/b2c-payment';
import { Card } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db/client';
import { getLeaseForCaller } from '@/db/queries/leases';
import { getDepositHeld } from '@/db/queries/ledger';
import { getMoneyOutLimits } from '@/db/queries/money-out-limits';
import { sumOpenLeasePayouts } from '@/db/queries/mpesa-b2c';
import { getLatestSuccessfulCheck } from '@/db/queries/mpesa-balance';
import { formatKes } from '@/lib/money';
import { requirePageCaller } from '@/lib/auth/session';
import { parseIdParam } from '@/lib/validation/strict';

export const dynamic = 'force-dynamic';

export default async function RefundDepositPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const lease = await getLeaseForCaller(db, { caller, leaseId: id });
  if (!lease) notFound();
  const [held, promised, limits, balance] = await Promise.all([
    getDepositHeld(db, { leaseId: lease.id }),
    sumOpenLeasePayouts(db, { leaseId: lease.id }),
    getMoneyOutLimits(db, { agencyId: caller.agencyId }),
    getLatestSuccessfulCheck(db, { agencyId: caller.agencyId }),
  ]);
  const available = Math.max(0, held - promised);
  return (
    <>
      <PageTitle
        title="Refund deposit"
        subtitle={`${lease.tenantName} · ${lease.propertyName} ${lease.unitLabel}`}
        action={<Link href={`/leases/${lease.id}`} className="text-sm font-medium text-brand-700 underline">Back to the lease</Link>}
      />
      <Card>
        <p className="mb-4 text-sm text-slate-700" data-testid="deposit-held">
          Deposit held: <strong>{formatKes(held)}</strong>
          {promised > 0 && <> · {formatKes(promised)} already on its way or waiting for approval</>}
        </p>
        {available > 0 ? (
          <B2CPayment
            leaseId={lease.id}
            defaultPhone={lease.tenantPhone}
            maxAmountCents={available}
            utilityAvailableCents={balance?.availableBalanceCents ?? null}
            lowBalanceThresholdCents={limits.lowBalanceCents}
          approvalThresholdCents={limits.thresholdCents}
            dailyLimits={{ requesterCents: limits.requesterDailyCents, phoneCents: limits.phoneDailyCents }}
            cancelHref={`/leases/${lease.id}`}
          />
        ) : (
          <Alert tone="info">There is no deposit left to refund on this lease.</Alert>
        )}
      </Card>
    </>
  );
}
