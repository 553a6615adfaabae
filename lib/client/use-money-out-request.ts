'use client';

import useSWR from 'swr';
import { isFinalStatus } from '@/lib/payments/b2c/payout-status';
import { payoutResponseSchema, reversalResponseSchema, type payoutViewSchema, type reversalViewSchema } from '@/lib/payments/b2c/request-view-schemas';
import type { z } from 'zod';
import { getWith } from './fetcher';

/**
 * A payout or reversal followed until it is final: parsed with the schemas the routes answer with, polled while
 * M-Pesa has not answered, then left alone.
 */

type PayoutView = z.infer<typeof payoutViewSchema>;
type ReversalView = z.infer<typeof reversalViewSchema>;

const POLL_MS = 1_500;
const fetchPayout = (url: string) => getWith(payoutResponseSchema)(url).then((r) => r.payout);
const fetchReversal = (url: string) => getWith(reversalResponseSchema)(url).then((r) => r.reversal);
// A payout waiting for a person changes slowly; one sent to M-Pesa is answered within seconds.
const WAITING_POLL_MS = 5_000;
const refreshUntilFinal = (latest: { status: PayoutView['status'] } | undefined) => (latest && isFinalStatus(latest.status) ? 0 : POLL_MS);

export function usePayout(initial: PayoutView) {
  return useSWR(`/api/v1/mpesa/b2c/${encodeURIComponent(initial.id)}`, fetchPayout, {
    fallbackData: initial,
    refreshInterval: (latest) => (latest?.status === 'AWAITING_APPROVAL' ? WAITING_POLL_MS : refreshUntilFinal(latest)),
  });
}

export function useReversal(initial: ReversalView) {
  return useSWR(`/api/v1/mpesa/reversal/${encodeURIComponent(initial.id)}`, fetchReversal, { fallbackData: initial, refreshInterval: refreshUntilFinal });
}
