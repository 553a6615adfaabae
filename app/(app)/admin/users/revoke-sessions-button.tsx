'use client';

import ky from 'ky';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** "Sign out everywhere" for one person; their next request anywhere finds them signed out. */
export function RevokeSessionsButton({ userId, name }: { userId: string; name: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const [message, setMessage] = useState<string | null>(null);

  async function revoke() {
    if (!window.confirm(`Sign ${name} out on every device?`)) return;
    setState('busy');
    setMessage(null);
    try {
      const res = await ky.post(`/api/v1/users/${userId}/revoke-sessions`, { json: {}, throwHttpErrors: false, timeout: 20_000 });
      if (res.ok) {
        setState('done');
        return;
      }
      setMessage(((await res.json()) as { error?: { message?: string } }).error?.message ?? 'That did not work');
      setState('failed');
    } catch {
      setMessage('Could not reach Haven. Check the connection and try again.');
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
