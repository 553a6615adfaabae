'use client';

import ky from 'ky';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Approve or reject a payout or reversal waiting for a second admin. */
export function B2cDecisionButtons({ requestId, label }: { requestId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: 'approve' | 'reject') {
    // Always a JSON body, even for approve: the API takes JSON only (CSRF protection).
    let json: { reason?: string } = {};
    if (decision === 'reject') {
      const reason = window.prompt(`Why reject ${label}?`);
      if (!reason || reason.trim().length < 2) return;
      json = { reason: reason.trim() };
    }
    setBusy(true);
    setError(null);
    try {
      const res = await ky.post(`/api/v1/mpesa/payouts/${requestId}/${decision}`, { json, throwHttpErrors: false, timeout: 30_000 });
      if (!res.ok) setError(((await res.json()) as { error?: { message?: string } }).error?.message ?? 'That did not work');
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => decide('approve')} disabled={busy} aria-label={`Approve ${label}`}>
        Approve
      </Button>
      <Button variant="secondary" onClick={() => decide('reject')} disabled={busy} aria-label={`Reject ${label}`}>
        Reject
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
