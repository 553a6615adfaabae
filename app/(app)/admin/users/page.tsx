import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listAgencyUsers } from '@/db/queries/users';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';
import { RevokeSessionsButton } from './revoke-sessions-button';

export const metadata: Metadata = { title: 'People' };

const roleLabel = { admin: 'Admin', landlord: 'Landlord', tenant: 'Tenant' } as const;

/** The agency's people, with "sign out everywhere" for each (admins only). */
export default async function AgencyUsersPage() {
  const caller = await requirePageCaller(['admin']);
  const people = await listAgencyUsers(await getDb(), { agencyId: caller.agencyId });
  return (
    <>
      <PageTitle title="People" subtitle="Everyone who can sign in to your agency" />
      <Card>
        {people.length === 0 ? (
          <EmptyState>No one yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {people.map((person) => (
              <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {person.name} <Badge tone="slate">{roleLabel[person.role]}</Badge>
                  </p>
                  <p className="break-all text-sm text-slate-600">{person.email}</p>
                  {person.passwordChangedAt && <p className="text-xs text-slate-500">Password changed {formatDateTime(person.passwordChangedAt)}</p>}
                </div>
                <RevokeSessionsButton userId={person.id} name={person.name} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
