'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Input, inputClass } from '@/components/ui/field';
import { createdTokenSchema } from '@/lib/api/openapi/response-schemas';
import { SCOPE_LABELS, type ApiScope } from '@/lib/api-tokens/token-scopes';
import { errorMessage, fetchJson, ignoredAnswer } from '@/lib/client/fetcher';
import type { ApiTokenView } from '@/lib/api-tokens/token-view';
import { formatDateTime } from '@/lib/format-time';

const EXPIRY_CHOICES = [7, 30, 90, 365] as const;
const statusTone = { active: 'green', expired: 'amber', revoked: 'slate' } as const;

/** Create, list and revoke personal access tokens. The secret is shown once, right after it is made. */
export function ApiTokensPanel({ tokens, scopes }: { tokens: ApiTokenView[]; scopes: readonly ApiScope[] }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setError(null);
    try {
      const created = await fetchJson('/api/v1/tokens', {
        json: { name: String(data.get('name') ?? ''), scopes: data.getAll('scopes').map(String), expiresInDays: Number(data.get('expiresInDays')) },
        schema: createdTokenSchema,
      });
      setSecret(created.secret);
      form.reset();
      router.refresh();
    } catch (e) {
      setError(errorMessage(e, 'The token could not be made. Try again.'));
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: ApiTokenView) {
    if (!window.confirm(`Revoke "${token.name}"? Scripts using it stop working at once.`)) return;
    setError(null);
    try {
      await fetchJson(`/api/v1/tokens/${encodeURIComponent(token.id)}/revoke`, { json: {}, schema: ignoredAnswer });
    } catch (e) {
      setError(errorMessage(e, 'The token could not be revoked.'));
    }
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        Scripts, your accounting system or a bot can call Haven’s API with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, only
        within its scopes, and never opens the app’s pages. See <a className="underline" href="/api-docs">the API reference</a>.
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      {secret && (
        <Alert tone="success" title="Copy your new token now: it will not be shown again">
          <code data-testid="new-token-secret" className="break-all select-all">{secret}</code>
        </Alert>
      )}
      <form onSubmit={create} className="max-w-md space-y-4" aria-label="New API token" noValidate>
        <Field id="token-name" label="Name" hint="What will use it, e.g. “Accounting export”">
          <Input id="token-name" name="name" required maxLength={60} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">Scopes</legend>
          {scopes.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'read'} className="mt-1" />
              {SCOPE_LABELS[scope]}
            </label>
          ))}
        </fieldset>
        <Field id="token-expiry" label="Expires after">
          <select id="token-expiry" name="expiresInDays" defaultValue="90" className={inputClass()}>
            {EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {tokens.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="API tokens">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Name</th>
              <th>Scopes</th>
              <th>Last used</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-t border-slate-100 align-top">
                <td className="py-2">
                  <div className="font-medium">{token.name}</div>
                  <code className="text-xs text-slate-500">{token.prefix}…</code> <Badge tone={statusTone[token.status]}>{token.status}</Badge>
                </td>
                <td className="py-2">{token.scopes.join(', ')}</td>
                <td className="py-2">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                <td className="py-2">{formatDateTime(token.expiresAt)}</td>
                <td className="py-2 text-right">
                  {token.status === 'active' && (
                    <Button variant="danger" onClick={() => void revoke(token)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
