'use client';

import { FormInput, FormSelect } from './api-form';

export function PropertyFields({ landlords, defaults }: { landlords: { id: string; name: string }[] | null; defaults?: { name: string; location: string; code: string; commissionPercent: string; landlordId: string } }) {
  return (
    <>
      <FormInput name="name" label="Property name" defaultValue={defaults?.name} autoComplete="off" />
      <FormInput name="location" label="Location" hint="Street and area, e.g. Argwings Kodhek Rd, Kilimani" defaultValue={defaults?.location} />
      <FormInput name="code" label="Short code" hint="2–5 letters or digits; starts every account number, e.g. KH → KH-A1" defaultValue={defaults?.code} className="uppercase" maxLength={5} />
      <FormInput name="commissionPercent" label="Agency commission (%)" inputMode="decimal" defaultValue={defaults?.commissionPercent ?? '10'} />
      {landlords && (
        <FormSelect name="landlordId" label="Landlord (owner)" defaultValue={defaults?.landlordId} options={[{ value: '', label: 'Choose…' }, ...landlords.map((l) => ({ value: l.id, label: l.name }))]} />
      )}
    </>
  );
}
