import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { roleHome } from '@/lib/auth/caller';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { getCaller } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; welcome?: string; reset?: string }> }) {
  const caller = await getCaller();
  if (caller) redirect(roleHome[caller.role]);
  // An unsafe `next` is dropped here already, so the form never carries it (the action checks again).
  const params = await searchParams;
  const next = safeRedirectPath(params.next, getEnv().appUrl) ?? undefined;
  const { welcome, reset } = params;
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <p className="text-3xl font-bold text-brand-700">Haven</p>
      <p className="mt-1 text-sm text-slate-600">Rent, paid with M-Pesa.</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
        {welcome === '1' && <p role="status" className="mb-4 rounded-lg bg-brand-50 p-3 text-sm text-brand-800">Your password is set. Sign in with your email and new password.</p>}
        {reset === 'done' && <p className="mb-3 rounded-lg bg-brand-50 p-3 text-sm text-brand-800" role="status">Your password was changed. Sign in with the new one.</p>}
        <SignInForm next={next} />
        <p className="mt-3 text-sm"><Link href="/forgot-password" className="text-brand-700 underline">Forgot your password?</Link></p>
      </div>
      <p className="mt-4 text-xs text-slate-500">
        Demo: tenant@example.com, landlord@example.com or admin@example.com, password <span className="font-mono">haven-demo</span>.
      </p>
    </main>
  );
}
