import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { NextPage, pageHref, SearchBox } from '@/components/forms/search-pager';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { listLeasesPage } from '@/db/queries/leases';
import { LEASE_STATUSES, type LeaseStatus } from '@/db/schema/leases';
import { requirePageCaller } from '@/lib/auth/session';
import { leaseStatusLabel } from '@/lib/leases/lease-status';
import { formatKes } from '@/lib/money';

export const metadata: Metadata = { title: 'Leases' };

export default async function LeasesPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string; status?: string }> }) {
  const caller = await requirePageCaller();
  const { q, after, status } = await searchParams;
  const wanted = (LEASE_STATUSES as readonly string[]).includes(status ?? '') ? (status as LeaseStatus) : undefined;
  const page = await listLeasesPage(await getDb(), { caller, search: q, status: wanted, after });
  return (
    <>
      <PageTitle title="Leases" action={caller.role !== 'tenant' ? <ButtonLink href="/leases/new">New lease</ButtonLink> : undefined} />
      <SearchBox action="/leases" q={q} placeholder="Tenant, unit, property or account number">
        <label htmlFor="status" className="sr-only">Status</label>
        <select id="status" name="status" defaultValue={wanted ?? ''} className={`${inputClass()} w-auto`}>
          <option value="">Any status</option>
          {LEASE_STATUSES.map((s) => <option key={s} value={s}>{leaseStatusLabel[s]}</option>)}
        </select>
      </SearchBox>
      <Card>
        {page.items.length === 0 ? <EmptyState>{q || wanted ? 'No lease matches.' : 'No leases yet.'}</EmptyState> : (
          <ul className="divide-y divide-slate-100" data-testid="lease-list">
            {page.items.map((l) => (
              <li key={l.id} className="flex items-center justify-between gap-3 py-3">
                <span className="min-w-0">
                  <Link href={`/leases/${l.id}`} className="font-medium text-brand-700 underline">{l.propertyName} {l.unitLabel}</Link>
                  <span className="block break-words text-sm text-slate-600">{l.tenantName} · <span className="font-mono">{l.accountReference}</span> · {formatKes(l.monthlyRentCents)}</span>
                </span>
                <Badge tone={l.status === 'active' ? 'green' : l.status === 'notice' ? 'amber' : l.status === 'draft' ? 'blue' : 'slate'}>{leaseStatusLabel[l.status]}</Badge>
              </li>
            ))}
          </ul>
        )}
        <NextPage next={page.next} href={(c) => pageHref('/leases', { q, status: wanted, after: c })} />
      </Card>
    </>
  );
}
