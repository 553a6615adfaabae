'use client';

import { ApiForm, FormSelect, FormTextarea } from '@/components/forms/api-form';

/**
 * The decisions an admin can take on one queued payment, each a small form with its required reason (the reason
 * goes to the audit log). Which actions are offered is decided on the server (lib/unmatched/list-unmatched-queue.ts).
 */

type Action = 'place' | 'refund' | 'not_ours' | 'keep' | 'merge' | 'undo';

const copy: Record<Action, { summary: string; submit: string; pending: string; hint: string; variant: 'primary' | 'secondary' | 'danger'; confirm?: string }> = {
  place: { summary: 'Place on a lease', submit: 'Place on this lease', pending: 'Placing…', hint: 'For example: “Tenant sent the M-Pesa SMS; typed the unit without the dash”.', variant: 'primary' },
  refund: {
    summary: 'Refund to the payer',
    submit: 'Request the refund',
    pending: 'Requesting…',
    hint: 'Sent by M-Pesa (B2C) to the phone that paid; above the approval threshold a second admin approves it first.',
    variant: 'secondary',
    confirm: 'Send this money back to the phone that paid it? Money sent cannot be called back.',
  },
  not_ours: { summary: 'Not ours', submit: 'Mark not ours', pending: 'Saving…', hint: 'Nothing moves: it leaves the queue, and Undo brings it back.', variant: 'secondary' },
  keep: { summary: 'Keep where Haven put it', submit: 'Keep it', pending: 'Saving…', hint: 'You checked the lease Haven credited and it is right.', variant: 'primary' },
  merge: {
    summary: 'Same money as another payment: merge',
    submit: 'Merge: count it once',
    pending: 'Merging…',
    hint: 'Only when you are sure both are one payment (for example the M-Pesa SMS shows one payment). The payment without a receipt is taken out by a correcting entry; Undo credits it again.',
    variant: 'secondary',
    confirm: 'Take the payment without a receipt out of the books? Undo puts it back.',
  },
  undo: {
    summary: 'Undo',
    submit: 'Undo the last decision',
    pending: 'Undoing…',
    hint: 'Undone by a correcting entry: a placement’s rent is owed again and the payment returns to the queue; a merge credits the other payment again.',
    variant: 'danger',
  },
};

export function UnplacedActions({
  itemId,
  actions,
  candidates,
  leases,
  mergeCandidates = [],
}: {
  itemId: string;
  actions: Action[];
  candidates: { leaseId: string; label: string }[];
  leases: { id: string; label: string }[];
  mergeCandidates?: { paymentId: string; label: string }[];
}) {
  if (actions.length === 0) return null;
  const suggested = new Set(candidates.map((c) => c.leaseId));
  const leaseOptions = [
    { value: '', label: 'Choose a lease…' },
    ...candidates.map((c) => ({ value: c.leaseId, label: `★ ${c.label}` })),
    ...leases.filter((l) => !suggested.has(l.id)).map((l) => ({ value: l.id, label: l.label })),
  ];
  return (
    <div className="space-y-2">
      {actions.map((action) => {
        const c = copy[action];
        return (
          <details key={action} className="rounded border border-slate-200 p-2" data-testid={`action-${action}`}>
            <summary className="cursor-pointer text-sm font-medium">{c.summary}</summary>
            <div className="mt-2">
              <ApiForm action={`/api/v1/unmatched/${itemId}/actions`} label={c.summary} submitLabel={c.submit} pendingLabel={c.pending} variant={c.variant} confirm={c.confirm}>
                <input type="hidden" name="action" value={action} />
                {action === 'merge' && (
                  <FormSelect
                    id={`${itemId}-${action}-payment`}
                    name="paymentId"
                    label="The payment that is this same money"
                    hint="Payments on the same lease, for the same amount, that M-Pesa gave no receipt for."
                    options={[{ value: '', label: 'Choose a payment…' }, ...mergeCandidates.map((m) => ({ value: m.paymentId, label: m.label }))]}
                  />
                )}
                {action === 'place' && (
                  <FormSelect id={`${itemId}-${action}-lease`} name="leaseId" label="Lease" hint="★ marks the leases this payment most likely belongs to." options={leaseOptions} />
                )}
                <FormTextarea id={`${itemId}-${action}-reason`} name="reason" label="Reason" hint={c.hint} required minLength={3} maxLength={300} />
              </ApiForm>
            </div>
          </details>
        );
      })}
    </div>
  );
}
