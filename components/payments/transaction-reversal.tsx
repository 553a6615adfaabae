'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { ApprovalReasons } from './approval-reasons';
import { LowBalanceWarning } from './low-balance-warning';
import { RequestClosedNotice } from './request-closed-notice';
import { WithdrawRequestButton } from './withdraw-request-button';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { errorMessage, fetchJson } from '@/lib/client/fetcher';
import { useReversal } from '@/lib/client/use-money-out-request';
import { statusLabel } from '@/lib/payments/b2c/payout-status';
import { reversalResponseSchema } from '@/lib/payments/b2c/request-view-schemas';
import type { UtilityBalance } from '@/lib/payments/balance/low-balance';
import { reversalRequestSchema } from '@/lib/payments/reversal/reversal-input';
import type { ReversalView } from '@/lib/payments/reversal/reversal-view';
import { formatKenyanPhone } from '@/lib/phone';

export interface ReversibleTransaction {
  receipt: string;
  amountCents: number;
  phone: string | null;
  paidAt: string;
  tenantName?: string | null;
}

function ReversalStatus({ initial }: { initial: ReversalView }) {
  const { data, mutate } = useReversal(initial);
  const r = data ?? initial;
  return (
    <div className="space-y-3" data-testid="reversal-status" data-status={r.status}>
      <p className="flex items-center gap-2 text-sm">
        <Badge tone={statusLabel[r.status].tone}>{r.statusLabel}</Badge> {r.receipt} · {formatKes(r.amountCents)}
      </p>
      {r.status === 'SUCCESS' && <Alert tone="success" title="Payment reversed">{r.message}</Alert>}
      {r.status === 'FAILED' && (
        <Alert tone="error" title="The reversal failed">
          <p>{r.message}</p>
          {r.action && <p className="mt-1">{r.action}</p>}
        </Alert>
      )}
      {r.status === 'AWAITING_APPROVAL' && (
        <Alert tone="warning" title="Waiting for an admin’s approval">
          <p>Nothing is reversed until an admin approves it.</p>
          <ApprovalReasons reasons={r.approvalReasons} />
        </Alert>
      )}
      {r.canWithdraw && <WithdrawRequestButton requestId={r.id} label={`reversal of ${r.receipt}`} onWithdrawn={() => void mutate()} />}
      {r.status === 'REJECTED' && <RequestClosedNotice withdrawnAt={r.withdrawnAt} rejectionReason={r.rejectionReason} nothing="reversed" />}
      {(r.status === 'PENDING' || r.status === 'QUEUED') && <Alert tone="info">Sent to M-Pesa. Waiting for the result…</Alert>}
      {r.status === 'UNKNOWN' && <Alert tone="warning" title="Checking with M-Pesa">Haven is asking M-Pesa whether the reversal went through; it will not be sent twice.</Alert>}
    </div>
  );
}

/** Reverse an M-Pesa payment: its details, a required reason, a confirmation and a warning that it is final. */
export function TransactionReversal({
  transaction,
  needsApproval,
  cancelHref,
  balance = null,
}: {
  transaction: ReversibleTransaction;
  needsApproval: boolean;
  cancelHref: string;
  /** The paybill's last known Utility balance and the agency's threshold: a reversal takes money out of it too. */
  balance?: UtilityBalance | null;
}) {
  const [remarks, setRemarks] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [reversal, setReversal] = useState<ReversalView | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const parsed = reversalRequestSchema.safeParse({ transactionId: transaction.receipt, amount: transaction.amountCents / 100, remarks });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the form');
    if (!confirmed) return setError('Tick the box to confirm you want to reverse this payment');
    setError(null);
    setSending(true);
    try {
      const { reversal: created } = await fetchJson('/api/v1/mpesa/reverse', { json: parsed.data, schema: reversalResponseSchema });
      setReversal(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  if (reversal) return <ReversalStatus initial={reversal} />;

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Reverse this payment">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-lg bg-slate-50 p-3 text-sm">
        <dt className="text-slate-600">Receipt</dt>
        <dd className="font-mono font-semibold" data-testid="reversal-receipt">{transaction.receipt}</dd>
        <dt className="text-slate-600">Amount</dt>
        <dd className="font-semibold">{formatKes(transaction.amountCents)}</dd>
        <dt className="text-slate-600">Phone</dt>
        <dd>{transaction.phone ? formatKenyanPhone(transaction.phone) : '—'}</dd>
        <dt className="text-slate-600">Date</dt>
        <dd>{formatDateTime(transaction.paidAt)}</dd>
        {transaction.tenantName && (
          <>
            <dt className="text-slate-600">Tenant</dt>
            <dd>{transaction.tenantName}</dd>
          </>
        )}
      </dl>
      <Alert tone="warning" title="A reversal cannot be undone">
        M-Pesa returns the money to the payer and the tenant will owe this amount again.
        {needsApproval && ' An admin must approve your request before anything is reversed.'}
      </Alert>
      <LowBalanceWarning balance={balance} amountCents={transaction.amountCents} what="reversal" />
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="reversal-remarks" label="Reason for the reversal" hint="Required; M-Pesa allows 2 to 100 characters.">
        <textarea id="reversal-remarks" name="remarks" rows={2} maxLength={100} className={inputClass(false)} value={remarks} onChange={(e) => setRemarks(e.target.value)} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-1 size-4" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <span>I understand this reverses {formatKes(transaction.amountCents)} and cannot be undone</span>
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" variant="danger" className="w-full sm:w-auto" disabled={sending}>
          {sending ? 'Sending…' : needsApproval ? 'Request reversal' : 'Reverse payment'}
        </Button>
        <ButtonLink href={cancelHref} variant="secondary" className="w-full sm:w-auto">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
