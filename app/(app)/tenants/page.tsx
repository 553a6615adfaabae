import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { NextPage, pageHref, SearchBox } from '@/components/forms/search-pager';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listTenantsPage } from '@/db/queries/tenants';
import { requirePageCaller } from '@/lib/auth/session';
import { formatKenyanPhone } from '@/lib/phone';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { q, after } = await searchParams;
  const page = await listTenantsPage(await getDb(), { caller, search: q, after });
  return (
    <>
      <PageTitle title="Tenants" action={<ButtonLink href="/tenants/new">Add a tenant</ButtonLink>} />
      <SearchBox action="/tenants" q={q} placeholder="Name, phone, email or ID number" />
      <Card>
        {page.items.length === 0 ? (
          <EmptyState>{q ? 'No tenant matches your search.' : 'No tenants yet.'}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="tenant-list">
            {page.items.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-3 py-3">
                <span className="min-w-0">
                  <Link href={`/tenants/${t.id}`} className="font-medium text-brand-700 underline">{t.name}</Link>
                  <span className="block break-words text-sm text-slate-600">{t.phone ? formatKenyanPhone(t.phone) : '—'} · {t.email}</span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1">
                  {t.liveLeases > 0 ? <Badge tone="green">{t.liveLeases} lease{t.liveLeases > 1 ? 's' : ''}</Badge> : <Badge>No lease</Badge>}
                  {!t.hasPassword && <Badge tone="amber">Invite pending</Badge>}
                </span>
              </li>
            ))}
          </ul>
        )}
        <NextPage next={page.next} href={(c) => pageHref('/tenants', { q, after: c })} />
      </Card>
    </>
  );
}
