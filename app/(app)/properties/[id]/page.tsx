import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm, FormInput, FormSelect } from '@/components/forms/api-form';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getPropertyForCaller, listUnitsOfProperty } from '@/db/queries/properties';
import { UNIT_STATUSES, UNIT_TYPES } from '@/db/schema/properties';
import { requirePageCaller } from '@/lib/auth/session';
import { formatKes } from '@/lib/money';

export const metadata: Metadata = { title: 'Property' };

const statusTone = { vacant: 'amber', let: 'green', unavailable: 'slate' } as const;
const typeOptions = UNIT_TYPES.map((t) => ({ value: t, label: t[0]!.toUpperCase() + t.slice(1) }));

export default async function PropertyPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { id } = await params;
  const db = await getDb();
  const property = await getPropertyForCaller(db, { caller, propertyId: id });
  if (!property) notFound();
  const units = await listUnitsOfProperty(db, { propertyId: property.id });
  const vacant = units.filter((u) => u.status === 'vacant').length;
  const occupancy = units.length ? Math.round((property.occupiedCount / units.length) * 100) : 0;
  return (
    <>
      <PageTitle
        title={property.name}
        subtitle={<>{property.location} · code <span className="font-mono">{property.code}</span> · {property.landlordName} · commission {property.commissionBps / 100}% {property.archivedAt && <Badge>Archived</Badge>}</>}
        action={
          <span className="flex flex-wrap gap-2">
            <ButtonLink href={`/properties/${property.id}/statement`} variant="secondary">Landlord statement</ButtonLink>
            <ButtonLink href={`/properties/${property.id}/edit`} variant="secondary">Edit</ButtonLink>
          </span>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Units" value={<span data-testid="unit-count">{units.length}</span>} />
        <Stat label="Occupancy" value={<span data-testid="occupancy">{occupancy}%</span>} hint={`${property.occupiedCount} of ${units.length} let`} tone={occupancy >= 90 ? 'good' : 'default'} />
        <Stat label="Vacant" value={vacant} tone={vacant ? 'warn' : 'good'} />
        <Stat label="Unavailable" value={property.unavailableCount} />
      </div>
      <Card title="Units">
        {units.length === 0 ? (
          <EmptyState>No units yet: add them below, a whole floor at a time (A1–A12).</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="unit-list">
            {units.map((u) => (
              <li key={u.id} className="py-2">
                <div className="flex items-center justify-between gap-3">
                  <span>
                    <span className="font-medium">{u.label}</span> <Badge tone={statusTone[u.status]}>{u.status}</Badge>
                    <span className="block text-sm text-slate-600">{u.unitType} · {formatKes(u.marketRentCents)} rent · {formatKes(u.depositCents)} deposit</span>
                  </span>
                  <span className="text-right text-sm">
                    {u.liveLeaseId ? <Link href={`/leases/${u.liveLeaseId}`} className="text-brand-700 underline">{u.tenantName}</Link> : u.status === 'vacant' ? <Link href={`/leases/new?unit=${u.id}`} className="text-brand-700 underline">New lease</Link> : null}
                  </span>
                </div>
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-600">Edit unit {u.label}</summary>
                  <div className="mt-2">
                    <ApiForm action={`/api/v1/units/${u.id}`} method="PATCH" label={`Edit unit ${u.label}`} submitLabel="Save unit">
                      <FormSelect id={`type-${u.id}`} name="unitType" label="Type" defaultValue={u.unitType} options={typeOptions} />
                      <FormInput id={`rent-${u.id}`} name="rent" label="Rent (KES a month)" inputMode="numeric" defaultValue={String(u.marketRentCents / 100)} />
                      <FormInput id={`deposit-${u.id}`} name="deposit" label="Deposit (KES)" inputMode="numeric" defaultValue={String(u.depositCents / 100)} />
                      <FormSelect id={`status-${u.id}`} name="status" label="Status" defaultValue={u.status} options={UNIT_STATUSES.map((s) => ({ value: s, label: s }))} />
                    </ApiForm>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {!property.archivedAt && (
        <Card title="Add units">
          <ApiForm action={`/api/v1/properties/${property.id}/units`} label="Add units" submitLabel="Add units">
            <FormInput name="labels" label="Units" hint="A range like A1–A12, or a list: 1, 2, G1" placeholder="A1–A12" />
            <FormSelect name="unitType" label="Type" defaultValue="2 bedroom" options={typeOptions} />
            <FormInput name="rent" label="Rent (KES a month)" inputMode="numeric" />
            <FormInput name="deposit" label="Deposit (KES)" inputMode="numeric" hint="Usually one month’s rent" />
          </ApiForm>
        </Card>
      )}
      <Card title={property.archivedAt ? 'Restore' : 'Archive'}>
        <ApiForm action={`/api/v1/properties/${property.id}/archive`} label="Archive property" submitLabel={property.archivedAt ? 'Restore this property' : 'Archive this property'} variant="secondary"
          confirm={property.archivedAt ? undefined : 'Archive this property? It must have no lease in force.'}>
          <input type="hidden" name="archived" value={property.archivedAt ? '' : '1'} />
        </ApiForm>
      </Card>
    </>
  );
}
