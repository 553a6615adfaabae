'use client';

import ky from 'ky';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** Creates a one-time invite link and shows it to copy (until Haven sends invites by email/SMS). */
export function InviteLink({ tenantId, hasPassword }: { tenantId: string; hasPassword: boolean }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [copied, setCopied] = useState(false);
  async function create() {
    setPending(true);
    setError(null);
    try {
      const res = await ky.post(`/api/v1/tenants/${tenantId}/invite`, { json: {}, throwHttpErrors: false, retry: 0 });
      const body = (await res.json()) as { url?: string; expiresAt?: string; error?: { message: string } };
      if (body.url && body.expiresAt) setLink({ url: body.url, expiresAt: body.expiresAt });
      else setError(body.error?.message ?? 'Could not create the invite');
    } catch {
      setError('Could not reach Haven. Try again.');
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {link ? (
        <div className="space-y-2">
          <label htmlFor="invite-url" className="block text-sm font-medium">Invite link — send it to the tenant (WhatsApp, SMS or email)</label>
          <input id="invite-url" readOnly value={link.url} className={`${inputClass()} font-mono text-xs`} data-testid="invite-url" onFocus={(e) => e.currentTarget.select()} />
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(link.url).then(() => setCopied(true))}>{copied ? 'Copied' : 'Copy link'}</Button>
            <span className="text-xs text-slate-600">Works once, until {new Date(link.expiresAt).toLocaleString('en-KE', { timeZone: 'Africa/Nairobi' })}.</span>
          </div>
        </div>
      ) : (
        <Button onClick={create} disabled={pending}>{pending ? 'Creating…' : hasPassword ? 'Send a new sign-in link' : 'Create invite link'}</Button>
      )}
    </div>
  );
}
