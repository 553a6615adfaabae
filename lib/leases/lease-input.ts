import { z } from 'zod';
import { dayOfMonth, isoDate, optionalIsoDate, optionalText, period, requiredText, uuidField, wholeKes, kesAmount } from '@/lib/validation/form-fields';

/** What the lease forms send; parsed on the server (route handlers) before any service runs. */

export const createLeaseSchema = z.object({
  unitId: uuidField('a vacant unit'),
  tenantId: uuidField('the tenant'),
  startDate: isoDate('the start date'),
  endDate: optionalIsoDate('the end date'),
  monthlyRent: wholeKes({ min: 100, label: 'the monthly rent' }),
  deposit: kesAmount({ min: 0, label: 'the deposit' }).refine((c) => c % 100 === 0, 'Use whole shillings'),
  dueDay: dayOfMonth('due day'),
  billingDay: dayOfMonth('billing day'),
})
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'The end date must be on or after the start date' })
  .refine((v) => v.billingDay <= v.dueDay, { path: ['billingDay'], message: 'Rent is billed on or before the day it is due' });
export type CreateLeaseInput = z.output<typeof createLeaseSchema>;

export const noticeSchema = z.object({ endDate: isoDate('the move-out date'), reason: optionalText(300) });
export const endLeaseSchema = z.object({ endDate: isoDate('the move-out date'), reason: requiredText('why the lease ends', 300) });
export const rentChangeSchema = z.object({ effectivePeriod: period('the first month of the new rent'), monthlyRent: wholeKes({ min: 100, label: 'the new rent' }), reason: requiredText('the reason', 300) });
