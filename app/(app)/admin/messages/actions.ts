'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { messagingSettingsSchema, resendMessage, updateMessagingSettings } from '@/lib/messaging/manage';

export async function resendMessageAction(form: FormData): Promise<void> {
  const caller = await getCaller();
  if (!caller) return;
  try {
    await resendMessage(await getDb(), { caller, messageId: String(form.get('messageId') ?? '') });
  } catch (error) {
    // Already sent again by someone else, or not this agency's: the refreshed list shows the truth.
    if (!isAppError(error)) throw error;
  }
  revalidatePath('/admin/messages');
}

export interface SettingsState {
  ok: boolean;
  message: string | null;
  errors: Partial<Record<'atUsername' | 'atApiKey' | 'atSenderId' | 'remindersEnabled' | 'reminderOffsets', string>>;
  /** What was submitted (not the API key), shown again after the action: React resets the form. */
  values?: { atUsername: string; atSenderId: string; remindersEnabled: boolean; reminderOffsets: string };
}

export async function saveMessagingSettingsAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const caller = await getCaller();
  if (!caller) return { ok: false, message: 'Sign in again to continue', errors: {} };
  const values = {
    atUsername: String(form.get('atUsername') ?? ''),
    atSenderId: String(form.get('atSenderId') ?? ''),
    remindersEnabled: form.get('remindersEnabled') === 'on',
    reminderOffsets: String(form.get('reminderOffsets') ?? ''),
  };
  const parsed = messagingSettingsSchema.safeParse({ ...values, atApiKey: String(form.get('atApiKey') ?? '') });
  if (!parsed.success) return { ok: false, message: null, values, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  if (parsed.data.atApiKey && !parsed.data.atUsername) return { ok: false, message: null, values, errors: { atUsername: 'Enter the username the API key belongs to' } };
  try {
    await updateMessagingSettings(await getDb(), { caller, input: parsed.data });
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message, values, errors: {} };
    throw error;
  }
  revalidatePath('/admin/messages/settings');
  return { ok: true, message: 'Saved.', values: { ...values, reminderOffsets: parsed.data.reminderOffsets.join(', ') }, errors: {} };
}
