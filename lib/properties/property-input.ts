import { z } from 'zod';
import { UNIT_TYPES, UNIT_STATUSES } from '@/db/schema/properties';
import { kesAmount, requiredText, wholeKes } from '@/lib/validation/form-fields';

const percent = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(
  z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'Enter a percent, like 10 or 7.5').transform((v) => Math.round(Number(v) * 100)).refine((bps) => bps <= 10_000, 'At most 100%'),
);

export const propertySchema = z.object({
  name: requiredText('the property name', 120),
  location: requiredText('the location', 200),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,5}$/, 'Use 2 to 5 letters or digits, like KH: it starts every account number'),
  commissionPercent: percent,
  landlordId: z.uuid('Choose the landlord').optional(),
});
export type PropertyInput = z.output<typeof propertySchema>;

export const addUnitsSchema = z.object({
  labels: requiredText('the units, like A1–A12', 2000),
  unitType: z.enum(UNIT_TYPES, { error: 'Choose the unit type' }),
  rent: wholeKes({ min: 100, label: 'the rent' }),
  deposit: kesAmount({ label: 'the deposit' }).refine((c) => c % 100 === 0, 'Use whole shillings'),
});

export const updateUnitSchema = z.object({
  unitType: z.enum(UNIT_TYPES, { error: 'Choose the unit type' }),
  rent: wholeKes({ min: 100, label: 'the rent' }),
  deposit: kesAmount({ label: 'the deposit' }).refine((c) => c % 100 === 0, 'Use whole shillings'),
  status: z.enum(UNIT_STATUSES, { error: 'Choose a status' }),
});
