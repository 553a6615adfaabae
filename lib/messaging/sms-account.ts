import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getMessagingSettings } from '@/db/queries/messaging-settings';
import { atApiKeyContext, openAppSecret } from '@/lib/crypto/app-secrets';
import { getEnv } from '@/lib/env';
import type { SmsAccount } from './channels/types';

/** The agency's own Africa's Talking account when it set one, else the environment's (the default agency's). */
export async function getSmsAccount(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<SmsAccount> {
  const env = getEnv().messaging;
  const settings = await getMessagingSettings(db, { agencyId });
  if (settings?.atUsername && settings.atApiKeySealed) {
    return { baseUrl: env.atBaseUrl, username: settings.atUsername, apiKey: openAppSecret(settings.atApiKeySealed, atApiKeyContext(agencyId)), senderId: settings.atSenderId };
  }
  return { baseUrl: env.atBaseUrl, username: env.atUsername, apiKey: env.atApiKey, senderId: settings?.atSenderId ?? env.atSenderId };
}
