import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm } from '@/components/forms/api-form';
import { PropertyFields } from '@/components/forms/property-fields';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listLandlords } from '@/db/queries/properties';
import { requirePageCaller } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Add a property' };

export default async function NewPropertyPage() {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const landlords = caller.role === 'admin' ? await listLandlords(await getDb(), { agencyId: caller.agencyId }) : null;
  return (
    <>
      <PageTitle title="Add a property" />
      <Card>
        <ApiForm action="/api/v1/properties" label="New property" submitLabel="Add the property">
          <PropertyFields landlords={landlords} />
        </ApiForm>
      </Card>
    </>
  );
}
