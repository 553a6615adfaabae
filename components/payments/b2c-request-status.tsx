'use client';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ApprovalReasons } from './approval-reasons';
import { RequestClosedNotice } from './request-closed-notice';
import { WithdrawRequestButton } from './withdraw-request-button';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { usePayout } from '@/lib/client/use-money-out-request';
import { statusLabel } from '@/lib/payments/b2c/payout-status';
import type { PayoutView } from '@/lib/payments/b2c/payout-view';

/** Live status of one payout: polls until it is final, and says plainly what happened. */
export function B2cRequestStatus({ initial }: { initial: PayoutView }) {
  const { data, mutate } = usePayout(initial);
  const payout = data ?? initial;
  const tone = statusLabel[payout.status].tone;
  const to = `${formatKes(payout.amountCents)} to ${formatKenyanPhone(payout.phone)}`;
  return (
    <div className="space-y-3" data-testid="payout-status" data-status={payout.status}>
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone={tone}>{payout.statusLabel}</Badge>
        <span>{to}</span>
      </p>
      {payout.status === 'SUCCESS' && (
        <Alert tone="success" title="Money sent">
          {payout.message}
          {payout.utilityBalanceAfterCents !== null && <p className="mt-1">Utility balance after: {formatKes(payout.utilityBalanceAfterCents)}</p>}
        </Alert>
      )}
      {payout.status === 'FAILED' && (
        <Alert tone="error" title="The payout failed: nothing was sent">
          <p>{payout.message}</p>
          {payout.action && <p className="mt-1">{payout.action}</p>}
        </Alert>
      )}
      {payout.status === 'AWAITING_APPROVAL' && (
        <Alert tone="warning" title="Waiting for an admin’s approval">
          <p>Another admin must approve this before any money is sent. It is listed under Refunds &amp; payouts.</p>
          <ApprovalReasons reasons={payout.approvalReasons} />
        </Alert>
      )}
      {payout.canWithdraw && <WithdrawRequestButton requestId={payout.id} label={`payout of ${formatKes(payout.amountCents)}`} onWithdrawn={() => void mutate()} />}
      {payout.status === 'REJECTED' && <RequestClosedNotice withdrawnAt={payout.withdrawnAt} rejectionReason={payout.rejectionReason} nothing="sent" />}
      {(payout.status === 'PENDING' || payout.status === 'QUEUED') && <Alert tone="info">Sent to M-Pesa. Waiting for the result…</Alert>}
      {payout.status === 'UNKNOWN' && (
        <Alert tone="warning" title="Checking with M-Pesa">
          M-Pesa has not confirmed this payout yet. Haven is asking M-Pesa for its status and will never send it twice.
        </Alert>
      )}
    </div>
  );
}
