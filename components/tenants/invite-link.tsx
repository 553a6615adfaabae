'use client';

import { useState } from 'react';
import { useAction } from '@/components/ui/action-button';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { fetchJson } from '@/lib/client/fetcher';
import { inviteLinkSchema } from '@/lib/tenants/invite-link-schema';

/** Creates a one-time invite link and shows it to copy (until Haven sends invites by email/SMS). */
export function InviteLink({ tenantId, hasPassword }: { tenantId: string; hasPassword: boolean }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const { busy: pending, error, run } = useAction();
  const [copied, setCopied] = useState(false);
  async function create() {
    await run(async () => setLink(await fetchJson(`/api/v1/tenants/${encodeURIComponent(tenantId)}/invite`, { json: {}, schema: inviteLinkSchema })), 'Could not create the invite');
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
