'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, fetchJson, ignoredAnswer } from '@/lib/client/fetcher';

/** "Sign out everywhere" for one person; their next request anywhere finds them signed out. */
export function RevokeSessionsButton({ userId, name }: { userId: string; name: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const [message, setMessage] = useState<string | null>(null);

  async function revoke() {
    if (!window.confirm(`Sign ${name} out on every device?`)) return;
    setState('busy');
    setMessage(null);
    try {
      await fetchJson(`/api/v1/users/${encodeURIComponent(userId)}/revoke-sessions`, { json: {}, schema: ignoredAnswer, timeoutMs: 20_000 });
      setState('done');
    } catch (e) {
      setMessage(errorMessage(e, 'That did not work'));
      setState('failed');
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={revoke} disabled={state === 'busy'} aria-label={`Sign ${name} out everywhere`}>
        {state === 'busy' ? 'Signing out…' : 'Sign out everywhere'}
      </Button>
      {state === 'done' && (
        <p role="status" className="text-sm text-brand-700">
          Signed out everywhere
        </p>
      )}
      {message && (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
