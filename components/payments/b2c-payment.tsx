'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input, inputClass } from '@/components/ui/field';
import { errorMessage, fetchJson, fieldErrors, isNetworkError } from '@/lib/client/fetcher';
import { formatKes } from '@/lib/money';
import { PAYOUT_OCCASIONS, payoutRequestSchema, type PayoutOccasion } from '@/lib/payments/b2c/payout-input';
import type { PayoutView } from '@/lib/payments/b2c/payout-view';
import { payoutResponseSchema } from '@/lib/payments/b2c/request-view-schemas';
import { formatKenyanPhone } from '@/lib/phone';
import { B2cRequestStatus } from './b2c-request-status';
import { LowBalanceWarning } from './low-balance-warning';

export interface B2CPaymentProps {
  /** Set for a deposit refund; absent for an admin's general payout. */
  leaseId?: string;
  defaultPhone?: string | null;
  /** The most that may be sent (deposit held minus refunds already on their way), in cents. */
  maxAmountCents?: number;
  defaultOccasion?: PayoutOccasion;
  /** The paybill's last known Utility balance, to warn before a refund that would exceed it. */
  utilityAvailableCents?: number | null;
  /** The agency's low-balance threshold: the form warns before a payout that would leave less than this. */
  lowBalanceThresholdCents?: number;
  approvalThresholdCents: number;
  /** The agency's rolling 24 h limits (per requester, per recipient phone), so the form can say they exist. */
  dailyLimits?: { requesterCents: number; phoneCents: number };
  onSuccess?: (payout: PayoutView) => void;
  /** Where Cancel goes: the page the form was opened from. */
  cancelHref: string;
}

type Errors = Partial<Record<'phone' | 'amount' | 'occasion' | 'remarks' | 'form', string>>;

/** Send money to an M-Pesa number (deposit refund or payout): recorded first, approved when needed, sent once. */
export function B2CPayment({ leaseId, defaultPhone, maxAmountCents, defaultOccasion = 'Refund', utilityAvailableCents, lowBalanceThresholdCents, approvalThresholdCents, dailyLimits, cancelHref }: B2CPaymentProps) {
  const [phone, setPhone] = useState(defaultPhone ? formatKenyanPhone(defaultPhone) : '');
  const [amountText, setAmountText] = useState('');
  const [occasion, setOccasion] = useState<PayoutOccasion>(defaultOccasion);
  const [remarks, setRemarks] = useState('');
  const [askApproval, setAskApproval] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [payout, setPayout] = useState<PayoutView | null>(null);
  // One key per form render: a double click or a retried request finds the payout it already made.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const amountCents = /^\d+$/.test(amountText.trim()) ? Number(amountText) * 100 : null;
  const overUtility = amountCents !== null && utilityAvailableCents != null && amountCents > utilityAvailableCents;
  const needsApproval = amountCents !== null && amountCents > approvalThresholdCents;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const next: Errors = {};
    if (!/^\d+$/.test(amountText.trim())) next.amount = 'Enter a whole number of shillings, like 5000';
    else if (maxAmountCents !== undefined && Number(amountText) * 100 > maxAmountCents) next.amount = `You can refund at most ${formatKes(maxAmountCents)}`;
    const parsed = payoutRequestSchema.safeParse({ leaseId, phone, amount: Number(amountText), occasion, remarks, requestApproval: askApproval, idempotencyKey });
    if (!parsed.success) for (const issue of parsed.error.issues) next[issue.path[0] as keyof Errors] ??= issue.message;
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;

    setSending(true);
    try {
      const { payout: sent } = await fetchJson('/api/v1/mpesa/b2c', { json: parsed.data, schema: payoutResponseSchema });
      setPayout(sent);
    } catch (e) {
      const field = fieldErrors(e)[0];
      if (field && ['phone', 'amount', 'remarks', 'occasion'].includes(field.path)) setErrors({ [field.path]: field.message });
      // The idempotency key makes trying again safe: say so when the answer never came.
      else setErrors({ form: isNetworkError(e) ? `${errorMessage(e)} The same request will not be sent twice.` : errorMessage(e) });
    } finally {
      setSending(false);
    }
  }

  if (payout) return <B2cRequestStatus initial={payout} />;

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Send money with M-Pesa">
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <Field id="b2c-phone" label="Recipient’s M-Pesa number" error={errors.phone} hint="The tenant’s number is filled in; change it if they asked.">
        <Input id="b2c-phone" name="phone" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.phone} />
      </Field>
      <Field
        id="b2c-amount"
        label="Amount (KES)"
        error={errors.amount}
        hint={maxAmountCents !== undefined ? `At most ${formatKes(maxAmountCents)}: the deposit still held.` : 'Whole shillings, KES 10 to 250,000.'}
      >
        <Input id="b2c-amount" name="amount" inputMode="numeric" value={amountText} onChange={(e) => setAmountText(e.target.value)} error={errors.amount} />
      </Field>
      <Field id="b2c-occasion" label="What is it for?" error={errors.occasion}>
        <select id="b2c-occasion" name="occasion" className={inputClass(!!errors.occasion)} value={occasion} onChange={(e) => setOccasion(e.target.value as PayoutOccasion)}>
          {PAYOUT_OCCASIONS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
      <Field id="b2c-remarks" label="Remarks" error={errors.remarks} hint="Required; M-Pesa allows 2 to 100 characters.">
        <textarea
          id="b2c-remarks"
          name="remarks"
          maxLength={100}
          rows={2}
          className={inputClass(!!errors.remarks)}
          value={remarks}
          onChange={(e) => setRemarks(e.target.value)}
          aria-invalid={errors.remarks ? true : undefined}
        />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-1 size-4" checked={askApproval} onChange={(e) => setAskApproval(e.target.checked)} />
        <span>Ask an admin to approve before sending</span>
      </label>
      {needsApproval && <Alert tone="info">Above {formatKes(approvalThresholdCents)}, another admin must approve before the money is sent.</Alert>}
      {dailyLimits && (
        <p className="text-xs text-slate-600">
          It also waits for another admin when it goes to your own phone, or takes what you send in 24 h above {formatKes(dailyLimits.requesterCents)} or what
          one phone gets in 24 h above {formatKes(dailyLimits.phoneCents)}.
        </p>
      )}
      {overUtility && (
        <Alert tone="warning" title="This is more than the paybill’s Utility balance">
          The last balance check showed {formatKes(utilityAvailableCents!)} available. M-Pesa will refuse the payout unless the Utility account is topped up.
        </Alert>
      )}
      {!overUtility && (
        <LowBalanceWarning
          balance={utilityAvailableCents != null && lowBalanceThresholdCents !== undefined ? { availableCents: utilityAvailableCents, thresholdCents: lowBalanceThresholdCents } : null}
          amountCents={amountCents}
          what="payout"
        />
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" className="w-full sm:w-auto" disabled={sending}>
          {sending ? 'Sending…' : amountCents ? `Send ${formatKes(amountCents)}` : 'Send'}
        </Button>
        <ButtonLink href={cancelHref} variant="secondary" className="w-full sm:w-auto">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
