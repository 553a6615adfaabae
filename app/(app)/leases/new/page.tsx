import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm, FormInput, FormSelect } from '@/components/forms/api-form';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getAgency } from '@/db/queries/agency-settings';
import { listVacantUnitsForCaller } from '@/db/queries/properties';
import { listTenantsPage } from '@/db/queries/tenants';
import { requirePageCaller } from '@/lib/auth/session';
import { nairobiDate } from '@/lib/ledger/rent-period';

export const metadata: Metadata = { title: 'New lease' };

export default async function NewLeasePage({ searchParams }: { searchParams: Promise<{ unit?: string; tenant?: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { unit, tenant } = await searchParams;
  const db = await getDb();
  const [units, tenants, agency] = await Promise.all([
    listVacantUnitsForCaller(db, { caller }),
    listTenantsPage(db, { caller, limit: 500 }),
    getAgency(db, { agencyId: caller.agencyId }),
  ]);
  const chosen = units.find((u) => u.id === unit);
  return (
    <>
      <PageTitle title="New lease" subtitle="A draft until you activate it: activating lets the unit and charges the deposit and first rent." />
      {units.length === 0 && <Alert tone="info">No vacant unit: add units to a property, or end a lease first.</Alert>}
      <Card>
        <ApiForm action="/api/v1/leases" label="New lease" submitLabel="Create draft lease">
          <FormSelect name="unitId" label="Unit" defaultValue={chosen?.id ?? ''} options={[{ value: '', label: 'Choose a vacant unit…' }, ...units.map((u) => ({ value: u.id, label: `${u.propertyName} · ${u.label} (${u.propertyCode}-${u.label})` }))]} />
          <FormSelect name="tenantId" label="Tenant" defaultValue={tenant ?? ''} options={[{ value: '', label: 'Choose the tenant…' }, ...tenants.items.map((t) => ({ value: t.id, label: `${t.name} · ${t.email}` }))]}
            hint="Not listed? Add the tenant first." />
          <FormInput name="startDate" label="Start date" type="date" defaultValue={nairobiDate(new Date())} />
          <FormInput name="endDate" label="End date (optional)" type="date" hint="Leave empty for a periodic (month-to-month) lease" />
          <FormInput name="monthlyRent" label="Monthly rent (KES)" inputMode="numeric" defaultValue={chosen ? String(chosen.marketRentCents / 100) : ''} />
          <FormInput name="deposit" label="Deposit (KES)" inputMode="numeric" defaultValue={chosen ? String(chosen.depositCents / 100) : ''} />
          <FormInput name="billingDay" label="Billing day" inputMode="numeric" hint="Day of the month rent is raised (1–28)" defaultValue={String(agency?.defaultBillingDay ?? 1)} />
          <FormInput name="dueDay" label="Due day" inputMode="numeric" hint="Day of the month rent is due (1–28)" defaultValue={String(agency?.defaultDueDay ?? 5)} />
        </ApiForm>
      </Card>
    </>
  );
}
