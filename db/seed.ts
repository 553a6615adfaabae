import { count } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import { sealAgencySecret } from '@/lib/agency/agency-secrets';
import { parseEnv } from '@/lib/env';
import { accountKeyOf, formatAccountReference, normalizeAccountText } from '@/lib/leases/account-reference';
import { addPeriods, recentPeriods } from '@/lib/ledger/rent-period';
import { rentChargeMoment } from '@/lib/ledger/rent-schedule';
import type { Db, Tx } from './client';
import { insertCharges, issueMissingReceipts } from './queries/ledger';
import { demoAccountReference, demoDepositPayment, demoRentPayment } from './demo-payments';
import { agencies, agencyMpesaCredentials, leases, payments, properties, units, users } from './schema';
import { DEMO_PASSWORD, demoAgency, demoLeases, demoProperties, demoStaff, secondAgency } from './seed-data';

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
    await insertSecondAgency(tx, { now, passwordHash });
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
    const [property] = await tx.insert(properties).values({
      agencyId: agency.id, landlordId: staff.get(p.landlord)!, name: p.name, location: p.location, code: p.key, commissionBps: p.commissionBps,
    }).returning();
    for (const label of p.units) {
      const lease = demoLeases.find((l) => l.property === p.key && l.unit === label);
      const rentCents = (lease?.rentKes ?? 20_000) * 100;
      const [unit] = await tx.insert(units).values({
        agencyId: agency.id, propertyId: property!.id, label, bedrooms: label.startsWith('C') ? 3 : 2, unitType: label.startsWith('C') ? '3 bedroom' : '2 bedroom',
        marketRentCents: rentCents, depositCents: rentCents, status: lease ? 'let' : 'vacant',
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
      dueDay: l.dueDay, billingDay: 1, startDate, status: 'active', accountReference: demoAccountReference(l), accountKey: normalizeAccountText(demoAccountReference(l)),
      activatedAt: new Date(Date.UTC(first.year, first.month, 1, 7, 0)), nextRentChargeAt: rentChargeMoment(addPeriods(periods[periods.length - 1]!.period, 1), 1),
    }).returning();
    const leaseId = lease!.id;

    // The deposit: charged and paid at move-in; what is paid towards it is held.
    // Receipts and times come from demo-payments.ts, which the local Daraja sandbox shares: M-Pesa knows them.
    const deposit = demoDepositPayment({ lease: l, periods });
    const leaseCharges: Parameters<typeof insertCharges>[1]['rows'] = [{ agencyId: agency.id, kind: 'deposit', description: 'Security deposit', amountCents: rentCents, dueDate: startDate }];
    await tx.insert(payments).values({ agencyId: agency.id, leaseId, amountCents: deposit.amountCents, method: deposit.method, mpesaReceiptNumber: deposit.receipt, payerPhone: l.tenant.phone, paidAt: deposit.paidAt });

    for (const [i, p] of periods.entries()) {
      const dueDate = isoDate(p.year, p.month, l.dueDay);
      leaseCharges.push({ agencyId: agency.id, kind: 'rent', period: p.period, description: `Rent ${p.period}`, amountCents: rentCents, dueDate });
      const paid = demoRentPayment({ lease: l, periods, index: i, now });
      if (paid) {
        await tx.insert(payments).values({
          agencyId: agency.id, leaseId, amountCents: paid.amountCents, method: paid.method,
          mpesaReceiptNumber: paid.receipt, payerPhone: l.tenant.phone, paidAt: paid.paidAt,
        });
      }
    }
    // Charges and payments were loaded in bulk: allocate them and issue the receipts.
    await insertCharges(tx, { leaseId, rows: leaseCharges });
    await issueMissingReceipts(tx, { leaseId });
  }
}

/**
 * A second agency with its own paybill (174380) and Daraja app, to show and test that agencies are separate.
 * Its credentials are the local sandbox's second organisation's, sealed like any agency's.
 */
async function insertSecondAgency(tx: Tx, { now, passwordHash }: { now: Date; passwordHash: string }) {
  const a = secondAgency;
  const [agency] = await tx.insert(agencies).values({ name: a.name, paybillShortcode: a.paybillShortcode, lateFeeKind: 'fixed', lateFeeFixedCents: 50_000, lateFeeAfterDays: 5 }).returning();
  const agencyId = agency!.id;
  // parseEnv, not getEnv: seeding must not freeze this process's environment (tests point it elsewhere afterwards).
  const key = parseEnv(process.env).encryptionKey;
  const seal = (field: Parameters<typeof sealAgencySecret>[0]['field'], value: string) => sealAgencySecret({ agencyId, field, value, key });
  await tx.insert(agencyMpesaCredentials).values({
    agencyId, consumerKeyEnc: seal('consumerKey', a.credentials.consumerKey), consumerSecretEnc: seal('consumerSecret', a.credentials.consumerSecret),
    passkeyEnc: seal('passkey', a.credentials.passkey), initiatorName: a.credentials.initiatorName, initiatorPasswordEnc: seal('initiatorPassword', a.credentials.initiatorPassword),
  });
  const ids = new Map<string, string>();
  for (const s of [...a.staff, a.tenant]) {
    const [u] = await tx.insert(users).values({ agencyId, role: s.role, name: s.name, email: s.email, phone: s.phone, passwordHash }).returning();
    ids.set(s.role, u!.id);
  }
  const [property] = await tx.insert(properties).values({ agencyId, landlordId: ids.get('landlord')!, name: a.property.name, location: a.property.location, code: a.property.code, commissionBps: 800 }).returning();
  const unitIds: string[] = [];
  for (const label of a.property.units) {
    const [unit] = await tx.insert(units).values({
      agencyId, propertyId: property!.id, label, unitType: '1 bedroom', marketRentCents: a.rentKes * 100, depositCents: a.rentKes * 100, status: label === a.leasedUnit ? 'let' : 'vacant',
    }).returning();
    if (label === a.leasedUnit) unitIds.push(unit!.id);
  }
  const periods = recentPeriods(now, 2);
  const startDate = isoDate(periods[0]!.year, periods[0]!.month, 1);
  const rentCents = a.rentKes * 100;
  const [lease] = await tx.insert(leases).values({
    agencyId, unitId: unitIds[0]!, tenantId: ids.get('tenant')!, monthlyRentCents: rentCents, depositCents: rentCents, dueDay: 5, billingDay: 1, startDate, status: 'active',
    accountReference: formatAccountReference({ propertyCode: a.property.code, unitLabel: a.leasedUnit }),
    accountKey: accountKeyOf({ propertyCode: a.property.code, unitLabel: a.leasedUnit }), activatedAt: new Date(Date.parse(`${startDate}T06:00:00Z`)),
    nextRentChargeAt: rentChargeMoment(addPeriods(periods[1]!.period, 1), 1),
  }).returning();
  await insertCharges(tx, {
    leaseId: lease!.id,
    rows: [
      { agencyId, kind: 'deposit', description: 'Security deposit', amountCents: rentCents, dueDate: startDate },
      ...periods.map((p) => ({ agencyId, kind: 'rent' as const, period: p.period, description: `Rent ${p.period}`, amountCents: rentCents, dueDate: isoDate(p.year, p.month, 5) })),
    ],
  });
}
