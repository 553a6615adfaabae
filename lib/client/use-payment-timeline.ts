'use client';

import useSWR from 'swr';
import { paymentTimelineSchema, type PaymentTimeline } from '@/lib/payments/timeline/timeline-schema';
import { getWith } from './fetcher';

export const paymentTimelineKey = (paymentId: string) => `/api/v1/payments/${encodeURIComponent(paymentId)}/timeline`;
const fetchTimeline = getWith(paymentTimelineSchema);

/**
 * One payment's timeline, parsed with the route's own schema. The page renders the server's copy first; a
 * reversal still in flight is followed until M-Pesa answers, anything else refreshes when the tab comes back.
 */
export function usePaymentTimeline(paymentId: string, initial?: PaymentTimeline) {
  return useSWR(paymentTimelineKey(paymentId), fetchTimeline, {
    fallbackData: initial,
    revalidateOnMount: !initial,
    refreshInterval: (latest) => (latest?.events.some((e) => e.kind === 'reversal' && e.badge?.tone === 'blue') ? 5_000 : 0),
  });
}
