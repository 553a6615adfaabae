'use client';

import { ActionButton } from '@/components/ui/action-button';
import { ignoredAnswer } from '@/lib/client/fetcher';

/** The requester takes back a payout or reversal that still waits for approval; nothing has been sent. */
export function WithdrawRequestButton({ requestId, label, onWithdrawn }: { requestId: string; label: string; onWithdrawn?: () => void }) {
  return (
    <ActionButton
      url={`/api/v1/mpesa/payouts/${encodeURIComponent(requestId)}/withdraw`}
      schema={ignoredAnswer}
      onDone={() => onWithdrawn?.()}
      refresh
      failure="Could not withdraw it"
      ariaLabel={`Withdraw ${label}`}
      pendingLabel="Withdrawing…"
    >
      Withdraw request
    </ActionButton>
  );
}
