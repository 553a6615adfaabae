import { Alert } from '@/components/ui/alert';

/**
 * A payout or reversal that ended before anything was sent: withdrawn by its requester, or rejected by an admin with
 * their reason. `nothing` names what did not happen ("sent", "reversed").
 */
export function RequestClosedNotice({ withdrawnAt, rejectionReason, nothing }: { withdrawnAt: string | Date | null; rejectionReason: string | null; nothing: string }) {
  return withdrawnAt ? (
    <Alert tone="info" title={`Withdrawn: nothing was ${nothing}`}>You took this request back before anyone decided on it.</Alert>
  ) : (
    <Alert tone="info" title={`Rejected: nothing was ${nothing}`}>
      <span data-testid="rejection-reason">{rejectionReason}</span>
    </Alert>
  );
}
