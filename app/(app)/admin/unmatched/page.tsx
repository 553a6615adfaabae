import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { QueueItemCard } from '@/components/unmatched/queue-item-card';
import { getDb } from '@/db/client';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';
import { listUnmatchedQueue } from '@/lib/unmatched/list-unmatched-queue';

export const metadata: Metadata = { title: 'Unmatched payments' };
export const dynamic = 'force-dynamic';

export default async function UnmatchedPage() {
  const caller = await requirePageCaller(['admin']);
  const { items, leases, deadLetters } = await listUnmatchedQueue(await getDb(), { caller });
  const waiting = items.filter((i) => i.state === 'open' || i.state === 'verifying' || i.state === 'review');
  const decided = items.filter((i) => !waiting.includes(i));
  return (
    <>
      <PageTitle title="Unmatched payments" subtitle="Money that reached the paybill and that Haven could not place on a lease by itself." />
      <section className="space-y-3" aria-label="Waiting for a decision">
        {waiting.length === 0 ? (
          <EmptyState>Nothing is waiting: every payment M-Pesa told us about is on a lease.</EmptyState>
        ) : (
          waiting.map((item) => <QueueItemCard key={item.id} item={item} leases={leases} />)
        )}
      </section>
      {decided.length > 0 && (
        <section className="mt-6 space-y-3" aria-label="Decided in the last 30 days">
          <h2 className="text-base font-semibold">Decided in the last 30 days</h2>
          {decided.map((item) => <QueueItemCard key={item.id} item={item} leases={leases} />)}
        </section>
      )}
      {deadLetters.length > 0 && (
        <Card title="Callbacks that keep failing" className="mt-6">
          <p className="mb-2 text-sm text-slate-600">Haven stored these but could not apply them; the statement reconciler brings in any payment among them.</p>
          <ul className="divide-y divide-slate-100 text-sm">
            {deadLetters.map((d) => (
              <li key={d.id} className="py-2">
                <p className="font-medium">{d.kind} · <Badge tone="red">dead-letter</Badge> · {d.attempts} attempts · {formatDateTime(d.receivedAt)}</p>
                {d.error && <p className="break-all text-slate-600">{d.error}</p>}
                <details className="text-xs">
                  <summary className="cursor-pointer text-slate-600">Raw callback</summary>
                  <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2">{d.body}</pre>
                </details>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
