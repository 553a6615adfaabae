'use client';

import { useRouter } from 'next/navigation';
import { ActionButton } from '@/components/ui/action-button';
import { replayCallbackResultSchema } from '@/lib/payments/log/replay-input';

/**
 * Sends a dead-letter callback through the inbox again. A replayed row leaves the dead-letter list, taking this
 * button with it, so the page itself says how processing ended (`?replayed=<id>`, read from the inbox).
 */
export function ReplayCallbackButton({ callbackId, label }: { callbackId: string; label: string }) {
  const router = useRouter();
  return (
    <ActionButton
      url={`/api/v1/mpesa/callbacks/${encodeURIComponent(callbackId)}/replay`}
      schema={replayCallbackResultSchema}
      timeoutMs={60_000}
      onDone={(result) => router.replace(`/admin/mpesa?replayed=${encodeURIComponent(result.id)}`, { scroll: true })}
      failure="Could not replay it. Try again."
      ariaLabel={`Replay ${label}`}
      pendingLabel="Replaying…"
    >
      Replay
    </ActionButton>
  );
}
