import type { Metadata } from 'next';
import { ApiForm, FormInput } from '@/components/forms/api-form';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db/client';
import { getInviteByHash } from '@/db/queries/tenants';
import { hashInviteToken, inviteState, inviteStateMessage } from '@/lib/tenants/tenant-invites';

export const metadata: Metadata = { title: 'Set your password' };
export const dynamic = 'force-dynamic';

/** Public: an invited tenant sets their password through their one-time link. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = token.length >= 20 && token.length <= 100 ? await getInviteByHash(await getDb(), { tokenHash: hashInviteToken(token) }) : null;
  const state = inviteState(found?.invite ?? null);
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <p className="text-3xl font-bold text-brand-700">Haven</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h1 className="mb-2 text-xl font-semibold">Set your password</h1>
        {state === 'valid' && found ? (
          <>
            <p className="mb-4 text-sm text-slate-700">Welcome, {found.userName}. You will sign in as <strong>{found.userEmail}</strong>.</p>
            <ApiForm action="/api/v1/invites/accept" label="Set your password" submitLabel="Set password">
              <input type="hidden" name="token" value={token} />
              <FormInput name="password" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters" />
              <FormInput name="confirm" label="Type it again" type="password" autoComplete="new-password" />
            </ApiForm>
          </>
        ) : (
          <Alert tone="warning">{inviteStateMessage[state as Exclude<typeof state, 'valid'>]}</Alert>
        )}
      </div>
    </main>
  );
}
