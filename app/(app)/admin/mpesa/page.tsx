import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { ReplayCallbackButton } from '@/components/payments/replay-callback-button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { countUnattributedCallbacks, listAgencyCallbacks, listDeadLetterCallbacks, listPushesNeedingReview, listReceiptsNeedingAttention, type LoggedCallback } from '@/db/queries/mpesa-log';
import { getReplayableInboxRow } from '@/db/queries/inbox-replay';
import { requirePageCaller } from '@/lib/auth/session';
import { parseIdParam } from '@/lib/validation/strict';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { summariseCallback, type CallbackSummary } from '@/lib/payments/log/callback-summary';
import { formatKenyanPhone } from '@/lib/phone';

export const metadata: Metadata = { title: 'M-Pesa log' };


const receiptLabel: Record<string, string> = {
  refuted: 'Refuted by M-Pesa',
  unmatched: 'No lease to place it on',
  review: 'Credited, check it',
};

export default async function MpesaLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  const replayedId = parseIdParam([(await searchParams).replayed].flat()[0] ?? '');
  const [callbacks, review, unattributed, receipts, dead, replayed] = await Promise.all([
    listAgencyCallbacks(db, { agencyId: caller.agencyId }),
    listPushesNeedingReview(db, { agencyId: caller.agencyId }),
    countUnattributedCallbacks(db),
    listReceiptsNeedingAttention(db, { agencyId: caller.agencyId }),
    listDeadLetterCallbacks(db, { agencyId: caller.agencyId }),
    replayedId ? getReplayableInboxRow(db, { id: replayedId, agencyId: caller.agencyId }) : null,
  ]);
  const replayedSummary = replayed ? summariseCallback({ kind: replayed.kind, body: replayed.body, outcome: replayed.outcome }) : null;
  return (
    <>
      <PageTitle title="M-Pesa log" subtitle="Every callback Daraja sent us, stored before it was applied." />
      {replayed && replayedSummary && (
        <div role="status" data-testid="replay-result" data-outcome={replayed.outcome ?? 'received'}>
          <Alert tone={replayed.outcome === 'dead' || replayed.outcome === 'error' ? 'warning' : 'info'} title={`Replayed: ${replayedSummary.what}`}>
            Now <Badge tone={replayedSummary.badge.tone}>{replayedSummary.badge.label}</Badge>
            {replayed.outcome === null || replayed.outcome === 'waiting' || replayed.outcome === 'error'
              ? ' — the inbox keeps trying it with back-off.'
              : replayed.outcome === 'duplicate' ? ' — it had already been applied; nothing was credited twice.' : '.'}
            {replayed.error && <span className="block break-all text-sm">{replayed.error}</span>}
          </Alert>
        </div>
      )}
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
          <p className="mb-2 text-sm text-slate-600">
            Each of these failed every retry. Once what made it fail is fixed, replay it: it goes through the inbox again like a new callback.
          </p>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="dead-letter-rows">
            {dead.map((d) => (
              <li key={d.id} className="space-y-1 py-2" data-testid="dead-letter-row" data-callback-id={d.id}>
                <CallbackDetails callback={d} summary={summariseCallback({ kind: d.kind, body: d.body, outcome: d.outcome })} />
                <ReplayCallbackButton callbackId={d.id} label={`${d.kind} callback received ${formatDateTime(d.receivedAt)}`} />
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
              const summary = summariseCallback({ kind: c.kind, body: c.body, outcome: c.outcome });
              return (
                <li key={c.id} className="py-2" data-testid="callback-row" data-callback-id={c.id} data-money={summary.money} data-outcome={c.outcome ?? 'received'}>
                  <CallbackDetails callback={c} summary={summary} />
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}

/**
 * One callback as a person reads it: what it is about, the badge for what happened to the money (an applied
 * failure is never green), amount, receipt and lease, with the raw body one click away.
 */
function CallbackDetails({ callback: c, summary: s }: { callback: LoggedCallback; summary: CallbackSummary }) {
  return (
    <details>
      <summary className="cursor-pointer">
        <span className="font-medium">{s.what}</span> · <Badge tone={s.badge.tone}>{s.badge.label}</Badge>
        {s.amountCents !== null && <> · {formatKes(s.amountCents)}</>}
        {s.receipt && <> · <span className="break-all font-mono">{s.receipt}</span></>}
        {c.accountReference && <> · lease <span className="font-mono">{c.accountReference}</span></>} ·{' '}
        <span className="text-slate-600">{formatDateTime(c.receivedAt)}</span>
        {s.reason && <span className="block text-slate-700">{s.reason}</span>}
        {c.outcome === 'dead' && c.error && <span className="block break-all text-red-800">{c.attempts} attempts · last error: {c.error}</span>}
      </summary>
      <p className="mt-1 text-xs text-slate-600">
        From {c.sourceAddress ?? 'unknown address'} · <span className="break-all font-mono">{c.correlationId}</span>
        {c.error && c.outcome !== 'dead' ? ` · ${c.error}` : ''}
        {c.paymentId && <> · <Link href={`/payments/${c.paymentId}`} className="font-medium text-brand-700 underline">Open the payment</Link></>}
      </p>
      <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{c.body}</pre>
    </details>
  );
}
