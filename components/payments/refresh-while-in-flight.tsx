'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useSWRConfig } from 'swr';
import { BALANCE_KEY } from './account-balance';

/**
 * Keeps a server-rendered list of money-out requests true while some are on their way to M-Pesa: re-renders the
 * page every few seconds, and when one settles asks the balance widget to look again (the balance moved).
 */
export function RefreshWhileInFlight({ inFlight, settled }: { inFlight: number; settled: number }) {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const seen = useRef(settled);
  useEffect(() => {
    if (settled !== seen.current) {
      seen.current = settled;
      void mutate(BALANCE_KEY);
    }
  }, [settled, mutate]);
  useEffect(() => {
    if (inFlight === 0) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [inFlight, router]);
  return null;
}
