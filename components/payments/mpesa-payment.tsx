'use client';

import ky from 'ky';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { formatKes } from '@/lib/money';
import { mpesaReachProblem, msisdnFromTyped } from '@/lib/mobile-network';
import type { StkPushResponse, StkStatusView } from '@/lib/payments/stk/stk-status-types';
import { fetchStatus, readApiError, statusUrl } from './mpesa-payment-api';
import { MpesaPaymentFailure } from './mpesa-payment-result';

// The status screens (SWR, events, countdown) are only needed once a prompt is sent: a chunk of their own, fetched
// as the form is submitted, or server-rendered and preloaded when the page opens on a push still open.
const loadLive = () => import('./mpesa-payment-live');
const MpesaPaymentLive = dynamic(loadLive, {
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Checking the payment…
    </p>
  ),
});

export interface MpesaPaymentProps {
  leaseId: string;
  /** Prefilled amount in cents (whole shillings); the payer may change it. */
  amountCents: number;
  accountReference: string;
  defaultPhone?: string | null;
  /** A push still open on this lease (a reload, a second tab): its live status is shown instead of the form. */
  openPush?: StkStatusView | null;
  onSuccess?: (status: StkStatusView) => void;
  onCancel?: () => void;
}

type Stage =
  | { name: 'form' }
  | { name: 'sending' }
  | { name: 'waiting'; status: StkStatusView; customerMessage: string; startedAt: number }
  | { name: 'error'; message: string };

const MAX_KES = 250_000;

/** `254712345678`, `0712345678`, `712 345 678` → `0712 345 678` as the person types; anything else unchanged. */
export function displayPhone(input: string): string {
  const digits = input.replace(/\D/g, '');
  const m = /^(?:254|0)?([17]\d{2})(\d{3})(\d{3})$/.exec(digits);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : input;
}

/** What the form would send, or why not. The typed text is never altered: `1500.50` is refused, not read as 150050. */
export function validatePayment(amountText: string, phone: string): { amount?: string; phone?: string } {
  const errors: { amount?: string; phone?: string } = {};
  const text = amountText.trim();
  if (/[.,]\d*$/.test(text) && /\d/.test(text)) errors.amount = 'M-Pesa moves whole shillings only: enter the amount without cents, like 1500';
  else if (!/^\d+$/.test(text)) errors.amount = 'Enter the amount in whole shillings using digits only, like 25000';
  else if (Number(text) < 1 || Number(text) > MAX_KES) errors.amount = `Enter an amount between KES 1 and KES ${MAX_KES.toLocaleString('en-KE')}`;
  const msisdn = msisdnFromTyped(phone);
  if (!msisdn) errors.phone = 'Enter a Safaricom number like 0712 345 678';
  else {
    const problem = mpesaReachProblem(msisdn, displayPhone(msisdn));
    if (problem) errors.phone = problem;
  }
  return errors;
}

function waitingFor(status: StkStatusView, customerMessage?: string): Stage {
  return { name: 'waiting', status, customerMessage: customerMessage ?? 'This payment is still open.', startedAt: Date.parse(status.createdAt) };
}

/**
 * Pay with M-Pesa: the form, then sending → "Check your phone" (live status, countdown, the three steps) → success
 * with the receipt, or the catalogue's failure message with Try again, or "Check your M-Pesa messages" while no
 * final answer has come. The page offers paying by paybill beside it (server-rendered).
 */
export function MpesaPayment({ leaseId, amountCents, accountReference, defaultPhone, openPush, onSuccess, onCancel }: MpesaPaymentProps) {
  const [amountText, setAmountText] = useState(String(Math.max(0, Math.round(amountCents / 100))));
  const [phone, setPhone] = useState(defaultPhone ? displayPhone(defaultPhone) : '');
  const [errors, setErrors] = useState<{ amount?: string; phone?: string }>({});
  const [stage, setStage] = useState<Stage>(openPush ? waitingFor(openPush) : { name: 'form' });
  const headingRef = useRef<HTMLDivElement>(null);

  // Move focus to the new stage so keyboard and screen-reader users follow along (the live part does the same
  // when the outcome changes).
  useEffect(() => {
    headingRef.current?.focus();
  }, [stage.name]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (stage.name === 'sending') return;
    const found = validatePayment(amountText, phone);
    setErrors(found);
    if (found.amount || found.phone) return;
    setStage({ name: 'sending' });
    void loadLive();
    try {
      const push = await ky
        .post('/api/v1/mpesa/stk-push', { json: { leaseId, amount: Number(amountText.trim()), phoneNumber: phone, accountReference }, timeout: 45_000, retry: 0 })
        .json<StkPushResponse>();
      setStage(waitingFor(push.status, push.customerMessage));
    } catch (error) {
      const { message, pushId } = await readApiError(error);
      // A payment still being settled on this lease: show it, never a second form.
      const pending = pushId ? await fetchStatus(statusUrl(pushId)).catch(() => null) : null;
      setStage(pending ? waitingFor(pending, message) : { name: 'error', message });
    }
  }

  const retry = () => setStage({ name: 'form' });
  let body: React.ReactNode;
  if (stage.name === 'error') {
    body = <MpesaPaymentFailure title="The payment was not sent" message={stage.message} onRetry={retry} onCancel={onCancel} />;
  } else if (stage.name === 'waiting') {
    body = (
      <MpesaPaymentLive
        key={stage.status.id}
        initial={stage.status}
        customerMessage={stage.customerMessage}
        startedAt={stage.startedAt}
        focusRef={headingRef}
        onSuccess={onSuccess}
        onRetry={retry}
        onCancel={onCancel}
      />
    );
  } else {
    const sending = stage.name === 'sending';
    body = (
      <form onSubmit={submit} noValidate className="space-y-4" data-stage={sending ? 'sending' : 'form'}>
        <Field id="pay-amount" label="Amount (KES)" hint="Whole shillings. You can pay part of what you owe, or more." error={errors.amount}>
          <Input id="pay-amount" name="amount" inputMode="numeric" autoComplete="off" value={amountText} error={errors.amount} onChange={(e) => setAmountText(e.target.value)} disabled={sending} />
        </Field>
        <Field id="pay-phone" label="M-Pesa phone number" hint="The prompt is sent to this phone, e.g. 0712 345 678" error={errors.phone}>
          <Input id="pay-phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" value={phone} error={errors.phone} onChange={(e) => setPhone(e.target.value)} onBlur={() => setPhone(displayPhone(phone))} disabled={sending} />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={sending} aria-busy={sending} className="w-full sm:w-auto">
            {sending ? 'Sending the payment request…' : `Pay ${/^\d+$/.test(amountText) ? formatKes(Number(amountText) * 100) : ''} with M-Pesa`}
          </Button>
          {onCancel && !sending && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
        {sending && (
          <p role="status" className="text-sm text-slate-600">
            Sending the request to M-Pesa. Keep this page open.
          </p>
        )}
      </form>
    );
  }

  return (
    <section aria-labelledby="mpesa-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div ref={headingRef} tabIndex={-1} className="outline-none">
        <h2 id="mpesa-heading" className="text-base font-semibold text-slate-900">
          Pay with M-Pesa
        </h2>
      </div>
      {body}
    </section>
  );
}
