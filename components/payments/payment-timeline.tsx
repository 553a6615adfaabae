'use client';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { errorMessage } from '@/lib/client/fetcher';
import { usePaymentTimeline } from '@/lib/client/use-payment-timeline';
import { formatDateTime } from '@/lib/format-time';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { formatKes } from '@/lib/money';
import type { PaymentTimeline, TimelineEvent } from '@/lib/payments/timeline/timeline-schema';

/** The actions first (what the person came to do), then the story of the money, oldest first. */
export function PaymentTimelineView({ initial }: { initial: PaymentTimeline }) {
  const { data, error, isValidating } = usePaymentTimeline(initial.payment.id, initial);
  const timeline = data ?? initial;
  const p = timeline.payment;
  return (
    <>
      <Card>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2" data-testid="payment-summary">
          <div><dt className="text-slate-600">Amount</dt><dd className="text-lg font-bold">{formatKes(p.amountCents)}</dd></div>
          <div><dt className="text-slate-600">Status</dt><dd>{p.status === 'reversed' ? <Badge tone="red">Reversed</Badge> : <Badge tone="green">Paid</Badge>}</dd></div>
          <div><dt className="text-slate-600">{p.receipt ? 'M-Pesa receipt' : 'Reference'}</dt><dd className="break-all font-mono" data-testid="payment-receipt">{p.receipt ?? p.reference ?? '—'}</dd></div>
          <div><dt className="text-slate-600">Paid</dt><dd>{formatDateTime(p.paidAt)} · {paymentMethodLabel[p.method]}</dd></div>
          <div className="sm:col-span-2"><dt className="text-slate-600">Lease</dt><dd className="break-words">{p.tenantName} · {p.propertyName} {p.unitLabel} · <span className="font-mono">{p.accountReference}</span></dd></div>
        </dl>
        {timeline.actions.length > 0 && (
          <nav aria-label="Actions" className="mt-4 flex flex-wrap gap-2" data-testid="payment-actions">
            {timeline.actions.map((a) => (
              <ButtonLink key={a.kind} href={a.href} variant={a.kind === 'receipt' ? 'primary' : 'secondary'} data-action={a.kind}>
                {a.label}
              </ButtonLink>
            ))}
          </nav>
        )}
      </Card>
      <Card title="What happened" action={isValidating ? <span className="text-xs text-slate-500" aria-live="polite">Refreshing…</span> : null}>
        {error && <Alert tone="warning" title="Could not refresh">{errorMessage(error)} What is shown may be out of date.</Alert>}
        {timeline.events.length === 0 ? (
          <EmptyState>Nothing is recorded about this payment yet.</EmptyState>
        ) : (
          <ol className="relative space-y-4 border-l border-slate-200 pl-4" data-testid="payment-timeline">
            {timeline.events.map((e) => (
              <TimelineItem key={e.id} event={e} />
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}

function TimelineItem({ event: e }: { event: TimelineEvent }) {
  return (
    <li className="min-w-0" data-testid="timeline-event" data-kind={e.kind}>
      <p className="text-xs text-slate-500"><time dateTime={e.at}>{formatDateTime(e.at)}</time>{e.actor && <> · {e.actor}</>}</p>
      <p className="break-words font-medium text-slate-900">
        {e.title}
        {e.badge && <> <Badge tone={e.badge.tone}>{e.badge.label}</Badge></>}
      </p>
      {(e.amountCents !== null || e.receipt) && (
        <p className="text-sm text-slate-800">
          {e.amountCents !== null && formatKes(e.amountCents)}
          {e.amountCents !== null && e.receipt && ' · '}
          {e.receipt && <span className="break-all font-mono">{e.receipt}</span>}
        </p>
      )}
      {e.detail && <p className="break-words text-sm text-slate-600">{e.detail}</p>}
      {e.href && <a href={e.href} className="text-sm font-medium text-brand-700 underline">More</a>}
      {e.raw && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-brand-700">Raw callback</summary>
          <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs" data-testid="raw-callback">{e.raw}</pre>
        </details>
      )}
    </li>
  );
}
