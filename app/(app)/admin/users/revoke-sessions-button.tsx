'use client';

import { ActionButton } from '@/components/ui/action-button';
import { ignoredAnswer } from '@/lib/client/fetcher';

/** "Sign out everywhere" for one person; their next request anywhere finds them signed out. */
export function RevokeSessionsButton({ userId, name }: { userId: string; name: string }) {
  return (
    <ActionButton
      url={`/api/v1/users/${encodeURIComponent(userId)}/revoke-sessions`}
      schema={ignoredAnswer}
      timeoutMs={20_000}
      confirm={`Sign ${name} out on every device?`}
      doneMessage="Signed out everywhere"
      failure="That did not work"
      ariaLabel={`Sign ${name} out everywhere`}
      pendingLabel="Signing out…"
      layout="column"
    >
      Sign out everywhere
    </ActionButton>
  );
}
