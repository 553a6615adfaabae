'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { newPasswordSchema, resetPassword } from '@/lib/auth/password-reset';
import { isAppError } from '@/lib/errors';

export interface ResetState {
  error: string | null;
  errors: Partial<Record<'password' | 'confirm', string>>;
}

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const token = String(form.get('token') ?? '');
  const parsed = newPasswordSchema.safeParse({ password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') });
  if (!parsed.success) return { error: null, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  try {
    await resetPassword(await getDb(), { token, password: parsed.data.password });
  } catch (error) {
    if (isAppError(error)) return { error: error.message, errors: {} };
    throw error;
  }
  redirect('/sign-in?reset=done');
}
