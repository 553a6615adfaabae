'use client';

import { useEffect, useRef, useState } from 'react';
import useSWR from 'swr';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';
import { fetchStatus, statusUrl } from './mpesa-payment-api';

// Admin pages read errors through here; the pay page imports ./mpesa-payment-api directly (no SWR).
export { errorMessage, readApiError } from './mpesa-payment-api';

/**
 * Live status of one push: Server-Sent Events when the browser and the network allow (the screen learns the
 * outcome within a moment of the callback), SWR polling as the fallback (every 3 s for up to 90 s, then every
 * 10 s so the page keeps checking), and a slow poll even with events open, which also lets the server run its
 * STK query when no callback came.
 */

export const FAST_POLL_MS = 3_000;
export const FAST_POLL_FOR_MS = 90_000;
const SLOW_POLL_MS = 10_000;

export function isSettled(view: StkStatusView | undefined): boolean {
  if (!view || view.status === 'PENDING') return false;
  // A success credited from the STK query alone: keep listening for the receipt number.
  return !(view.status === 'SUCCESS' && !view.mpesaReceiptNumber);
}

/** Follows a push by our own id (a push whose send outcome is unknown has no CheckoutRequestID yet). */
export function useStkStatus(pushId: string | null, initial: StkStatusView | undefined) {
  const [eventsOpen, setEventsOpen] = useState(false);
  const startedAt = useRef(0);
  useEffect(() => {
    startedAt.current = Date.now();
  }, [pushId]);

  const { data, mutate } = useSWR<StkStatusView>(pushId ? statusUrl(pushId) : null, fetchStatus, {
    fallbackData: initial,
    revalidateOnMount: false,
    dedupingInterval: 1_000,
    refreshInterval: (latest) => {
      if (isSettled(latest)) return 0;
      if (Date.now() - startedAt.current > FAST_POLL_FOR_MS) return SLOW_POLL_MS;
      return eventsOpen ? SLOW_POLL_MS : FAST_POLL_MS;
    },
  });

  useEffect(() => {
    if (!pushId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/mpesa/events/${encodeURIComponent(pushId)}`);
    source.onopen = () => setEventsOpen(true);
    source.onerror = () => setEventsOpen(false);
    source.addEventListener('status', (event) => {
      const view = JSON.parse((event as MessageEvent<string>).data) as StkStatusView;
      void mutate(view, { revalidate: false });
      if (isSettled(view)) {
        source.close();
        setEventsOpen(false);
      }
    });
    source.addEventListener('unavailable', () => {
      source.close();
      setEventsOpen(false);
    });
    return () => source.close();
  }, [pushId, mutate]);

  return { status: data, eventsOpen };
}
