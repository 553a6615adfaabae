'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, fetchJson } from '@/lib/client/fetcher';
import { replayCallbackResultSchema } from '@/lib/payments/log/replay-input';

const outcomeText: Record<string, string> = {
  applied: 'Replayed: applied.',
  duplicate: 'Replayed: it was already applied (duplicate).',
  waiting: 'Replayed: waiting for its request; the inbox will try again shortly.',
  error: 'Replayed, but it failed again; the inbox retries it with back-off.',
};

/** Sends a dead-letter callback through the inbox again; the page then shows what processing did with it. */
export function ReplayCallbackButton({ callbackId, label }: { callbackId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function replay() {
    setBusy(true);
    setMessage(null);
    try {
      const result = await fetchJson(`/api/v1/mpesa/callbacks/${encodeURIComponent(callbackId)}/replay`, { json: {}, schema: replayCallbackResultSchema, timeoutMs: 60_000 });
      setMessage({ tone: 'ok', text: (result.outcome && outcomeText[result.outcome]) ?? `Replayed: ${result.outcome ?? 'being processed'}.` });
      router.refresh();
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'Could not replay it. Try again.') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => void replay()} disabled={busy} aria-label={`Replay ${label}`}>
        {busy ? 'Replaying…' : 'Replay'}
      </Button>
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={`w-full text-sm ${message.tone === 'error' ? 'text-red-700' : 'text-slate-700'}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
