'use client';

import { useRef, useState, type FormEvent } from 'react';
import { ActionError, useAction } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { fetchJson, ignoredAnswer } from '@/lib/client/fetcher';

/**
 * Approve or reject a payout or reversal waiting for a second admin. Rejecting asks for the reason in a modal
 * dialog (the requester is shown it), not a browser prompt: it can be labelled, validated and cancelled.
 */
export function B2cDecisionButtons({ requestId, label }: { requestId: string; label: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Refreshed either way: a refusal usually means another admin decided first, and the page should say so.
  const { busy, error, run } = useAction({ refresh: true });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  function send(decision: 'approve' | 'reject', json: { reason?: string }): Promise<boolean> {
    // Always a JSON body, even for approve: the API takes JSON only (CSRF protection).
    return run(() => fetchJson(`/api/v1/mpesa/payouts/${encodeURIComponent(requestId)}/${decision}`, { json, schema: ignoredAnswer }), 'That did not work');
  }

  async function reject(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 2) return setReasonError('Say why it is rejected: the requester is shown this');
    setReasonError(null);
    dialog.current?.close();
    if (await send('reject', { reason: text })) setReason('');
  }

  const field = `reject-reason-${requestId}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => void send('approve', {})} disabled={busy} aria-label={`Approve ${label}`}>
        Approve
      </Button>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()} disabled={busy} aria-label={`Reject ${label}`}>
        Reject
      </Button>
      <ActionError error={error} />
      <dialog ref={dialog} aria-labelledby={`${field}-title`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={reject} noValidate className="space-y-4 p-4">
          <h2 id={`${field}-title`} className="text-lg font-semibold text-slate-900">
            Reject the {label}?
          </h2>
          <p className="text-sm text-slate-600">Nothing is sent. The person who asked sees your reason.</p>
          <Field id={field} label="Reason for rejecting" error={reasonError}>
            <textarea id={field} rows={3} maxLength={200} className={inputClass(!!reasonError)} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={busy}>
              Reject request
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
