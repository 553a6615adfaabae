'use client';

import ky from 'ky';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { readApiError } from '@/components/payments/mpesa-payment-status';

type Busy = null | 'statement' | 'balance';

/** Reads M-Pesa's statement or checks the paybill balance now, then shows the proof again. */
export function ProofActions() {
  const router = useRouter();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function run(what: Exclude<Busy, null>) {
    setBusy(what);
    setMessage(null);
    try {
      if (what === 'statement') {
        const { run: result } = await ky.post('/api/v1/mpesa/statement/reconcile', { json: {}, timeout: 120_000 }).json<{ run: { outcome: string | null; error: string | null; rowsSeen: number } }>();
        setMessage(result.outcome === 'failed' ? `The statement could not be read: ${result.error ?? 'unknown error'}` : `Statement read: ${result.rowsSeen} payment(s) listed.`);
      } else {
        const { check } = await ky.post('/api/v1/mpesa/balance', { json: {}, timeout: 30_000 }).json<{ check: { id: string } }>();
        // The answer comes by callback: wait until this check is finished.
        for (let i = 0; i < 60; i += 1) {
          const latest = await ky.get('/api/v1/mpesa/balance/latest', { cache: 'no-store' }).json<{ current: { id: string; status: string } | null }>();
          if (latest.current?.id === check.id && latest.current.status !== 'PENDING' && latest.current.status !== 'QUEUED') break;
          await new Promise((r) => setTimeout(r, 1_000));
        }
        setMessage('Balance checked.');
      }
      router.refresh();
    } catch (error) {
      setMessage((await readApiError(error)).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => run('statement')} disabled={busy !== null}>
          {busy === 'statement' ? 'Reading the statement…' : 'Check M-Pesa’s statement now'}
        </Button>
        <Button variant="secondary" onClick={() => run('balance')} disabled={busy !== null}>
          {busy === 'balance' ? 'Checking the balance…' : 'Check the balance now'}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm text-slate-600">
        {message}
      </p>
    </div>
  );
}
