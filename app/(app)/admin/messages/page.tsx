import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { MessageList } from '@/components/messaging/message-list';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { countMessagesByStatus, listAgencyMessages } from '@/db/queries/messages';
import type { MessageStatus } from '@/db/schema';
import { requirePageCaller } from '@/lib/auth/session';
import { resendMessageAction } from './actions';

export const metadata: Metadata = { title: 'Messages · Haven' };
export const dynamic = 'force-dynamic';

const filters: { key: string; label: string; statuses?: MessageStatus[] }[] = [
  { key: 'all', label: 'All' },
  { key: 'problems', label: 'Needs a look', statuses: ['failed', 'unknown'] },
  { key: 'waiting', label: 'Waiting', statuses: ['queued', 'claimed', 'sending'] },
  { key: 'sent', label: 'Sent', statuses: ['sent'] },
];

/** Every SMS and email of the agency; failed and unconfirmed ones can be sent again by a person. */
export default async function AdminMessagesPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const caller = await requirePageCaller(['admin']);
  const { show } = await searchParams;
  const filter = filters.find((f) => f.key === show) ?? filters[0]!;
  const db = await getDb();
  const [items, counts] = await Promise.all([listAgencyMessages(db, { agencyId: caller.agencyId, statuses: filter.statuses }), countMessagesByStatus(db, { agencyId: caller.agencyId })]);
  const problems = (counts.failed ?? 0) + (counts.unknown ?? 0);
  return (
    <>
      <PageTitle title="Messages" subtitle="Receipts, reminders and notices sent by SMS and email." action={<ButtonLink href="/admin/messages/settings" variant="secondary">Settings</ButtonLink>} />
      <nav aria-label="Filter messages" className="flex flex-wrap gap-2">
        {filters.map((f) => (
          <Link key={f.key} href={f.key === 'all' ? '/admin/messages' : `/admin/messages?show=${f.key}`} aria-current={f.key === filter.key ? 'page' : undefined}
            className={`min-h-11 content-center rounded-full px-4 text-sm font-medium ${f.key === filter.key ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300'}`}>
            {f.label}{f.key === 'problems' && problems > 0 ? ` (${problems})` : ''}
          </Link>
        ))}
      </nav>
      <Card>
        <MessageList
          items={items}
          empty={filter.key === 'problems' ? 'Nothing failed: every message was delivered to its provider.' : 'No messages yet.'}
          action={(m) =>
            m.status === 'failed' || m.status === 'unknown' ? (
              <form action={resendMessageAction}>
                <input type="hidden" name="messageId" value={m.id} />
                <Button type="submit" variant="secondary">{m.status === 'unknown' ? 'Send again (it may arrive twice)' : 'Send again'}</Button>
              </form>
            ) : null
          }
        />
      </Card>
    </>
  );
}
