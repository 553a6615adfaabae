import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import type { MessageListItem } from '@/db/queries/messages';
import { formatDateTime } from '@/lib/format-time';
import { messageKindLabel } from '@/lib/messaging/message-kinds';
import { formatKenyanPhone } from '@/lib/phone';

const statusView = {
  queued: { label: 'Queued', tone: 'blue' },
  claimed: { label: 'Sending', tone: 'blue' },
  sending: { label: 'Sending', tone: 'blue' },
  sent: { label: 'Sent', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  unknown: { label: 'Not confirmed', tone: 'amber' },
  cancelled: { label: 'Not needed', tone: 'slate' },
} as const;

/**
 * Messages as people read them at 360 px: what, to whom, when, and the state, with the text as it was sent.
 * `action` renders per row (e.g. "Send again" for admins).
 */
export function MessageList({ items, empty = 'No messages yet.', action }: { items: MessageListItem[]; empty?: string; action?: (m: MessageListItem) => ReactNode }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="message-list">
      {items.map((m) => {
        const status = statusView[m.status];
        return (
          <li key={m.id} className="space-y-1 py-3" data-testid="message-row" data-status={m.status} data-kind={m.kind} data-channel={m.channel}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium text-slate-900">
                {messageKindLabel(m.kind)} <span className="text-sm font-normal text-slate-600">· {m.channel === 'sms' ? 'SMS' : 'Email'}</span>
              </p>
              <Badge tone={status.tone}>{status.label}</Badge>
            </div>
            <p className="break-words text-sm text-slate-600">
              To {m.channel === 'sms' ? formatKenyanPhone(m.address) : m.address} · {formatDateTime(m.sentAt ?? m.createdAt)}
              {m.status === 'queued' && m.attempts > 0 && ` · attempt ${m.attempts + 1} of ${m.maxAttempts} at ${formatDateTime(m.nextAttemptAt)}`}
            </p>
            {m.subject && <p className="text-sm font-medium text-slate-800">{m.subject}</p>}
            {m.body && m.channel === 'sms' && <p className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-2 text-sm text-slate-800">{m.body}</p>}
            {m.lastError && m.status !== 'sent' && <p className="break-words text-sm text-red-700">{m.lastError}</p>}
            {action?.(m)}
          </li>
        );
      })}
    </ul>
  );
}
