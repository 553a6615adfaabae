import { PageTitle } from '@/components/layout/app-shell';
import { B2CPayment } from '@/components/payments/b2c-payment';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getMoneyOutLimits } from '@/db/queries/money-out-limits';
import { getLatestSuccessfulCheck } from '@/db/queries/mpesa-balance';
import { requirePageCaller } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** An admin's general payout (not tied to a lease's deposit). */
export default async function NewPayoutPage() {
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  const [limits, balance] = await Promise.all([getMoneyOutLimits(db, { agencyId: caller.agencyId }), getLatestSuccessfulCheck(db, { agencyId: caller.agencyId })]);
  return (
    <>
      <PageTitle title="New payout" subtitle="Send money from the paybill to an M-Pesa number" />
      <Card>
        <B2CPayment
          defaultOccasion="Payout"
          utilityAvailableCents={balance?.availableBalanceCents ?? null}
          lowBalanceThresholdCents={limits.lowBalanceCents}
          approvalThresholdCents={limits.thresholdCents}
          dailyLimits={{ requesterCents: limits.requesterDailyCents, phoneCents: limits.phoneDailyCents }}
          cancelHref="/payouts"
        />
      </Card>
    </>
  );
}
