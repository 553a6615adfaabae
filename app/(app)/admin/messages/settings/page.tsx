import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { DEFAULT_REMINDER_OFFSETS, getMessagingSettings } from '@/db/queries/messaging-settings';
import { requirePageCaller } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { MessagingSettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Messaging settings · Haven' };
export const dynamic = 'force-dynamic';

export default async function MessagingSettingsPage() {
  const caller = await requirePageCaller(['admin']);
  const settings = await getMessagingSettings(await getDb(), { agencyId: caller.agencyId });
  const env = getEnv().messaging;
  return (
    <>
      <PageTitle title="Messaging settings" action={<ButtonLink href="/admin/messages" variant="secondary">Messages</ButtonLink>} />
      <Card>
        <MessagingSettingsForm
          defaults={{ username: env.atUsername, senderId: env.atSenderId }}
          values={{
            atUsername: settings?.atUsername ?? '',
            atSenderId: settings?.atSenderId ?? '',
            hasApiKey: !!settings?.atApiKeySealed,
            remindersEnabled: settings?.remindersEnabled ?? true,
            reminderOffsets: (settings?.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS).join(', '),
          }}
        />
      </Card>
    </>
  );
}
