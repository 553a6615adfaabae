'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth/auth';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { getEnv } from '@/lib/env';
import { isSafeSingleLine } from '@/lib/validation/strict';

export interface SignInState {
  error: string | null;
  email: string;
}

const formSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254)
    .email('Enter a valid email address, like name@example.com'),
  password: z.string().min(1, 'Enter your password').max(200).refine(isSafeSingleLine, 'That password contains characters that are not allowed'),
  next: z.string().max(2048).optional(),
});

/** Waiting time in words: "30 seconds", "4 minutes". */
function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email };
  // Only this app's own paths: `next` must never send a person to another site after signing in.
  const redirectTo = safeRedirectPath(parsed.data.next, getEnv().appUrl) ?? '/';
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') {
        return { error: `Too many attempts. Wait ${formatWait(error.retryAfterSeconds)}, then try again — or ask your agency admin to help you.`, email };
      }
      return { error: 'That email and password do not match. Check them and try again.', email };
    }
    // signIn signals a successful redirect by throwing; let it through.
    throw error;
  }
  return { error: null, email };
}
