import { Alert } from '@/components/ui/alert';
import { formatKes } from '@/lib/money';
import { balanceLeftBelowThreshold, type UtilityBalance } from '@/lib/payments/balance/low-balance';

/**
 * Shown on payout and reversal forms before sending: money out leaves from the Utility account, and the agency wants
 * at least its low-balance threshold kept there. A warning, not a refusal: the admin may still need to send it.
 */
export function LowBalanceWarning({ balance, amountCents, what }: { balance: UtilityBalance | null; amountCents: number | null; what: 'payout' | 'reversal' }) {
  if (!balance) return null;
  const left = balanceLeftBelowThreshold({ ...balance, amountCents });
  if (left === null) return null;
  return (
    <div data-testid="low-balance-warning">
      <Alert tone="warning" title="This takes the paybill below its low-balance threshold">
        The last balance check showed {formatKes(balance.availableCents!)} in the Utility account; after this {what} about{' '}
        {left < 0 ? 'nothing' : formatKes(left)} would be left, below the agency’s threshold of {formatKes(balance.thresholdCents)}.
      </Alert>
    </div>
  );
}
