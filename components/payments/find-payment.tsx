'use client';

import ky from 'ky';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { PaymentLookup } from '@/lib/payments/receipts/find-my-payment';
import { MPESA_CODE_HINT, mpesaCodeProblem, normalizeMpesaCode } from '@/lib/payments/receipts/mpesa-code';
import { errorMessage } from './mpesa-payment-api';

/** While M-Pesa is being asked, the answer is fetched again this often, this many times, then left to the tenant. */
const RECHECK_EVERY_MS = 5_000;
const RECHECKS = 6;

type Stage = { name: 'form' } | { name: 'sending' } | { name: 'answer'; answer: PaymentLookup; rechecks: number } | { name: 'error'; message: string };

const tone = { credited: 'success', 'already-credited': 'info', checking: 'info', 'not-found': 'warning', 'not-yours': 'warning' } as const;
const title = {
  credited: 'Payment found and credited',
  'already-credited': 'Already credited',
  checking: 'Checking with M-Pesa…',
  'not-found': 'Not found yet',
  'not-yours': 'We cannot credit this code to you',
} as const;

/**
 * "I paid — find my payment": the M-Pesa code from the SMS, looked up by Haven (books, then M-Pesa). Shows what
 * happens next in plain words; a credited payment refreshes the page so the balance shows it.
 */
export function FindPayment({ leaseId }: { leaseId?: string }) {
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ name: 'form' });
  const sent = useRef('');

  async function lookUp(typed: string, rechecks: number) {
    try {
      const answer = await ky.post('/api/v1/payments/find', { json: { code: typed, ...(leaseId ? { leaseId } : {}) }, timeout: 30_000, retry: 0 }).json<PaymentLookup>();
      setStage({ name: 'answer', answer, rechecks });
      // Credited now, or by M-Pesa's answer while we were following it: show the new balance.
      if (answer.outcome === 'credited' || (answer.outcome === 'already-credited' && rechecks > 0)) router.refresh();
    } catch (e) {
      setStage({ name: 'error', message: await errorMessage(e) });
    }
  }

  // Follow a code M-Pesa is being asked about, a few times, so the tenant need not keep pressing the button.
  const answer = stage.name === 'answer' ? stage : null;
  useEffect(() => {
    if (!answer || answer.answer.outcome !== 'checking' || answer.rechecks >= RECHECKS) return;
    const timer = setTimeout(() => void lookUp(sent.current, answer.rechecks + 1), RECHECK_EVERY_MS);
    return () => clearTimeout(timer);
    // lookUp only reads state through its arguments and the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (stage.name === 'sending') return;
    const problem = mpesaCodeProblem(code);
    setError(problem);
    if (problem) return;
    sent.current = normalizeMpesaCode(code);
    setStage({ name: 'sending' });
    await lookUp(sent.current, 0);
  }

  const sending = stage.name === 'sending';
  const checkingStill = answer?.answer.outcome === 'checking' && answer.rechecks < RECHECKS;
  return (
    <section aria-labelledby="find-payment-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="find-payment">
      <h2 id="find-payment-heading" className="text-base font-semibold text-slate-900">
        Paid but it is not showing?
      </h2>
      <p className="text-sm text-slate-700">Enter the M-Pesa code from your confirmation SMS and we will find the payment.</p>
      <form onSubmit={submit} noValidate className="space-y-3">
        <Field id="find-payment-code" label="M-Pesa code" hint={MPESA_CODE_HINT} error={error}>
          <Input
            id="find-payment-code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            value={code}
            error={error}
            onChange={(e) => setCode(e.target.value)}
            disabled={sending}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={sending} aria-busy={sending} className="w-full sm:w-auto">
          {sending ? 'Looking for your payment…' : 'Find my payment'}
        </Button>
      </form>
      {stage.name === 'error' && <Alert tone="error" title="Could not look the code up">{stage.message}</Alert>}
      {answer && (
        <Alert tone={tone[answer.answer.outcome]} title={answer.answer.outcome === 'checking' && !checkingStill ? 'Still waiting for M-Pesa' : answer.answer.outcome === 'already-credited' && answer.rechecks > 0 ? title.credited : title[answer.answer.outcome]}>
          <p data-testid="find-payment-answer">{answer.answer.message}</p>
          {'payment' in answer.answer && (
            <p className="mt-2">
              <Link href={`/receipts/${answer.answer.payment.id}`} className="font-medium underline">
                See the receipt
              </Link>
            </p>
          )}
          {answer.answer.outcome === 'checking' && !checkingStill && (
            <Button variant="secondary" className="mt-2" onClick={() => void lookUp(sent.current, 0)}>
              Check again
            </Button>
          )}
        </Alert>
      )}
    </section>
  );
}
