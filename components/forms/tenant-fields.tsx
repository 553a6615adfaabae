'use client';

import { FormInput } from './api-form';

export function TenantFields({ defaults }: { defaults?: { name: string; phone: string; email: string; idNumber: string } }) {
  return (
    <>
      <FormInput name="name" label="Full name" autoComplete="off" defaultValue={defaults?.name} />
      <FormInput name="phone" label="M-Pesa phone number" inputMode="tel" placeholder="0712 345 678" defaultValue={defaults?.phone} />
      <FormInput name="email" label="Email" type="email" inputMode="email" hint="They sign in with it" defaultValue={defaults?.email} />
      <FormInput name="idNumber" label="ID or passport number (optional)" defaultValue={defaults?.idNumber} />
    </>
  );
}
