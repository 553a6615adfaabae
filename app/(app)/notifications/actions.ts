'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { preferencesSchema, updatePreferences } from '@/lib/messaging/manage';

export interface PreferencesState {
  ok: boolean;
  message: string | null;
  errors: Partial<Record<'sms' | 'email', string>>;
  /** What was submitted: the form shows it again (React resets a form after its action). */
  values?: { sms: boolean; email: boolean };
}

export async function savePreferencesAction(_prev: PreferencesState, form: FormData): Promise<PreferencesState> {
  const caller = await getCaller();
  if (!caller) return { ok: false, message: 'Sign in again to continue', errors: {} };
  const values = { sms: form.get('sms') === 'on', email: form.get('email') === 'on' };
  const parsed = preferencesSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: null, values, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'sms'), i.message])) };
  try {
    await updatePreferences(await getDb(), { caller, input: parsed.data });
  } catch (error) {
    if (isAppError(error)) {
      const fields = (error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
      return { ok: false, message: fields.length ? null : error.message, values, errors: Object.fromEntries(fields.map((f) => [f.path, f.message])) };
    }
    throw error;
  }
  revalidatePath('/notifications');
  return { ok: true, message: 'Saved. New messages use these channels.', values, errors: {} };
}
