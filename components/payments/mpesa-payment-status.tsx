'use client';

import ky, { HTTPError } from 'ky';
import { useEffect, useRef, useState } from 'react';
import useSWR from 'swr';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';

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

/** Haven's one JSON error shape, read from a failed request: the message, and the push it names, if any. */
export async function readApiError(error: unknown): Promise<{ message: string; pushId: string | null }> {
  if (error instanceof HTTPError) {
    try {
      const body = (await error.response.json()) as { error?: { message?: unknown; details?: { pushId?: unknown } } } | null;
      const message = body?.error?.message;
      const pushId = body?.error?.details?.pushId;
      if (typeof message === 'string') return { message, pushId: typeof pushId === 'string' ? pushId : null };
    } catch {
      // Not JSON: fall through.
    }
    return { message: `The server answered ${error.response.status}. Please try again.`, pushId: null };
  }
  return { message: await errorMessage(error), pushId: null };
}

/** The message of Haven's one JSON error shape, or a plain-language fallback. */
export async function errorMessage(error: unknown): Promise<string> {
  if (error instanceof HTTPError) return (await readApiError(error)).message;
  if (error instanceof Error && error.name === 'TimeoutError') return 'The network is slow and the request timed out. Check your connection and try again.';
  return 'We could not reach Haven. Check your connection and try again.';
}

export const fetchStatus = (url: string) => ky.get(url, { timeout: 20_000, retry: 1, cache: 'no-store' }).json<StkStatusView>();

/** Follows a push by our own id (a push whose send outcome is unknown has no CheckoutRequestID yet). */
export function useStkStatus(pushId: string | null, initial: StkStatusView | undefined) {
  const [eventsOpen, setEventsOpen] = useState(false);
  const startedAt = useRef(0);
  useEffect(() => {
    startedAt.current = Date.now();
  }, [pushId]);

  const { data, mutate } = useSWR<StkStatusView>(pushId ? `/api/v1/mpesa/status-detailed/${encodeURIComponent(pushId)}` : null, fetchStatus, {
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
