'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { setPasswordHash } from '@/db/queries/users';
import { getSourceAddress } from '@/lib/api/source-address';
import { signIn } from '@/lib/auth/auth';
import { authenticateUser } from '@/lib/auth/authenticate';
import { hashPassword } from '@/lib/auth/password';
import { getCaller } from '@/lib/auth/session';
import { isSafeSingleLine } from '@/lib/validation/strict';

type FieldName = 'currentPassword' | 'newPassword' | 'confirmPassword';

export interface ChangePasswordState {
  fieldErrors: Partial<Record<FieldName, string>>;
  error: string | null;
}

// ASVS 2.1: at least 12 characters, any printable characters, no composition rules.
const formSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    newPassword: z
      .string()
      .min(12, 'Use at least 12 characters — a few words make a good password')
      .max(200, 'Use at most 200 characters')
      .refine(isSafeSingleLine, 'Use letters, digits, spaces and symbols only'),
    confirmPassword: z.string().max(200),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ['confirmPassword'], message: 'This does not match the new password' })
  .refine((d) => d.newPassword !== d.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' });

/**
 * Changes the caller's password. The current password is checked through the sign-in throttle (so this form
 * cannot be used to guess it), every existing session ends, and this device is signed in again.
 */
export async function changePasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const caller = await getCaller();
  if (!caller) redirect('/sign-in?next=/account');
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: ChangePasswordState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FieldName | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { fieldErrors, error: null };
  }
  const { currentPassword, newPassword } = parsed.data;
  const db = await getDb();
  const check = await authenticateUser(db, { email: caller.email, password: currentPassword, address: getSourceAddress({ headers: await headers() }) });
  if (!check.ok) {
    if (check.reason === 'throttled') return { fieldErrors: {}, error: `Too many attempts. Wait ${check.retryAfterSeconds} seconds, then try again.` };
    return { fieldErrors: { currentPassword: 'That is not your current password' }, error: null };
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, { userId: caller.id, passwordHash });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'user.password_changed', targetType: 'user', targetId: caller.id });
  });
  // The change ended every session, this one included: sign this device in again with the new password.
  await signIn('credentials', { email: caller.email, password: newPassword, redirectTo: '/account?changed=1' });
  return { fieldErrors: {}, error: null };
}
