import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { charges, creditNotes, depositMovements, leases, paymentAllocations, paymentCorrections, payments, units, users } from '../schema';
import { getDepositHeld } from './ledger-balances';

/** Everything a statement is built from, for one lease: its ledger entries, unfiltered. */
export async function loadLeaseEntries(db: DbOrTx, { leaseId }: { leaseId: string }) {
  const [c, n, p, k, d, m] = await Promise.all([
    db.select({ id: charges.id, kind: charges.kind, period: charges.period, description: charges.description, amountCents: charges.amountCents, dueDate: charges.dueDate, createdAt: charges.createdAt })
      .from(charges).where(eq(charges.leaseId, leaseId)),
    db.select({ id: creditNotes.id, chargeId: creditNotes.chargeId, amountCents: creditNotes.amountCents, reason: creditNotes.reason, createdAt: creditNotes.createdAt })
      .from(creditNotes).where(eq(creditNotes.leaseId, leaseId)),
    db.select({ id: payments.id, method: payments.method, amountCents: payments.amountCents, paidAt: payments.paidAt, mpesaReceiptNumber: payments.mpesaReceiptNumber, reference: payments.reference, createdAt: payments.createdAt })
      .from(payments).where(eq(payments.leaseId, leaseId)),
    db.select({ id: paymentCorrections.id, paymentId: paymentCorrections.paymentId, kind: paymentCorrections.kind, reason: paymentCorrections.reason, effectiveAt: paymentCorrections.effectiveAt })
      .from(paymentCorrections).where(eq(paymentCorrections.leaseId, leaseId)),
    db.select({ paymentId: paymentAllocations.paymentId, amountCents: paymentAllocations.amountCents })
      .from(paymentAllocations).innerJoin(charges, eq(charges.id, paymentAllocations.chargeId)).where(and(eq(paymentAllocations.leaseId, leaseId), eq(charges.kind, 'deposit'))),
    db.select({ id: depositMovements.id, kind: depositMovements.kind, amountCents: depositMovements.amountCents, createdAt: depositMovements.createdAt, correctsId: depositMovements.correctsId })
      .from(depositMovements).where(eq(depositMovements.leaseId, leaseId)),
  ]);
  return { charges: c, creditNotes: n, payments: p, corrections: k, depositAllocations: d, depositMovements: m, depositHeldCents: await getDepositHeld(db, { leaseId }) };
}

/** The leases of a property (every status), with unit and tenant. */
export async function listPropertyLeases(db: DbOrTx, { propertyId }: { propertyId: string }) {
  const rows = await db.select({ id: units.id }).from(units).where(eq(units.propertyId, propertyId));
  if (rows.length === 0) return [];
  return db.select({ leaseId: leases.id, unitLabel: units.label, tenantName: users.name, accountReference: leases.accountReference, status: leases.status, startDate: leases.startDate, endDate: leases.endDate })
    .from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(users, eq(users.id, leases.tenantId))
    .where(and(inArray(leases.unitId, rows.map((r) => r.id)), inArray(leases.status, ['active', 'notice', 'ended'])))
    .orderBy(units.label, leases.startDate);
}
