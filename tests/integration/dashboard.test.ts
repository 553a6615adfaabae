import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockLease, recordPayment } from '@/db/queries/ledger';
import { leases, mpesaTransactions } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { getDashboard } from '@/lib/console/get-dashboard';
import { dashboardWindows } from '@/lib/console/dashboard-windows';
import { callerByEmail, leaseIdOf } from '../support/mpesa-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 12: the dashboard's figures against the same books read directly with SQL written here, for an admin (the
 * agency), a landlord (own properties only), another agency's admin (none of ours) and a tenant (no dashboard).
 */

let db: TestDatabase;
let raw: postgres.Sql;
const who: Record<string, Caller> = {};
const now = new Date();
const w = dashboardWindows(now);

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_dashboard' });
  await seedDemoData(db.db);
  raw = postgres(db.url!, { max: 2, onnotice: () => {} });
  for (const [key, email] of Object.entries({ admin: 'admin@example.com', landlord: 'landlord@example.com', landlord2: 'landlord2@example.com', tenant: 'tenant@example.com', umoja: 'admin@umoja.example.com' })) {
    who[key] = await callerByEmail(db.db, email);
  }
}, 60_000);
afterAll(async () => {
  await raw?.end({ timeout: 5 });
  await db?.drop();
});

/** The leases a caller may see, written out again here rather than borrowed from the code under test. */
const leaseFilter = (c: Caller) =>
  c.role === 'admin'
    ? raw`select id from leases where agency_id = ${c.agencyId}`
    : raw`select l.id from leases l join units u on u.id = l.unit_id join properties p on p.id = u.property_id where l.agency_id = ${c.agencyId} and p.landlord_id = ${c.id}`;

async function collected(c: Caller, from: Date, to: Date) {
  const [row] = await raw<{ cents: string }[]>`select coalesce(sum(amount_cents), 0)::text as cents from payments
    where status = 'completed' and paid_at >= ${from} and paid_at < ${to} and lease_id in (${leaseFilter(c)})`;
  return Number(row!.cents);
}

async function ageing(c: Caller) {
  const rows = await raw<{ age: number; owed: string }[]>`
    select (${w.today.firstDay}::date - c.due_date) as age,
      (c.amount_cents - coalesce((select sum(amount_cents) from credit_notes n where n.charge_id = c.id), 0)
        - coalesce((select sum(amount_cents) from payment_allocations a where a.charge_id = c.id), 0))::text as owed
    from charges c where c.due_date <= ${w.today.firstDay}::date and c.lease_id in (${leaseFilter(c)})`;
  const bands = [0, 0, 0, 0];
  for (const r of rows) if (Number(r.owed) > 0) bands[r.age <= 30 ? 0 : r.age <= 60 ? 1 : r.age <= 90 ? 2 : 3]! += Number(r.owed);
  return bands;
}

describe('dashboard', () => {
  it('an admin’s figures equal the books: collected today, this week, this month by route, the 12 months and the days', async () => {
    // Money today by two routes (the demo's payments may all predate this month), through the ledger's own write.
    const lease = await leaseIdOf(db.db, 'cynthia@example.com');
    const [row] = await db.db.select({ agencyId: leases.agencyId }).from(leases).where(eq(leases.id, lease));
    await db.db.transaction(async (tx) => {
      await lockLease(tx, { leaseId: lease });
      await recordPayment(tx, { agencyId: row!.agencyId, leaseId: lease, amountCents: 1_234_00, method: 'cash', paidAt: now, reference: 'dashboard test' });
      await recordPayment(tx, { agencyId: row!.agencyId, leaseId: lease, amountCents: 766_00, method: 'mpesa_paybill', mpesaReceiptNumber: 'UDASHB0ARD', paidAt: now });
    });
    const d = await getDashboard(db.db, { caller: who.admin!, now });
    expect(d.today.collectedCents).toBeGreaterThanOrEqual(2_000_00);
    expect(d.today.byRoute.map((r) => r.method)).toEqual(expect.arrayContaining(['cash', 'mpesa_paybill']));
    expect(d.month.collectedCents).toBe(await collected(who.admin!, w.month.from, w.month.to));
    expect(d.week.collectedCents).toBe(await collected(who.admin!, w.week.from, w.week.to));
    expect(d.today.collectedCents).toBe(await collected(who.admin!, w.today.from, w.today.to));
    expect(d.month.byRoute.reduce((s, r) => s + r.cents, 0)).toBe(d.month.collectedCents);
    expect(d.month.collectedCents).toBeGreaterThan(0);
    const [byMethod] = await raw<{ n: string }[]>`select count(distinct method)::text as n from payments where status = 'completed' and paid_at >= ${w.month.from} and paid_at < ${w.month.to} and lease_id in (${leaseFilter(who.admin!)})`;
    expect(d.month.byRoute).toHaveLength(Number(byMethod!.n));
    const [count] = await raw<{ n: string }[]>`select count(*)::text as n from payments where status = 'completed' and paid_at >= ${w.month.from} and paid_at < ${w.month.to} and lease_id in (${leaseFilter(who.admin!)})`;
    expect(d.month.averageCents).toBe(Math.round(d.month.collectedCents / Number(count!.n)));

    expect(d.monthly.map((m) => m.period)).toEqual(w.months);
    expect(d.monthly.at(-1)!.collectedCents).toBe(d.month.collectedCents);
    expect(d.daily.reduce((s, x) => s + x.collectedCents, 0)).toBe(d.month.collectedCents);
    const [twelve] = await raw<{ cents: string }[]>`select coalesce(sum(amount_cents), 0)::text as cents from payments where status = 'completed'
      and (paid_at at time zone 'Africa/Nairobi') >= ${`${w.months[0]}-01`}::timestamp and paid_at < ${w.month.to} and lease_id in (${leaseFilter(who.admin!)})`;
    expect(d.monthly.reduce((s, m) => s + m.collectedCents, 0)).toBe(Number(twelve!.cents));

    const [due] = await raw<{ cents: string }[]>`select coalesce(sum(c.amount_cents - coalesce((select sum(amount_cents) from credit_notes n where n.charge_id = c.id), 0)), 0)::text as cents
      from charges c where c.due_date between ${w.month.firstDay}::date and ${w.month.lastDay}::date and c.lease_id in (${leaseFilter(who.admin!)})`;
    expect(d.month.dueCents).toBe(Number(due!.cents));
  });

  it('ages arrears as the books do, and occupancy counts units with a live lease', async () => {
    for (const caller of [who.admin!, who.landlord!]) {
      const d = await getDashboard(db.db, { caller, now });
      expect(d.arrears.bands.map((b) => b.cents), caller.email).toEqual(await ageing(caller));
    }
    const d = await getDashboard(db.db, { caller: who.admin!, now });
    const [occ] = await raw<{ units: string; occupied: string }[]>`select count(*)::text as units,
      count(*) filter (where exists (select 1 from leases l where l.unit_id = u.id and l.status in ('active', 'notice')))::text as occupied
      from units u join properties p on p.id = u.property_id where p.agency_id = ${who.admin!.agencyId}`;
    expect(d.occupancy).toMatchObject({ units: Number(occ!.units), occupied: Number(occ!.occupied) });
  });

  it('counts STK outcomes by failure reason, within the caller’s scope only', async () => {
    const lease = await leaseIdOf(db.db, 'tenant@example.com');
    const [row] = await db.db.select({ agencyId: leases.agencyId, ref: leases.accountReference, tenantId: leases.tenantId }).from(leases).where(eq(leases.id, lease));
    const push = (status: 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'TIMEOUT', resultCode: string | null) => ({
      agencyId: row!.agencyId, leaseId: lease, initiatedBy: row!.tenantId, shortcode: '174379', phone: '254712345678', amountCents: 100_00, accountReference: row!.ref, status, resultCode,
    });
    const before = await getDashboard(db.db, { caller: who.admin!, now });
    await db.db.insert(mpesaTransactions).values([
      push('SUCCESS', '0'), push('SUCCESS', '0'), push('SUCCESS', '0'),
      push('CANCELLED', '1032'), push('CANCELLED', '1032'), push('FAILED', '1'), push('FAILED', '2001'), push('TIMEOUT', '1037'), push('TIMEOUT', null),
    ]);
    const after = await getDashboard(db.db, { caller: who.admin!, now });
    const reasons = (d: typeof after) => Object.fromEntries(d.stk.reasons.map((r) => [r.reason, r.count]));
    const gained = (reason: string) => (reasons(after)[reason] ?? 0) - (reasons(before)[reason] ?? 0);
    expect([gained('cancelled'), gained('insufficient_funds'), gained('wrong_pin'), gained('timeout')]).toEqual([2, 1, 1, 2]);
    expect(after.stk.succeeded - before.stk.succeeded).toBe(3);
    expect(after.stk.failed - before.stk.failed).toBe(6);
    expect(after.stk.successRate).toBe(Math.round((after.stk.succeeded / (after.stk.succeeded + after.stk.failed)) * 1000) / 10);

    // Amina rents from the first landlord: the second landlord and the other agency see none of it.
    expect((await getDashboard(db.db, { caller: who.landlord!, now })).stk.failed).toBe(after.stk.failed);
    expect((await getDashboard(db.db, { caller: who.landlord2!, now })).stk.reasons).toEqual([]);
    expect((await getDashboard(db.db, { caller: who.umoja!, now })).stk.started).toBe(0);
  });

  it('keeps landlords to their own properties and another agency to its own; tenants have no dashboard', async () => {
    const mine = await getDashboard(db.db, { caller: who.landlord!, now });
    const theirs = await getDashboard(db.db, { caller: who.landlord2!, now });
    const all = await getDashboard(db.db, { caller: who.admin!, now });
    for (const [caller, d] of [[who.landlord!, mine], [who.landlord2!, theirs]] as const) {
      expect(d.month.collectedCents, caller.email).toBe(await collected(caller, w.month.from, w.month.to));
      expect(d.monthly.reduce((s, m) => s + m.collectedCents, 0)).toBeLessThanOrEqual(all.monthly.reduce((s, m) => s + m.collectedCents, 0));
    }
    // The agency's two landlords own every property here, so their figures add up to the admin's.
    expect(mine.month.collectedCents + theirs.month.collectedCents).toBe(all.month.collectedCents);
    expect(mine.occupancy.units + theirs.occupancy.units).toBe(all.occupancy.units);
    expect(mine.arrears.totalCents + theirs.arrears.totalCents).toBe(all.arrears.totalCents);
    const umoja = await getDashboard(db.db, { caller: who.umoja!, now });
    expect(umoja.month.collectedCents).toBe(await collected(who.umoja!, w.month.from, w.month.to));
    await expect(getDashboard(db.db, { caller: who.tenant!, now })).rejects.toMatchObject({ code: 'not_found' });
  });
});
