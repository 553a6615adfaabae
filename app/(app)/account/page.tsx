import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listApiTokens } from '@/lib/api-tokens/manage-tokens';
import { scopesForRole } from '@/lib/api-tokens/token-scopes';
import { requirePageCaller } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { ApiTokensPanel } from './api-tokens-panel';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Account' };

/** Every role's account page: the password, what signing out does, and (admins, landlords) API tokens. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string | string[] }> }) {
  const caller = await requirePageCaller();
  const changed = (await searchParams).changed === '1';
  const idleMinutes = Math.round(getEnv().session.idleSeconds / 60);
  const tokens = caller.role === 'tenant' ? null : await listApiTokens(await getDb(), { caller });
  const activeTokens = tokens?.filter((t) => t.status === 'active') ?? [];
  return (
    <>
      <PageTitle title="Your account" subtitle={`${caller.name} · ${caller.email}`} />
      {changed && (
        <Alert tone="success" title="Password changed">
          You are signed out everywhere else; this device stays signed in.
          {activeTokens.length > 0 && ' Your API tokens still work: revoke any that may be exposed (below).'}
        </Alert>
      )}
      <Card title="Change password">
        <ChangePasswordForm email={caller.email} />
        {activeTokens.length > 0 && (
          <p className="mt-4 text-sm text-slate-700" data-testid="tokens-survive-password-change">
            Changing your password keeps your {activeTokens.length === 1 ? 'API token' : `${activeTokens.length} API tokens`} working (
            {activeTokens.map((t) => t.name).join(', ')}): revoke them under API tokens if they may be exposed. Resetting a forgotten
            password revokes them all.
          </p>
        )}
      </Card>
      <Card title="Signing out">
        <p className="text-sm text-slate-700">
          Sign out (top of the page) ends your session on every device at once. Sessions also end after {idleMinutes} minutes without activity.
          If you think someone else knows your password, change it here: that signs everyone else out.
        </p>
      </Card>
      {tokens && (
        <Card title="API tokens">
          <ApiTokensPanel tokens={tokens} scopes={scopesForRole(caller.role)} />
        </Card>
      )}
    </>
  );
}
