import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreditNote, getLeaseBalance, recordPayment, recordPaymentCorrection } from '@/db/queries/ledger';
import { listLeasesForCaller, listLeasesPage } from '@/db/queries/leases';
import { getArrearsSummaryForCaller, getCollectionSummary, listLeaseBalancesForCaller, listLeasesInArrearsPage, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { searchPaymentsForCaller, type PaymentCursor } from '@/db/queries/payment-search';
import { listPropertiesPage } from '@/db/queries/properties';
import { listTenantsPage } from '@/db/queries/tenants';
import { getUserByEmail } from '@/db/queries/users';
import { charges, leases, payments } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { periodBounds } from '@/lib/ledger/rent-period';
import type { Page } from '@/lib/pagination/cursor';
import { createPropertyFixture, createTenantFixture } from '../support/agency-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The list queries that had to scale with the caller rather than the table: the grouped lease balances must say
 * exactly what the per-lease ledger says, and every keyset-paged list must return each row once however rows are
 * inserted between one page and the next.
 */

let t: TestDatabase;
let admin: Caller;
let landlord: Caller;
let tenant: Caller;

async function callerFor(email: string): Promise<Caller> {
  const u = await getUserByEmail(t.db, { email });
  if (!u) throw new Error(`no user ${email}`);
  return { id: u.id, agencyId: u.agencyId, role: u.role, name: u.name, email: u.email, phone: u.phone };
}

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_test_lists' });
  await seedDemoData(t.db, { now: new Date('2026-11-21T09:00:00Z') });
  [admin, landlord, tenant] = await Promise.all(['admin@example.com', 'landlord@example.com', 'tenant@example.com'].map(callerFor)) as [Caller, Caller, Caller];
  // Corrections too, so the grouped sums are checked against every kind of ledger entry: a waiver (credit note) on
  // one lease's rent, and a payment reversed on another.
  const [first, second] = await listLeasesForCaller(t.db, { caller: admin });
  await t.db.transaction(async (tx) => {
    const [rent] = await tx.select().from(charges).where(and(eq(charges.leaseId, first!.id), eq(charges.kind, 'rent'))).limit(1);
    expect(await addCreditNote(tx, { chargeId: rent!.id, amountCents: 150_000, reason: 'Water outage discount', createdBy: admin.id })).not.toBeNull();
    const [paid] = await tx.select().from(payments).where(eq(payments.leaseId, second!.id)).limit(1);
    expect(await recordPaymentCorrection(tx, { paymentId: paid!.id, kind: 'void', reason: 'Entered twice', at: new Date() })).not.toBeNull();
  });
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

describe('lease balances from one grouped query', () => {
  it('equal the per-lease ledger for every lease an admin, a landlord or a tenant sees', async () => {
    for (const caller of [admin, landlord, tenant]) {
      const rows = await listLeaseBalancesForCaller(t.db, { caller });
      expect(rows.map((r) => r.leaseId).sort()).toEqual((await listLeasesForCaller(t.db, { caller })).map((l) => l.id).sort());
      for (const row of rows) {
        const ledger = await getLeaseBalance(t.db, { leaseId: row.leaseId });
        expect({ charged: row.chargedCents, paid: row.paidCents, balance: row.balanceCents }).toEqual({
          charged: ledger.chargedCents - ledger.creditedCents,
          paid: ledger.paidCents,
          balance: ledger.dueCents - ledger.creditCents,
        });
      }
    }
  });

  it('total the arrears and page through every lease that owes once, largest debt first', async () => {
    for (const caller of [admin, landlord]) {
      const owing = (await listLeaseBalancesForCaller(t.db, { caller })).filter((r) => r.balanceCents > 0);
      expect(owing.length).toBeGreaterThan(2);
      expect(await getArrearsSummaryForCaller(t.db, { caller })).toEqual({
        leases: (await listLeasesForCaller(t.db, { caller })).length,
        inArrears: owing.length,
        arrearsCents: owing.reduce((s, r) => s + r.balanceCents, 0),
      });
      const summary = await getArrearsSummaryForCaller(t.db, { caller });
      const seen = await walk(async (after) => {
        const page = await listLeasesInArrearsPage(t.db, { caller, after, limit: 2 });
        // Each page carries the same totals (from the same pass over the ledger).
        expect(page.summary).toEqual(summary);
        return page;
      });
      expect(seen.map((r) => r.leaseId)).toEqual(
        [...owing].sort((a, b) => b.balanceCents - a.balanceCents || (a.leaseId < b.leaseId ? 1 : -1)).map((r) => r.leaseId),
      );
    }
  });
});

describe('collection summary', () => {
  it('equals the rent charged and the payments made in the period on the caller’s leases', async () => {
    const period = '2026-10';
    const { from, to } = periodBounds(period);
    for (const caller of [admin, landlord]) {
      const mine = await listLeasesForCaller(t.db, { caller });
      const ids = mine.map((l) => l.id);
      const rent = await t.db.select().from(charges).where(and(inArray(charges.leaseId, ids), eq(charges.kind, 'rent'), eq(charges.period, period)));
      const paid = await t.db.select().from(payments)
        .where(and(inArray(payments.leaseId, ids), eq(payments.status, 'completed'), gte(payments.paidAt, from), lt(payments.paidAt, to)));
      expect(paid.length).toBeGreaterThan(0);
      expect(await getCollectionSummary(t.db, { caller, period })).toEqual({
        dueCents: rent.reduce((s, c) => s + c.amountCents, 0),
        collectedCents: paid.reduce((s, p) => s + p.amountCents, 0),
        activeLeases: mine.filter((l) => l.status === 'active').length,
      });
    }
  });
});

/** Every page from the first, calling `between` after each one (where rows get inserted). */
async function walk<T>(fetch: (after: string | null) => Promise<Page<T>>, between: (page: number) => Promise<void> = async () => {}): Promise<T[]> {
  const seen: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const result: Page<T> = await fetch(after);
    seen.push(...result.items);
    if (!result.next) return seen;
    await between(page);
    after = result.next;
  }
  throw new Error('pagination did not end');
}

function expectEachOnce(seenIds: string[], before: string[]) {
  expect(new Set(seenIds).size).toBe(seenIds.length);
  for (const id of before) expect(seenIds).toContain(id);
}

describe('keyset pagination while rows are inserted between pages', () => {
  let inserted = 0;
  /** A tenant and a live lease on a fresh unit of a new property named to sort among the existing ones. */
  async function insertLease(name: string) {
    inserted += 1;
    const { units } = await createPropertyFixture(t.db, { agencyId: admin.agencyId, landlordId: landlord.id, code: `Z${inserted}`, unitCount: 1, rentCents: 1_000_000 });
    const person = await createTenantFixture(t.db, { agencyId: admin.agencyId, n: `${name}-${inserted}` });
    await t.db.insert(leases).values({
      agencyId: admin.agencyId, unitId: units[0]!.id, tenantId: person.id, monthlyRentCents: 1_000_000, depositCents: 0, dueDay: 5,
      startDate: '2026-11-01', status: 'active', accountReference: `Z${inserted}-1`, accountKey: `Z${inserted}1`,
    });
  }

  it('leases, tenants and properties: every row once, as many pages as it takes', async () => {
    const leasesBefore = (await listLeasesForCaller(t.db, { caller: admin })).map((l) => l.id);
    const seenLeases = await walk((after) => listLeasesPage(t.db, { caller: admin, after: after ?? undefined, limit: 3 }), async (page) => {
      // Property names "Property Z…" sort after the demo's; tenant names "Tenant A…" before and "Tenant z…" after.
      await insertLease(page % 2 ? 'A' : 'z');
    });
    expectEachOnce(seenLeases.map((l) => l.id), leasesBefore);

    const tenantsBefore = (await walk((after) => listTenantsPage(t.db, { caller: admin, after: after ?? undefined, limit: 50 }))).map((u) => u.id);
    const seenTenants = await walk((after) => listTenantsPage(t.db, { caller: admin, after: after ?? undefined, limit: 3 }), async (page) => {
      await insertLease(page % 2 ? 'A' : 'z');
    });
    expectEachOnce(seenTenants.map((u) => u.id), tenantsBefore);

    const propertiesBefore = (await walk((after) => listPropertiesPage(t.db, { caller: admin, after: after ?? undefined, limit: 50 }))).map((p) => p.id);
    const seenProperties = await walk((after) => listPropertiesPage(t.db, { caller: admin, after: after ?? undefined, limit: 2 }), async () => {
      await insertLease('m');
    });
    expectEachOnce(seenProperties.map((p) => p.id), propertiesBefore);
  });

  it('payments, newest first: every payment once while newer and older payments arrive', async () => {
    const lease = (await listLeasesForCaller(t.db, { caller: admin }))[0]!;
    const all = await searchPaymentsForCaller(t.db, { caller: admin, filters: {}, limit: 500 });
    const before = all.items.map((p) => p.id);
    const seen: string[] = [];
    const newer: string[] = [];
    const older: string[] = [];
    let after: PaymentCursor | null = null;
    for (let page = 0; page < 100; page += 1) {
      const result = await searchPaymentsForCaller(t.db, { caller: admin, filters: {}, after, limit: 4 });
      seen.push(...result.items.map((p) => p.id));
      if (!result.next) break;
      // One payment newer than everything (it lands on a page already read) and one older than everything (ahead).
      await t.db.transaction(async (tx) => {
        newer.push((await recordPayment(tx, { agencyId: admin.agencyId, leaseId: lease.id, amountCents: 1_000 + page, method: 'cash', reference: `NEW-${page}`, paidAt: new Date(Date.now() + page * 1000) }))!.id);
        older.push((await recordPayment(tx, { agencyId: admin.agencyId, leaseId: lease.id, amountCents: 2_000 + page, method: 'cash', reference: `OLD-${page}`, paidAt: new Date(Date.UTC(2020, 0, 1, 0, 59 - page)) }))!.id);
      });
      after = result.next;
    }
    expect(older.length).toBeGreaterThan(2);
    expectEachOnce(seen, [...before, ...older]);
    expect(seen.filter((id) => newer.includes(id))).toEqual([]);
  });

  it('a landlord’s payments, newest first: every one of theirs, whether or not their newest are among the agency’s latest', async () => {
    const theirs = new Set((await listLeasesForCaller(t.db, { caller: landlord })).map((l) => l.id));
    const expected = async () => (await searchPaymentsForCaller(t.db, { caller: admin, filters: {}, limit: 5_000 })).items.filter((p) => theirs.has(p.leaseId)).map((p) => p.id);
    const paged = async () => {
      const ids: string[] = [];
      let after: PaymentCursor | null = null;
      for (let page = 0; page < 500; page += 1) {
        const result = await searchPaymentsForCaller(t.db, { caller: landlord, filters: {}, after, limit: 4 });
        ids.push(...result.items.map((p) => p.id));
        if (!result.next) return ids;
        after = result.next;
      }
      throw new Error('too many pages');
    };
    const recent = async () => (await listRecentPaymentsForCaller(t.db, { caller: landlord, limit: 8 })).map((p) => p.id);
    // Their newest payments are among the agency's newest (the first look, in the agency's latest payments, suffices).
    expect((await expected()).length).toBeGreaterThan(8);
    expect(await paged()).toEqual(await expected());
    expect(await recent()).toEqual((await expected()).slice(0, 8));
    // 300 newer payments on a lease that is not theirs push all of theirs out of the agency's latest: the lists must
    // then read all of the landlord's payments, and still give the same rows.
    const other = (await listLeasesForCaller(t.db, { caller: admin })).find((l) => !theirs.has(l.id))!;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 300; i += 1) {
        await recordPayment(tx, { agencyId: admin.agencyId, leaseId: other.id, amountCents: 500 + i, method: 'cash', reference: `FLOOD-${i}`, paidAt: new Date(Date.now() + 10_000_000 + i * 1000) });
      }
    });
    expect(await paged()).toEqual(await expected());
    expect(await recent()).toEqual((await expected()).slice(0, 8));
  });
});
