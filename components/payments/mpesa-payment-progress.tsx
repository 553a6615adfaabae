'use client';

import { useEffect, useState } from 'react';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';

/** How long M-Pesa keeps the prompt open on the handset (SPEC §3.5: 1037 after about 60 s). */
const PROMPT_SECONDS = 60;

function useSecondsSince(startedAt: number): number {
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

/** 60 → `1:00`, 9 → `0:09`. */
export function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "Check your phone": the three steps, a countdown, and the live status read out politely. */
export function MpesaPaymentProgress({ status, customerMessage, startedAt, eventsOpen }: { status: StkStatusView; customerMessage: string; startedAt: number; eventsOpen: boolean }) {
  const elapsed = useSecondsSince(startedAt);
  const left = Math.max(0, PROMPT_SECONDS - elapsed);
  const steps = [
    `An M-Pesa prompt appears on ${formatKenyanPhone(status.phoneNumber)} asking you to pay ${formatKes(status.amountCents)} to account ${status.accountReference}.`,
    'Enter your M-Pesa PIN.',
    'Confirm. M-Pesa sends you an SMS and this page shows your receipt.',
  ];
  return (
    <div className="space-y-4" data-stage="waiting">
      <div>
        <h2 className="text-xl font-bold text-slate-900">Check your phone</h2>
        <p className="mt-1 text-sm text-slate-600">{customerMessage}</p>
      </div>
      <ol className="space-y-2">
        {steps.map((text, i) => (
          <li key={i} className="flex gap-3 text-sm text-slate-800">
            <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 font-semibold text-brand-700">
              {i + 1}
            </span>
            <span>{text}</span>
          </li>
        ))}
      </ol>
      <div role="status" aria-live="polite" className="rounded-lg bg-slate-50 p-3 text-sm">
        <p className="font-medium text-slate-900" data-testid="stk-live-status">
          {status.userMessage}
        </p>
        <p className="mt-1 text-slate-600">{status.action}</p>
      </div>
      <p className="text-sm text-slate-600">
        {left > 0 ? (
          <>
            The prompt stays open for about <span className="font-mono font-semibold" data-testid="stk-countdown">{formatCountdown(left)}</span> more.
          </>
        ) : (
          'The prompt may have closed. We are still checking with M-Pesa.'
        )}{' '}
        <span className="sr-only">{eventsOpen ? 'Live updates are on.' : 'Checking every few seconds.'}</span>
      </p>
    </div>
  );
}
