import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { MessageList } from '@/components/messaging/message-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getPreferences } from '@/db/queries/message-recipients';
import { listMessagesFor } from '@/db/queries/messages';
import { requirePageCaller } from '@/lib/auth/session';
import { formatKenyanPhone } from '@/lib/phone';
import { PreferencesForm } from './preferences-form';

export const metadata: Metadata = { title: 'Messages · Haven' };
export const dynamic = 'force-dynamic';

/** Everyone's own page: how they want to hear from Haven, and what it sent them. */
export default async function NotificationsPage() {
  const caller = await requirePageCaller();
  const db = await getDb();
  const [prefs, sent] = await Promise.all([getPreferences(db, { userId: caller.id }), listMessagesFor(db, { agencyId: caller.agencyId, recipientId: caller.id })]);
  return (
    <>
      <PageTitle title="Messages" subtitle="How Haven reaches you, and what it sent." />
      <Card title="How to reach you">
        <PreferencesForm sms={prefs.sms && !!caller.phone} email={prefs.email} phone={caller.phone ? formatKenyanPhone(caller.phone) : null} address={caller.email} />
      </Card>
      <Card title="Sent to you">
        <MessageList items={sent} empty="Nothing yet. Receipts and reminders will show here." />
      </Card>
    </>
  );
}
