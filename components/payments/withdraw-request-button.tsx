'use client';

import ky from 'ky';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** The requester takes back a payout or reversal that still waits for approval; nothing has been sent. */
export function WithdrawRequestButton({ requestId, label, onWithdrawn }: { requestId: string; label: string; onWithdrawn?: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      const res = await ky.post(`/api/v1/mpesa/payouts/${requestId}/withdraw`, { json: {}, throwHttpErrors: false, timeout: 30_000 });
      if (!res.ok) setError(((await res.json()) as { error?: { message?: string } }).error?.message ?? 'Could not withdraw it');
      else onWithdrawn?.();
      router.refresh();
    } catch {
      setError('Could not reach Haven. Check your connection and try again.');
    } finally {
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
