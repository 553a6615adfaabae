import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLeaseBalance, getDepositHeld, listLeaseCharges, recordPayment } from '@/db/queries/ledger';
import { getLeaseForCaller, listLeasesForCaller } from '@/db/queries/leases';
import { listLeaseBalancesForCaller, listPropertiesForCaller } from '@/db/queries/overview';
import { getUserByEmail } from '@/db/queries/users';
import { leases, payments, units, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { authenticateUser } from '@/lib/auth/authenticate';
import { FIRST_DELAY_SECONDS, FREE_FAILURES } from '@/lib/auth/sign-in-throttle';
import type { Caller } from '@/lib/auth/caller';
import { createTestDatabase, EMBEDDED_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-database';

async function callerFor(t: TestDatabase, email: string): Promise<Caller> {
  const u = await getUserByEmail(t.db, { email });
  if (!u) throw new Error(`no user ${email}`);
  return { id: u.id, agencyId: u.agencyId, role: u.role, name: u.name, email: u.email, phone: u.phone };
}

// The same code path against both databases Haven supports.
describe.each([
  { mode: 'PostgreSQL', embedded: false },
  { mode: 'embedded PGlite', embedded: true },
])('foundation on $mode', ({ embedded }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase({ embedded });
    expect(await seedDemoData(t.db, { now: new Date('2026-11-21T09:00:00Z') })).toBe(true);
  }, EMBEDDED_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.drop();
  }, EMBEDDED_SETUP_TIMEOUT_MS);

  it('seeds the demo agency once: a second seed changes nothing', async () => {
    expect(await seedDemoData(t.db)).toBe(false);
    // The demo agency (11 people, 12 units, 8 leases) and the second agency (3 people, 4 units, 1 lease).
    expect(await t.db.select().from(users)).toHaveLength(14);
    expect(await t.db.select().from(units)).toHaveLength(16);
    const active = await t.db.select().from(leases).where(eq(leases.status, 'active'));
    expect(active).toHaveLength(9);
    expect(new Set(active.map((l) => l.accountReference)).size).toBe(9);
  });

  it('gives the demo tenant an amount due, a deposit held and six months of rent', async () => {
    const tenant = await callerFor(t, 'tenant@example.com');
    const [lease] = await listLeasesForCaller(t.db, { caller: tenant });
    expect(lease).toBeDefined();
    const balance = await getLeaseBalance(t.db, { leaseId: lease!.id });
    expect(balance.dueCents).toBe(3_500_000);
    expect(await getDepositHeld(t.db, { leaseId: lease!.id })).toBe(2_500_000);
    const rent = (await listLeaseCharges(t.db, { leaseId: lease!.id })).filter((c) => c.kind === 'rent');
    expect(rent.map((c) => c.period)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    // Oldest first: October is part-paid, November untouched.
    expect(rent.map((c) => c.outstandingCents)).toEqual([0, 0, 0, 0, 1_000_000, 2_500_000]);
  });

  it('scopes leases by role: tenant → own, landlord → own properties, admin → the agency', async () => {
    const tenant = await callerFor(t, 'tenant@example.com');
    const tenant2 = await callerFor(t, 'tenant2@example.com');
    const landlord = await callerFor(t, 'landlord@example.com');
    const landlord2 = await callerFor(t, 'landlord2@example.com');
    const admin = await callerFor(t, 'admin@example.com');
    const tenantLeases = await listLeasesForCaller(t.db, { caller: tenant });
    expect(tenantLeases.map((l) => l.tenantEmail)).toEqual(['tenant@example.com']);
    const otherLeaseId = (await listLeasesForCaller(t.db, { caller: tenant2 }))[0]!.id;
    expect(await getLeaseForCaller(t.db, { caller: tenant, leaseId: otherLeaseId })).toBeNull();
    expect(await getLeaseForCaller(t.db, { caller: tenant2, leaseId: otherLeaseId })).not.toBeNull();

    const landlordLeases = await listLeasesForCaller(t.db, { caller: landlord });
    expect(landlordLeases).toHaveLength(6);
    expect(landlordLeases.every((l) => l.landlordId === landlord.id)).toBe(true);
    expect(await getLeaseForCaller(t.db, { caller: landlord, leaseId: otherLeaseId })).toBeNull();
    expect(await getLeaseForCaller(t.db, { caller: landlord2, leaseId: otherLeaseId })).not.toBeNull();

    expect(await listLeasesForCaller(t.db, { caller: admin })).toHaveLength(8);
    expect((await listPropertiesForCaller(t.db, { caller: landlord })).map((p) => p.name)).toEqual(['Kilimani Heights', 'Westlands Court']);
    expect(await listPropertiesForCaller(t.db, { caller: tenant })).toEqual([]);
    expect(await listLeaseBalancesForCaller(t.db, { caller: tenant2 })).toHaveLength(1);
    expect(await getLeaseForCaller(t.db, { caller: admin, leaseId: 'not-a-uuid' })).toBeNull();
  });

  it('credits one M-Pesa receipt once and allocates it to the oldest charge', async () => {
    const tenant = await callerFor(t, 'tenant@example.com');
    const lease = (await listLeasesForCaller(t.db, { caller: tenant }))[0]!;
    const payment = { agencyId: lease.agencyId, leaseId: lease.id, amountCents: 1_200_000, method: 'mpesa_paybill' as const, mpesaReceiptNumber: 'UKL1TEST01', paidAt: new Date('2026-11-21T08:00:00Z') };
    const first = await t.db.transaction((tx) => recordPayment(tx, payment));
    const again = await t.db.transaction((tx) => recordPayment(tx, payment));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(await t.db.select().from(payments).where(eq(payments.mpesaReceiptNumber, 'UKL1TEST01'))).toHaveLength(1);
    const rent = (await listLeaseCharges(t.db, { leaseId: lease.id })).filter((c) => c.kind === 'rent');
    expect(rent.slice(-2).map((c) => c.outstandingCents)).toEqual([0, 2_300_000]);
    expect((await getLeaseBalance(t.db, { leaseId: lease.id })).dueCents).toBe(2_300_000);
  });

  it('signs in with the right password, rejects a wrong one, and throttles repeated failures', async () => {
    expect((await authenticateUser(t.db, { email: 'ADMIN@example.com ', password: 'haven-demo', address: null })).ok).toBe(true);
    expect(await authenticateUser(t.db, { email: 'admin@example.com', password: 'nope', address: null })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticateUser(t.db, { email: 'ghost@example.com', password: 'haven-demo', address: null })).toEqual({ ok: false, reason: 'invalid' });
    for (let i = 0; i < FREE_FAILURES; i++) await authenticateUser(t.db, { email: 'faith@example.com', password: `x${i}`, address: '10.0.0.9' });
    const throttled = await authenticateUser(t.db, { email: 'faith@example.com', password: 'haven-demo', address: '10.0.0.9' });
    expect(throttled).toMatchObject({ ok: false, reason: 'throttled' });
    expect(throttled.ok === false && throttled.reason === 'throttled' && throttled.retryAfterSeconds).toBeLessThanOrEqual(FIRST_DELAY_SECONDS);
    // Another account is not locked by Faith's failures.
    expect((await authenticateUser(t.db, { email: 'esther@example.com', password: 'haven-demo', address: '10.0.0.9' })).ok).toBe(true);
  });
});
