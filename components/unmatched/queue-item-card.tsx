import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import type { QueueItem } from '@/lib/unmatched/list-unmatched-queue';
import { UnplacedActions } from './unplaced-actions';

/** One payment in the unmatched queue: what came in, what M-Pesa proved, the evidence, the likely leases, the history. */

const stateLabel: Record<QueueItem['state'], { label: string; tone: 'amber' | 'blue' | 'green' | 'slate' | 'red' }> = {
  verifying: { label: 'Being verified', tone: 'blue' },
  open: { label: 'Needs a decision', tone: 'amber' },
  review: { label: 'Credited, check it', tone: 'amber' },
  placed: { label: 'Placed', tone: 'green' },
  refunding: { label: 'Refund requested', tone: 'slate' },
  not_ours: { label: 'Not ours', tone: 'slate' },
  merged: { label: 'Merged: counted once', tone: 'green' },
};

const sourceLabel: Record<string, string> = {
  'c2b-confirmation': 'Paybill confirmation',
  statement: 'M-Pesa statement',
  'stk-callback': 'STK callback',
  review: 'Flagged for review',
  'tenant-lookup': 'Tenant lookup',
  admin: 'Admin',
};

const actionLabel: Record<string, string> = { place: 'Placed', refund: 'Refund requested', not_ours: 'Marked not ours', keep: 'Kept', merge: 'Merged with a payment without a receipt', undo: 'Undone' };

function Evidence({ title, body }: { title: string; body: string | null }) {
  if (!body) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600">{title}</summary>
      <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2">{body}</pre>
    </details>
  );
}

export function QueueItemCard({ item, leases }: { item: QueueItem; leases: { id: string; label: string }[] }) {
  const state = stateLabel[item.state];
  return (
    <Card className="space-y-3">
      <div data-testid={`unplaced-${item.receipt}`} className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-lg font-semibold">{item.amountCents !== null ? formatKes(item.amountCents) : 'Amount unknown'}</p>
          <Badge tone={state.tone}>{state.label}</Badge>
        </div>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
          <div><dt className="inline text-slate-500">Receipt </dt><dd className="inline break-all font-mono">{item.receipt}</dd></div>
          <div><dt className="inline text-slate-500">Paid </dt><dd className="inline">{formatDateTime(item.paidAt)}</dd></div>
          <div><dt className="inline text-slate-500">From </dt><dd className="inline">{[item.payerName, item.payer].filter(Boolean).join(' · ') || 'unknown'}</dd></div>
          <div><dt className="inline text-slate-500">Account typed </dt><dd className="inline break-all">{item.accountReference ? `“${item.accountReference}”` : 'none'}</dd></div>
          <div><dt className="inline text-slate-500">Came by </dt><dd className="inline">{sourceLabel[item.source] ?? item.source}</dd></div>
          <div><dt className="inline text-slate-500">Proof </dt><dd className="inline">{item.proof}</dd></div>
        </dl>
        <p className="text-sm text-slate-700">{item.reason}</p>
        {item.candidates.length > 0 && (
          <div>
            <p className="text-sm font-medium">Likely leases</p>
            <ol className="mt-1 space-y-1 text-sm" data-testid="candidates">
              {item.candidates.map((c) => (
                <li key={c.leaseId} className="rounded bg-slate-50 p-2">
                  <p className="font-medium break-words">{c.label}</p>
                  <p className="text-slate-600">{c.reasons.join(' · ')}</p>
                </li>
              ))}
            </ol>
          </div>
        )}
        <div className="space-y-1">
          <Evidence title="Paybill confirmation (raw)" body={item.evidence.confirmation} />
          <Evidence title="Transaction Status result (raw)" body={item.evidence.transactionStatus} />
          <Evidence title="M-Pesa statement row" body={item.evidence.statement} />
        </div>
        {item.history.length > 0 && (
          <ul className="space-y-1 text-xs text-slate-600" aria-label="History">
            {item.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at)} · {actionLabel[h.action] ?? h.action}: {h.reason}
              </li>
            ))}
          </ul>
        )}
        <UnplacedActions itemId={item.id} actions={item.actions} candidates={item.candidates} leases={leases} mergeCandidates={item.mergeCandidates} />
      </div>
    </Card>
  );
}
