import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm } from '@/components/forms/api-form';
import { TenantFields } from '@/components/forms/tenant-fields';
import { Card } from '@/components/ui/card';
import { requirePageCaller } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Add a tenant' };

export default async function NewTenantPage() {
  await requirePageCaller(['admin', 'landlord']);
  return (
    <>
      <PageTitle title="Add a tenant" subtitle="Then invite them: they set their own password through a one-time link." />
      <Card>
        <ApiForm action="/api/v1/tenants" label="New tenant" submitLabel="Add the tenant">
          <TenantFields />
        </ApiForm>
      </Card>
    </>
  );
}
