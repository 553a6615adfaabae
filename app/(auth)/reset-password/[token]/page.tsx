import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { isResetTokenValid } from '@/lib/auth/password-reset';
import { ResetPasswordForm } from './reset-form';

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: 'Choose a new password · Haven', referrer: 'no-referrer', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = /^[A-Za-z0-9_-]{43}$/.test(token) && (await isResetTokenValid(await getDb(), { token }));
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <p className="text-3xl font-bold text-brand-700">Haven</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
        {valid ? (
          <ResetPasswordForm token={token} />
        ) : (
          <p className="text-sm text-slate-700" role="alert">
            This link has expired or was already used. <Link href="/forgot-password" className="text-brand-700 underline">Ask for a new one</Link>.
          </p>
        )}
      </div>
    </main>
  );
}
