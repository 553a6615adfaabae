import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from './forgot-form';

export const metadata: Metadata = { title: 'Forgot your password · Haven' };

export default function ForgotPasswordPage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <p className="text-3xl font-bold text-brand-700">Haven</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Forgot your password?</h1>
        <ForgotPasswordForm />
      </div>
      <p className="mt-4 text-sm"><Link href="/sign-in" className="text-brand-700 underline">Back to sign in</Link></p>
    </main>
  );
}
