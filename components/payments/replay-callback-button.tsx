'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, fetchJson } from '@/lib/client/fetcher';
import { replayCallbackResultSchema } from '@/lib/payments/log/replay-input';

/**
 * Sends a dead-letter callback through the inbox again. A replayed row leaves the dead-letter list, taking this
 * button with it, so the page itself says how processing ended (`?replayed=<id>`, read from the inbox).
 */
export function ReplayCallbackButton({ callbackId, label }: { callbackId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function replay() {
    setBusy(true);
    setError(null);
    try {
      const result = await fetchJson(`/api/v1/mpesa/callbacks/${encodeURIComponent(callbackId)}/replay`, { json: {}, schema: replayCallbackResultSchema, timeoutMs: 60_000 });
      router.replace(`/admin/mpesa?replayed=${encodeURIComponent(result.id)}`, { scroll: true });
    } catch (e) {
      setError(errorMessage(e, 'Could not replay it. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => void replay()} disabled={busy} aria-label={`Replay ${label}`}>
        {busy ? 'Replaying…' : 'Replay'}
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
