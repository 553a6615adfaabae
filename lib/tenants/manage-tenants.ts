import type { Db, DbOrTx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findUserConflicts, getTenantForCaller, insertUser, updateUser } from '@/db/queries/tenants';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { fieldError } from '@/lib/validation/form-fields';
import type { TenantInput } from './tenant-input';

/**
 * Tenants are people the agency (or a landlord) adds; they sign in once they have set a password through an
 * invite. Phone numbers are unique within the agency. Emails are unique across Haven, because signing in is by
 * email alone: the message for an email used in another agency does not say which.
 */

async function checkDuplicates(db: DbOrTx, caller: Caller, input: TenantInput, exceptUserId?: string) {
  const { byEmail, byPhone } = await findUserConflicts(db, { agencyId: caller.agencyId, email: input.email, phone: input.phone, exceptUserId });
  if (byPhone) throw fieldError('phone', `${byPhone.name} already has this phone number in your agency`);
  if (byEmail) {
    throw fieldError('email', byEmail.agencyId === caller.agencyId ? `${byEmail.name} already uses this email in your agency` : 'This email already belongs to a Haven account: use another one');
  }
}

export async function createTenant(db: Db, { caller, input }: { caller: Caller; input: TenantInput }) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  return db.transaction(async (tx) => {
    await checkDuplicates(tx, caller, input);
    const tenant = await insertUser(tx, { agencyId: caller.agencyId, role: 'tenant', name: input.name, email: input.email, phone: input.phone, idNumber: input.idNumber, passwordHash: null, createdBy: caller.id });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'tenant.created', targetType: 'user', targetId: tenant.id, details: { name: input.name, email: input.email, phone: input.phone, idNumber: input.idNumber ? 'given' : null } });
    return tenant;
  });
}

export async function editTenant(db: Db, { caller, tenantId, input }: { caller: Caller; tenantId: string; input: TenantInput }) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  return db.transaction(async (tx) => {
    const before = await getTenantForCaller(tx, { caller, tenantId });
    if (!before) throw notFound('That tenant');
    await checkDuplicates(tx, caller, input, tenantId);
    const after = await updateUser(tx, { userId: tenantId, set: { name: input.name, email: input.email, phone: input.phone, idNumber: input.idNumber } });
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'tenant.updated', targetType: 'user', targetId: tenantId,
      details: { before: { name: before.name, email: before.email, phone: before.phone }, after: { name: input.name, email: input.email, phone: input.phone } },
    });
    return after;
  });
}
