import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listDeadLetterRows } from '@/db/queries/callback-inbox';
import { countUnattributedCallbacks, listAgencyCallbacks, listPushesNeedingReview, listReceiptsNeedingAttention } from '@/db/queries/mpesa-log';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { summariseCallback } from '@/lib/payments/log/callback-summary';
import { formatKenyanPhone } from '@/lib/phone';

export const metadata: Metadata = { title: 'M-Pesa log' };


const receiptLabel: Record<string, string> = {
  refuted: 'Refuted by M-Pesa',
  unmatched: 'No lease to place it on',
  review: 'Credited, check it',
};

export default async function MpesaLogPage() {
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  const [callbacks, review, unattributed, receipts, dead] = await Promise.all([
    listAgencyCallbacks(db, { agencyId: caller.agencyId }),
    listPushesNeedingReview(db, { agencyId: caller.agencyId }),
    countUnattributedCallbacks(db),
    listReceiptsNeedingAttention(db, { agencyId: caller.agencyId }),
    listDeadLetterRows(db, { agencyId: caller.agencyId }),
  ]);
  return (
    <>
      <PageTitle title="M-Pesa log" subtitle="Every callback Daraja sent us, stored before it was applied." />
      {unattributed > 0 && (
        <Alert tone="warning" title={`${unattributed} callback(s) matched no request`}>
          They are kept in the inbox and were not credited. If a tenant says they paid, check their M-Pesa message and the receipt.
        </Alert>
      )}
      <Card title="Receipts needing attention">
        {receipts.length === 0 ? (
          <EmptyState>Every receipt M-Pesa told us about is in the books.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="receipts-needing-attention">
            {receipts.map((r) => (
              <li key={r.id} className="py-2">
                <p className="font-medium">
                  <span className="font-mono">{r.receipt}</span> · <Badge tone={r.resolution === 'review' ? 'amber' : 'red'}>{receiptLabel[r.resolution ?? ''] ?? r.status}</Badge>
                </p>
                <p className="text-slate-600">
                  {r.amountCents !== null ? formatKes(r.amountCents) : r.claimedAmountCents !== null ? `${formatKes(r.claimedAmountCents)} claimed` : ''} ·{' '}
                  {r.source.replace('-', ' ')} · {formatDateTime(r.createdAt)}
                </p>
                {r.reviewReason && <p className="text-slate-600">{r.reviewReason}</p>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {dead.length > 0 && (
        <Card title="Callbacks that keep failing">
          <ul className="divide-y divide-slate-100 text-sm">
            {dead.map((d) => (
              <li key={d.id} className="py-2">
                <p className="font-medium">
                  {d.kind} · <Badge tone="red">dead-letter</Badge> · {d.attempts} attempts
                </p>
                <p className="break-all text-slate-600">{d.error}</p>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="Payments needing review">
        {review.length === 0 ? (
          <EmptyState>Nothing needs review.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {review.map((r) => (
              <li key={r.id} className="py-2">
                <p className="font-medium">
                  {formatKes(r.amountCents)} from {formatKenyanPhone(r.phone)} · <Badge tone="amber">{r.status}</Badge>
                </p>
                <p className="text-slate-600">{r.reviewReason ?? 'Flagged for review'} · {formatDateTime(r.createdAt)}</p>
                <p className="font-mono text-xs text-slate-500">{r.checkoutRequestId ?? 'not sent'}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Callbacks">
        {callbacks.length === 0 ? (
          <EmptyState>No callbacks yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {callbacks.map((c) => {
              // The badge shows what happened to the money, not only that processing reached the request.
              const s = summariseCallback({ kind: c.kind, body: c.body, outcome: c.outcome });
              return (
              <li key={c.id} className="py-2" data-testid="callback-row" data-money={s.money} data-outcome={c.outcome ?? 'received'}>
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-medium">{s.what}</span> · <Badge tone={s.badge.tone}>{s.badge.label}</Badge>
                    {s.amountCents !== null && <> · {formatKes(s.amountCents)}</>}
                    {s.receipt && <> · <span className="font-mono">{s.receipt}</span></>} ·{' '}
                    <span className="text-slate-600">{formatDateTime(c.receivedAt)}</span>
                    {s.reason && <span className="block text-slate-700">{s.reason}</span>}
                  </summary>
                  <p className="mt-1 text-xs text-slate-600">
                    From {c.sourceAddress ?? 'unknown address'} · <span className="font-mono">{c.correlationId}</span>
                    {c.error ? ` · ${c.error}` : ''}
                  </p>
                  <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{c.body}</pre>
                </details>
              </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}
