import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { NextPage, pageHref, SearchBox } from '@/components/forms/search-pager';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPropertiesPage } from '@/db/queries/properties';
import { requirePageCaller } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Properties' };

export default async function PropertiesPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string; archived?: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { q, after, archived } = await searchParams;
  const page = await listPropertiesPage(await getDb(), { caller, search: q, after, includeArchived: archived === '1' });
  return (
    <>
      <PageTitle title="Properties" subtitle="Buildings, their units and who lives there" action={<ButtonLink href="/properties/new">Add a property</ButtonLink>} />
      <SearchBox action="/properties" q={q} placeholder="Name, code, area or landlord">
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="archived" value="1" defaultChecked={archived === '1'} className="size-4" /> Archived too</label>
      </SearchBox>
      <Card>
        {page.items.length === 0 ? (
          <EmptyState>{q ? 'No property matches your search.' : 'No properties yet. Add the first one.'}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="property-list">
            {page.items.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-3 py-3">
                <span className="min-w-0">
                  <Link href={`/properties/${p.id}`} className="font-medium text-brand-700 underline">{p.name}</Link>{' '}
                  <span className="font-mono text-xs text-slate-500">{p.code}</span> {p.archivedAt && <Badge>Archived</Badge>}
                  <span className="block break-words text-sm text-slate-600">{p.location} · {p.landlordName}</span>
                </span>
                <span className="shrink-0 text-right text-sm text-slate-700">
                  {p.occupiedCount}/{p.unitCount} let
                  <span className="block text-xs text-slate-500">{p.unitCount ? Math.round((p.occupiedCount / p.unitCount) * 100) : 0}% occupied</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        <NextPage next={page.next} href={(c) => pageHref('/properties', { q, archived, after: c })} />
      </Card>
    </>
  );
}
