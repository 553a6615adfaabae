import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertLease } from '@/db/queries/leases';
import { lockUnitForCaller } from '@/db/queries/properties';
import { getTenantForCaller } from '@/db/queries/tenants';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { fieldError } from '@/lib/validation/form-fields';
import { generateAccountReference } from './generate-account-reference';
import type { CreateLeaseInput } from './lease-input';

/**
 * A lease starts as a draft on a vacant unit: nothing is charged and the unit stays vacant until it is activated.
 * Admins create leases on any property of the agency, landlords on their own.
 */
export async function createLease(db: Db, { caller, input }: { caller: Caller; input: CreateLeaseInput }) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  return db.transaction(async (tx) => {
    const unit = await lockUnitForCaller(tx, { caller, unitId: input.unitId });
    if (!unit) throw fieldError('unitId', 'Choose a unit of one of your properties');
    if (unit.propertyArchivedAt) throw fieldError('unitId', 'That property is archived');
    if (unit.unit.status === 'unavailable') throw fieldError('unitId', `Unit ${unit.unit.label} is marked unavailable: make it vacant first`);
    const tenant = await getTenantForCaller(tx, { caller, tenantId: input.tenantId });
    if (!tenant) throw fieldError('tenantId', 'Choose one of your tenants');
    const { accountReference, accountKey } = await generateAccountReference(tx, { agencyId: caller.agencyId, unitId: unit.unit.id, propertyCode: unit.propertyCode, unitLabel: unit.unit.label });
    const lease = await insertLease(tx, {
      agencyId: caller.agencyId, unitId: unit.unit.id, tenantId: tenant.id, monthlyRentCents: input.monthlyRent, depositCents: input.deposit,
      dueDay: input.dueDay, billingDay: input.billingDay, startDate: input.startDate, endDate: input.endDate, status: 'draft', accountReference, accountKey, createdBy: caller.id,
    });
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'lease.created', targetType: 'lease', targetId: lease.id,
      details: { unitId: unit.unit.id, tenantId: tenant.id, accountReference, monthlyRentCents: input.monthlyRent, depositCents: input.deposit, startDate: input.startDate, endDate: input.endDate },
    });
    return lease;
  });
}
