'use server';

import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { requestPasswordReset, resetRequestSchema } from '@/lib/auth/password-reset';

export interface ForgotState {
  sent: boolean;
  error: string | null;
  identifier: string;
}

export async function requestResetAction(_prev: ForgotState, form: FormData): Promise<ForgotState> {
  const identifier = String(form.get('identifier') ?? '');
  const parsed = resetRequestSchema.safeParse({ identifier });
  if (!parsed.success) return { sent: false, error: parsed.error.issues[0]?.message ?? 'Check the form', identifier };
  const address = (await headers()).get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const result = await requestPasswordReset(await getDb(), { identifier: parsed.data.identifier, address });
  if (!result.ok) return { sent: false, error: result.message, identifier };
  return { sent: true, error: null, identifier };
}
