'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth/auth';

export interface SignInState {
  error: string | null;
  email: string;
}

const formSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254).email('Enter a valid email address, like name@example.com'),
  password: z.string().min(1, 'Enter your password').max(200),
  next: z.string().optional(),
});

// Only same-site paths: `next` must never send a person to another site after signing in.
const safeNext = (next: string | undefined) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email };
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeNext(parsed.data.next) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error ? String(error.code) : '';
      if (code === 'throttled') {
        return { error: 'Too many failed attempts. Wait 15 minutes, then try again — or ask your agency admin to help you.', email };
      }
      return { error: 'That email and password do not match. Check them and try again.', email };
    }
    // signIn signals a successful redirect by throwing; let it through.
    throw error;
  }
  return { error: null, email };
}
