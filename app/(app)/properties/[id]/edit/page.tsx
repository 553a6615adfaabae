import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm } from '@/components/forms/api-form';
import { PropertyFields } from '@/components/forms/property-fields';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getPropertyForCaller, listLandlords } from '@/db/queries/properties';
import { requirePageCaller } from '@/lib/auth/session';

export default async function EditPropertyPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { id } = await params;
  const db = await getDb();
  const property = await getPropertyForCaller(db, { caller, propertyId: id });
  if (!property) notFound();
  const landlords = caller.role === 'admin' ? await listLandlords(db, { agencyId: caller.agencyId }) : null;
  return (
    <>
      <PageTitle title={`Edit ${property.name}`} subtitle="Changing the code changes the account numbers of new leases only." />
      <Card>
        <ApiForm action={`/api/v1/properties/${property.id}`} method="PATCH" label="Edit property" submitLabel="Save">
          <PropertyFields landlords={landlords} defaults={{ name: property.name, location: property.location, code: property.code, commissionPercent: String(property.commissionBps / 100), landlordId: property.landlordId }} />
        </ApiForm>
      </Card>
    </>
  );
}
