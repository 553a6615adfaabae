import { count } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import { recentPeriods } from '@/lib/ledger/rent-period';
import type { Db, Tx } from './client';
import { reallocateLease } from './queries/ledger';
import { demoAccountReference, demoDepositPayment, demoRentPayment } from './demo-payments';
import { agencies, charges, depositMovements, leases, payments, properties, units, users } from './schema';
import { DEMO_PASSWORD, demoAgency, demoLeases, demoProperties, demoStaff } from './seed-data';

const isoDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(agencies);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo agency in one transaction. Returns false (and changes nothing) if the database has data. */
export async function seedDemoData(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Serialise concurrent seeders (two instances starting on one empty database).
    await tx.execute('select pg_advisory_xact_lock(727002)');
    const [existing] = await tx.select({ n: count() }).from(agencies);
    if ((existing?.n ?? 0) > 0) return false;
    await insertDemoWorld(tx, { now, passwordHash });
    return true;
  });
}

async function insertDemoWorld(tx: Tx, { now, passwordHash }: { now: Date; passwordHash: string }) {
  const [agency] = await tx.insert(agencies).values(demoAgency).returning();
  if (!agency) throw new Error('agency insert failed');

  const staff = new Map<string, string>();
  for (const s of demoStaff) {
    const [u] = await tx.insert(users).values({ agencyId: agency.id, role: s.role, name: s.name, email: s.email, phone: s.phone, passwordHash }).returning();
    staff.set(s.key, u!.id);
  }

  const unitIds = new Map<string, string>();
  for (const p of demoProperties) {
    const [property] = await tx.insert(properties).values({ agencyId: agency.id, landlordId: staff.get(p.landlord)!, name: p.name, location: p.location }).returning();
    for (const label of p.units) {
      const lease = demoLeases.find((l) => l.property === p.key && l.unit === label);
      const [unit] = await tx.insert(units).values({
        agencyId: agency.id, propertyId: property!.id, label, bedrooms: label.startsWith('C') ? 3 : 2, marketRentCents: (lease?.rentKes ?? 20_000) * 100,
      }).returning();
      unitIds.set(`${p.key}-${label}`, unit!.id);
    }
  }

  const periods = recentPeriods(now);
  const first = periods[0]!;
  for (const l of demoLeases) {
    const [tenant] = await tx.insert(users).values({ agencyId: agency.id, role: 'tenant', name: l.tenant.name, email: l.tenant.email, phone: l.tenant.phone, passwordHash }).returning();
    const rentCents = l.rentKes * 100;
    const startDate = isoDate(first.year, first.month, 1);
    const [lease] = await tx.insert(leases).values({
      agencyId: agency.id, unitId: unitIds.get(`${l.property}-${l.unit}`)!, tenantId: tenant!.id, monthlyRentCents: rentCents, depositCents: rentCents,
      dueDay: l.dueDay, startDate, status: 'active', accountReference: demoAccountReference(l),
    }).returning();
    const leaseId = lease!.id;

    // The deposit: charged and paid at move-in, and held.
    // Receipts and times come from demo-payments.ts, which the local Daraja sandbox shares: M-Pesa knows them.
    const deposit = demoDepositPayment({ lease: l, periods });
    const [depositCharge] = await tx.insert(charges).values({ agencyId: agency.id, leaseId, kind: 'deposit', description: 'Security deposit', amountCents: rentCents, dueDate: startDate }).returning();
    await tx.insert(payments).values({ agencyId: agency.id, leaseId, amountCents: deposit.amountCents, method: deposit.method, mpesaReceiptNumber: deposit.receipt, payerPhone: l.tenant.phone, paidAt: deposit.paidAt });
    await tx.insert(depositMovements).values({ agencyId: agency.id, leaseId, kind: 'received', amountCents: depositCharge!.amountCents, description: 'Deposit paid at move-in' });

    for (const [i, p] of periods.entries()) {
      const dueDate = isoDate(p.year, p.month, l.dueDay);
      await tx.insert(charges).values({ agencyId: agency.id, leaseId, kind: 'rent', period: p.period, description: `Rent ${p.period}`, amountCents: rentCents, dueDate });
      const paid = demoRentPayment({ lease: l, periods, index: i, now });
      if (paid) {
        await tx.insert(payments).values({
          agencyId: agency.id, leaseId, amountCents: paid.amountCents, method: paid.method,
          mpesaReceiptNumber: paid.receipt, payerPhone: l.tenant.phone, paidAt: paid.paidAt,
        });
      }
    }
    await reallocateLease(tx, { leaseId });
  }
}
