import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { recordPayment } from '@/db/queries/ledger';
import { auditLog, charges, lateFeeAssessments, leases } from '@/db/schema';
import { activateLease } from '@/lib/leases/activate-lease';
import { changeRent } from '@/lib/leases/change-rent';
import { createLease } from '@/lib/leases/create-lease';
import { endLease } from '@/lib/leases/end-lease';
import { giveNotice } from '@/lib/leases/lease-notice';
import { lateFeeDeadline } from '@/lib/ledger/late-fee-rule';
import { addDays, addPeriods, nairobiDate, nairobiMidnight, periodOfDate } from '@/lib/ledger/rent-period';
import { rentChargeMoment, rentForPeriod } from '@/lib/ledger/rent-schedule';
import { runRentSweep } from '@/lib/ledger/rent-sweep';
import { createAgencyFixture, createPropertyFixture, createTenantFixture } from '../support/agency-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Rent that charges itself, with a moving clock: 50 leases with different due and billing days and start dates
 * (some mid-month), swept once a simulated day for 14 months — with an outage of three weeks and a restart on a
 * new connection pool in the middle, and two instances sweeping at once for a month. Every lease must end up
 * with exactly one rent charge per month it was in force, at the right amount (prorated, changed rent), late
 * fees only for unpaid months and once each, and nothing after a lease ended.
 */

const LEASES = 50;
const START = '2026-01-01';
const DAYS = 425; // to 2027-03-01: fourteen months
const RENT = 2_000_000;
const LATE_FEE = 100_000;
const OUTAGE = { from: 120, to: 141 }; // no sweep at all on these days, then a restart
const TWO_INSTANCES = { from: 200, to: 231 };
const NOTICE_DAY = 250;

interface Plan { leaseId: string; i: number; startDate: string; dueDay: number; billingDay: number; payer: boolean; rentChange: string | null; endDate: string | null }

describe('rent sweep over 14 months of a moving clock', () => {
  let t: TestDatabase;
  let restarted: DatabaseHandle | null = null;
  let second: DatabaseHandle | null = null;
  const plans: Plan[] = [];
  let endOfClock: Date;

  beforeAll(async () => {
    t = await createTestDatabase({ prefix: 'haven_rent_clock' });
  });
  afterAll(async () => {
    await restarted?.close();
    await second?.close();
    await t?.drop();
  });

  it('charges every lease once per period through an outage, a restart and two instances', { timeout: 600_000 }, async () => {
    const { agency, admin, landlord } = await createAgencyFixture(t.db, { paybill: '600100', lateFee: { fixedCents: LATE_FEE, afterDays: 5 } });
    const { units } = await createPropertyFixture(t.db, { agencyId: agency.id, landlordId: landlord.id, code: 'CLK', unitCount: LEASES, rentCents: RENT });
    for (let i = 0; i < LEASES; i++) {
      const tenant = await createTenantFixture(t.db, { agencyId: agency.id, n: String(i) });
      // Starts spread over the first ten weeks; every third lease starts mid-month (prorated).
      const startDate = addDays(START, (i * 3) % 70);
      const dueDay = 1 + (i % 28);
      const billingDay = Math.min(dueDay, 1 + (i % 5));
      const lease = await createLease(t.db, {
        caller: admin,
        input: { unitId: units[i]!.id, tenantId: tenant.id, startDate, endDate: null, monthlyRent: RENT + i * 10_000, deposit: RENT, dueDay, billingDay },
      });
      plans.push({ leaseId: lease.id, i, startDate, dueDay, billingDay, payer: i % 2 === 0, rentChange: i % 7 === 0 ? '2026-07' : null, endDate: null });
    }
    for (const p of plans.filter((x) => x.rentChange)) {
      await changeRent(t.db, { caller: admin, leaseId: p.leaseId, effectivePeriod: p.rentChange!, monthlyRentCents: RENT + 500_000, reason: 'Annual review' });
    }

    let db = t.db;
    for (let day = 0; day <= DAYS; day++) {
      const today = addDays(START, day);
      const morning = new Date(nairobiMidnight(today).getTime() + 6 * 3600_000);
      if (day === OUTAGE.to) {
        // The restart: a new process with its own connection pool picks up where the last sweep left off.
        restarted = await openPostgres(t.url!, { max: 3 });
        db = restarted.db;
      }
      for (const p of plans.filter((x) => x.startDate === today)) await activateLease(db, { caller: admin, leaseId: p.leaseId, now: morning });
      if (day === NOTICE_DAY) {
        for (const p of plans.filter((x) => x.i % 10 === 3)) {
          p.endDate = addDays(today, 30);
          await giveNotice(db, { caller: admin, leaseId: p.leaseId, endDate: p.endDate, reason: 'Moving out', now: morning });
        }
      }
      if (day < OUTAGE.from || day >= OUTAGE.to) {
        if (day >= TWO_INSTANCES.from && day < TWO_INSTANCES.to) {
          second ??= await openPostgres(t.url!, { max: 3 });
          await Promise.all([runRentSweep(db, { now: morning }), runRentSweep(second.db, { now: morning })]);
        } else {
          await runRentSweep(db, { now: morning });
        }
      }
      // Good payers pay whatever they owe the day it is raised, by cash at noon.
      const owing = await db.execute<{ lease_id: string; agency_id: string; due: string }>(sql`
        select l.id as lease_id, l.agency_id, (select coalesce(sum(c.amount_cents), 0) from charges c where c.lease_id = l.id)
          - (select coalesce(sum(p.amount_cents), 0) from payments p where p.lease_id = l.id and p.status = 'completed') as due
        from leases l where l.status in ('active', 'notice')`);
      for (const row of owing as unknown as { lease_id: string; agency_id: string; due: string }[]) {
        if (Number(row.due) <= 0 || !plans.find((p) => p.leaseId === row.lease_id)?.payer) continue;
        await db.transaction((tx) => recordPayment(tx, { agencyId: row.agency_id, leaseId: row.lease_id, amountCents: Number(row.due), method: 'cash', paidAt: new Date(morning.getTime() + 6 * 3600_000) }));
      }
      for (const p of plans.filter((x) => x.endDate && addDays(x.endDate, 1) === today)) {
        await endLease(db, { caller: admin, leaseId: p.leaseId, endDate: p.endDate!, reason: 'Moved out', now: morning });
      }
      endOfClock = morning;
    }
  });

  it('has exactly one rent charge per period each lease was in force, at the rule’s amount', async () => {
    const lastClockPeriod = periodOfDate(nairobiDate(endOfClock));
    for (const p of plans) {
      const rows = await t.db.select().from(charges).where(and(eq(charges.leaseId, p.leaseId), eq(charges.kind, 'rent'))).orderBy(charges.period);
      const first = periodOfDate(p.startDate);
      const last = p.endDate ? periodOfDate(p.endDate) : rentChargeMoment(lastClockPeriod, p.billingDay) <= endOfClock ? lastClockPeriod : addPeriods(lastClockPeriod, -1);
      const expected: string[] = [];
      for (let q = first; q <= last; q = addPeriods(q, 1)) expected.push(q);
      expect(rows.map((r) => r.period), `lease ${p.i}`).toEqual(expected);
      const terms = { monthlyRentCents: RENT + p.i * 10_000, startDate: p.startDate, endDate: p.endDate, billingDay: p.billingDay, dueDay: p.dueDay };
      const changes = p.rentChange ? [{ effectivePeriod: p.rentChange, monthlyRentCents: RENT + 500_000 }] : [];
      for (const r of rows) expect(r.amountCents, `lease ${p.i} ${r.period}`).toBe(rentForPeriod(terms, changes, r.period!)!.amountCents);
    }
  });

  it('prorates a mid-month start and the last month, and applies the rent change from its period', async () => {
    const midMonth = plans.find((p) => p.startDate.endsWith('-04'))!;
    const [firstCharge] = await t.db.select().from(charges).where(and(eq(charges.leaseId, midMonth.leaseId), eq(charges.kind, 'rent'))).orderBy(charges.period).limit(1);
    const rent = RENT + midMonth.i * 10_000;
    expect(firstCharge!.amountCents).toBe(Math.round((rent * 28) / 31 / 100) * 100);
    expect(firstCharge!.amountCents).toBeLessThan(rent);

    const changed = plans.find((p) => p.rentChange)!;
    const byPeriod = new Map((await t.db.select().from(charges).where(and(eq(charges.leaseId, changed.leaseId), eq(charges.kind, 'rent')))).map((c) => [c.period, c.amountCents]));
    expect(byPeriod.get('2026-06')).toBe(RENT + changed.i * 10_000);
    expect(byPeriod.get('2026-07')).toBe(RENT + 500_000);
    expect(byPeriod.get('2027-01')).toBe(RENT + 500_000);
  });

  it('charges nothing after a lease ends, and ends it with the unit vacant', async () => {
    const ended = plans.filter((p) => p.endDate);
    expect(ended.length).toBeGreaterThan(3);
    for (const p of ended) {
      const [lease] = await t.db.select().from(leases).where(eq(leases.id, p.leaseId));
      expect(lease!.status).toBe('ended');
      const after = await t.db.select().from(charges).where(and(eq(charges.leaseId, p.leaseId), sql`${charges.period} > ${periodOfDate(p.endDate!)}`));
      expect(after).toEqual([]);
      const lastRent = await t.db.select().from(charges).where(and(eq(charges.leaseId, p.leaseId), eq(charges.kind, 'rent'), eq(charges.period, periodOfDate(p.endDate!))));
      expect(lastRent).toHaveLength(1);
    }
  });

  it('charges a late fee once for each unpaid month whose deadline passed, and never to a tenant who paid on time', async () => {
    const today = nairobiDate(endOfClock);
    for (const p of plans) {
      const fees = await t.db.select().from(charges).where(and(eq(charges.leaseId, p.leaseId), eq(charges.kind, 'late_fee')));
      if (p.payer) {
        expect(fees, `payer ${p.i}`).toEqual([]);
        continue;
      }
      const rents = await t.db.select().from(charges).where(and(eq(charges.leaseId, p.leaseId), eq(charges.kind, 'rent')));
      // While in force: an ended lease is not assessed after it ends.
      const deadline = (r: (typeof rents)[number]) => lateFeeDeadline({ dueDate: r.dueDate, raisedOn: nairobiDate(r.createdAt) }, { afterDays: 5 });
      const assessable = rents.filter((r) => deadline(r) < today && (!p.endDate || addDays(p.endDate, 1) > deadline(r)));
      expect(fees.map((f) => f.period).sort(), `lease ${p.i}`).toEqual(assessable.map((r) => r.period).sort());
      for (const f of fees) expect(f.amountCents).toBe(LATE_FEE);
    }
    const dupes = await t.db.select({ leaseId: charges.leaseId, kind: charges.kind, period: charges.period }).from(charges)
      .where(sql`${charges.period} is not null`).groupBy(charges.leaseId, charges.kind, charges.period).having(sql`count(*) > 1`);
    expect(dupes).toEqual([]);
    expect((await t.db.select().from(lateFeeAssessments)).length).toBeGreaterThan(0);
  });

  it('audits the sweep’s charges', async () => {
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'rent.charged'));
    expect(row!.n).toBeGreaterThan(LEASES);
  });
});
