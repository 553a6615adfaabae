'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';
import { MpesaPaymentProgress } from './mpesa-payment-progress';
import { MpesaPaymentFailure, MpesaPaymentSuccess, MpesaPaymentUnresolved } from './mpesa-payment-result';
import { FAST_POLL_FOR_MS, useStkStatus } from './mpesa-payment-status';

export interface MpesaPaymentLiveProps {
  /** The push as the server last described it (just sent, or still open on a reload). */
  initial: StkStatusView;
  customerMessage: string;
  startedAt: number;
  /** Where focus goes when the outcome changes, so keyboard and screen-reader users follow along. */
  focusRef: RefObject<HTMLDivElement | null>;
  onSuccess?: (status: StkStatusView) => void;
  onRetry: () => void;
  onCancel?: () => void;
}

/**
 * Everything after a prompt is sent: live status (events, polling), "Check your phone", then the outcome. Loaded
 * only once there is a push to follow (a separate chunk), so the pay form reaches a phone without SWR and the
 * status screens.
 */
export default function MpesaPaymentLive({ initial, customerMessage, startedAt, focusRef, onSuccess, onRetry, onCancel }: MpesaPaymentLiveProps) {
  const { status, eventsOpen } = useStkStatus(initial.id, initial);
  const [now, setNow] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  const notified = useRef<string | null>(null);
  useEffect(() => {
    if (status?.status === 'SUCCESS' && notified.current !== status.id) {
      notified.current = status.id;
      onSuccess?.(status);
    }
  }, [status, onSuccess]);

  useEffect(() => {
    focusRef.current?.focus();
  }, [focusRef, status?.status]);

  const view = status ?? initial;
  if (view.status === 'SUCCESS') return <MpesaPaymentSuccess status={view} />;
  if (view.status !== 'PENDING') {
    return <MpesaPaymentFailure title={view.status === 'CANCELLED' ? 'Payment cancelled' : 'Payment not completed'} message={view.userMessage} action={view.action} onRetry={onRetry} onCancel={onCancel} />;
  }
  if (now - startedAt > FAST_POLL_FOR_MS) return <MpesaPaymentUnresolved status={view} />;
  return <MpesaPaymentProgress status={view} customerMessage={customerMessage} startedAt={startedAt} eventsOpen={eventsOpen} />;
}
