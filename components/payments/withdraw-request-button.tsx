'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, fetchJson, ignoredAnswer } from '@/lib/client/fetcher';

/** The requester takes back a payout or reversal that still waits for approval; nothing has been sent. */
export function WithdrawRequestButton({ requestId, label, onWithdrawn }: { requestId: string; label: string; onWithdrawn?: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/v1/mpesa/payouts/${encodeURIComponent(requestId)}/withdraw`, { json: {}, schema: ignoredAnswer });
      onWithdrawn?.();
    } catch (e) {
      setError(errorMessage(e, 'Could not withdraw it'));
    } finally {
      router.refresh();
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => void withdraw()} disabled={busy} aria-label={`Withdraw ${label}`}>
        {busy ? 'Withdrawing…' : 'Withdraw request'}
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
