import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm } from '@/components/forms/api-form';
import { TenantFields } from '@/components/forms/tenant-fields';
import { InviteLink } from '@/components/tenants/invite-link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listTenantLeasesForCaller } from '@/db/queries/leases';
import { getTenantForCaller } from '@/db/queries/tenants';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDate } from '@/lib/format-time';
import { leaseStatusLabel } from '@/lib/leases/lease-status';
import { formatKenyanPhone } from '@/lib/phone';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { id } = await params;
  const db = await getDb();
  const tenant = await getTenantForCaller(db, { caller, tenantId: id });
  if (!tenant) notFound();
  const leases = await listTenantLeasesForCaller(db, { caller, tenantId: tenant.id });
  return (
    <>
      <PageTitle title={tenant.name} subtitle={<>{tenant.phone ? formatKenyanPhone(tenant.phone) : '—'} · {tenant.email} {tenant.hasPassword ? <Badge tone="green">Signed up</Badge> : <Badge tone="amber">Invite pending</Badge>}</>}
        action={<ButtonLink href={`/leases/new?tenant=${tenant.id}`}>New lease</ButtonLink>} />
      <Card title="Invite">
        <InviteLink tenantId={tenant.id} hasPassword={tenant.hasPassword} />
      </Card>
      <Card title="Leases">
        {leases.length === 0 ? <EmptyState>No leases yet.</EmptyState> : (
          <ul className="divide-y divide-slate-100">
            {leases.map((l) => (
              <li key={l.id} className="flex justify-between gap-3 py-2 text-sm">
                <Link href={`/leases/${l.id}`} className="text-brand-700 underline">{l.propertyName} {l.unitLabel}</Link>
                <span>{formatDate(l.startDate)}{l.endDate ? ` – ${formatDate(l.endDate)}` : ''} <Badge tone={l.status === 'active' ? 'green' : 'slate'}>{leaseStatusLabel[l.status]}</Badge></span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Details">
        <ApiForm action={`/api/v1/tenants/${tenant.id}`} method="PATCH" label="Edit tenant" submitLabel="Save">
          <TenantFields defaults={{ name: tenant.name, phone: tenant.phone ? formatKenyanPhone(tenant.phone) : '', email: tenant.email, idNumber: tenant.idNumber ?? '' }} />
        </ApiForm>
      </Card>
    </>
  );
}
