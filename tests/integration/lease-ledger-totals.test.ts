import { eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreditNote, insertCharge, insertCharges, recordPayment, recordPaymentCorrection } from '@/db/queries/ledger';
import { charges, creditNotes, leaseLedgerTotals, leases, payments, propertyMonthTotals } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { createTestDatabase, EMBEDDED_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-database';

/**
 * lease_ledger_totals and property_month_totals are kept by triggers (migrations 0017, 0018) and read by the
 * overviews and the dashboard instead of the ledger. Here it is compared with a full recompute from charges, credit notes and payments after every write of
 * a long random sequence over several leases — through the ledger's own functions, in bulk, by raw SQL edits a
 * person could make, and by writes that roll back — and under concurrent payments on one lease.
 */


function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Totals = Record<string, { charged: number; paid: number }>;

// The same triggers on both databases Haven supports.
describe.each([
  { mode: 'PostgreSQL', embedded: false },
  { mode: 'embedded PGlite', embedded: true },
])('lease ledger totals on $mode', ({ embedded }) => {
  let t: TestDatabase;
  let leaseRows: { id: string; agencyId: string }[];

  /** Every lease's totals as the triggers kept them (rows with nothing in them read as absent). */
  async function keptTotals(): Promise<Totals> {
    const rows = await t.db.select().from(leaseLedgerTotals);
    const out: Totals = {};
    for (const r of rows) {
      // The stored balance is generated from the two totals: it must always be their difference.
      expect(r.balanceCents).toBe(r.chargedCents - r.paidCents);
      if (r.chargedCents !== 0 || r.paidCents !== 0) out[r.leaseId] = { charged: r.chargedCents, paid: r.paidCents };
    }
    return out;
  }

  /** The same totals summed from the ledger itself. */
  async function recomputedTotals(): Promise<Totals> {
    const zero = sql<number>`0::bigint`;
    const entries = unionAll(
      t.db.select({ leaseId: charges.leaseId, charged: sql<number>`${charges.amountCents}`.as('charged'), paid: zero.as('paid') }).from(charges),
      t.db.select({ leaseId: creditNotes.leaseId, charged: sql<number>`-${creditNotes.amountCents}`.as('charged'), paid: zero.as('paid') }).from(creditNotes),
      t.db.select({ leaseId: payments.leaseId, charged: zero.as('charged'), paid: sql<number>`${payments.amountCents}`.as('paid') }).from(payments).where(eq(payments.status, 'completed')),
    ).as('entries');
    const rows = await t.db
      .select({ leaseId: entries.leaseId, charged: sql<number>`sum(${entries.charged})`.mapWith(Number), paid: sql<number>`sum(${entries.paid})`.mapWith(Number) })
      .from(entries)
      .groupBy(entries.leaseId);
    const out: Totals = {};
    for (const r of rows) if (r.charged !== 0 || r.paid !== 0) out[r.leaseId] = { charged: r.charged, paid: r.paid };
    return out;
  }

  type Months = Record<string, { cents: number; payments: number }>;
  const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

  /** Every property's month figures as the triggers kept them. */
  async function keptMonths(): Promise<Months> {
    const out: Months = {};
    for (const r of await t.db.select().from(propertyMonthTotals)) {
      if (r.cents !== 0 || r.payments !== 0) out[`${r.propertyId}/${r.period}/${r.entry}`] = { cents: r.cents, payments: r.payments };
    }
    return out;
  }

  /** The same, from the ledger: charges net of credit notes by due month, completed payments by Nairobi month and route. */
  async function recomputedMonths(): Promise<Months> {
    const rows = rowsOf<{ key: string; cents: string; payments: string }>(await t.db.execute(sql`
      select u.property_id || '/' || e.period || '/' || e.entry as key, sum(e.cents)::bigint as cents, sum(e.n)::int as payments
      from (
        select lease_id, to_char(due_date, 'YYYY-MM') as period, 'due' as entry, amount_cents as cents, 0 as n from charges
        union all select r.lease_id, to_char(c.due_date, 'YYYY-MM'), 'due', -r.amount_cents, 0 from credit_notes r join charges c on c.id = r.charge_id
        union all select lease_id, to_char(paid_at at time zone 'Africa/Nairobi', 'YYYY-MM'), method::text, amount_cents, 1 from payments where status = 'completed'
      ) e join leases l on l.id = e.lease_id join units u on u.id = l.unit_id
      group by 1`));
    const out: Months = {};
    for (const r of rows) if (Number(r.cents) !== 0 || Number(r.payments) !== 0) out[r.key] = { cents: Number(r.cents), payments: Number(r.payments) };
    return out;
  }

  async function expectEqualToLedger(what: string) {
    expect(await keptTotals(), `lease totals ${what}`).toEqual(await recomputedTotals());
    expect(await keptMonths(), `month totals ${what}`).toEqual(await recomputedMonths());
  }

  beforeAll(async () => {
    t = await createTestDatabase({ prefix: 'haven_lease_totals', embedded });
    await seedDemoData(t.db);
    leaseRows = await t.db.select({ id: leases.id, agencyId: leases.agencyId }).from(leases).limit(4);
  }, EMBEDDED_SETUP_TIMEOUT_MS);
  afterAll(() => t?.drop(), EMBEDDED_SETUP_TIMEOUT_MS);

    it('start equal to the ledger for the seeded books', async () => {
      expect(Object.keys(await keptTotals()).length).toBeGreaterThan(0);
      expect(Object.keys(await keptMonths()).length).toBeGreaterThan(0);
      await expectEqualToLedger('after the seed');
    });

    it('stay equal to the ledger after every write of a random sequence', async () => {
      const next = random(20261203);
      const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
      let clock = Date.parse('2027-01-01T00:00:00Z');
      let receipts = 0;
      const paymentIds: string[] = [];
      const chargeIds: string[] = [];
      const counts: Record<string, number> = {};
      for (let step = 0; step < 150; step += 1) {
        const lease = pick(leaseRows);
        const roll = next();
        const kind = roll < 0.35 ? 'payment' : roll < 0.5 ? 'charge' : roll < 0.58 ? 'bulk charges' : roll < 0.68 ? 'credit note' : roll < 0.78 ? 'correction'
          : roll < 0.82 ? 'raw amount edit' : roll < 0.86 ? 'raw due date edit' : roll < 0.9 ? 'raw delete' : roll < 0.95 ? 'raw move' : 'rolled back';
        counts[kind] = (counts[kind] ?? 0) + 1;
        const rollback = new Error('rollback');
        await t.db.transaction(async (tx) => {
          if (kind === 'payment' || kind === 'rolled back') {
            const row = await recordPayment(tx, {
              agencyId: lease.agencyId, leaseId: lease.id, amountCents: 100 + Math.floor(next() * 3_000_000), method: 'mpesa_paybill',
              mpesaReceiptNumber: `TOT${String((receipts += 1)).padStart(7, '0')}`, paidAt: new Date((clock += Math.floor(next() * 4 * 86_400_000))),
            });
            if (kind === 'rolled back') throw rollback;
            if (row) paymentIds.push(row.id);
          } else if (kind === 'charge') {
            const row = await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'other', description: `Step ${step}`, amountCents: 100 + Math.floor(next() * 2_000_000), dueDate: '2027-02-01' });
            if (row) chargeIds.push(row.id);
          } else if (kind === 'bulk charges') {
            await insertCharges(tx, {
              leaseId: lease.id,
              rows: [1, 2, 3].map((i) => ({ agencyId: lease.agencyId, kind: 'other' as const, description: `Bulk ${step}.${i}`, amountCents: 1000 * i + step, dueDate: '2027-03-01' })),
            });
          } else if (kind === 'credit note' && chargeIds.length > 0) {
            await addCreditNote(tx, { chargeId: pick(chargeIds), amountCents: 1 + Math.floor(next() * 50), reason: 'test', createdBy: null });
          } else if (kind === 'correction' && paymentIds.length > 0) {
            await recordPaymentCorrection(tx, { paymentId: pick(paymentIds), kind: 'void', reason: 'test', at: new Date(clock) });
          } else if (kind === 'raw amount edit' && chargeIds.length > 0) {
            // Nobody should edit an amount, but whoever does cannot make the totals lie.
            await tx.execute(sql`update charges set amount_cents = amount_cents + 7 where id = ${pick(chargeIds)}`);
          } else if (kind === 'raw due date edit' && chargeIds.length > 0) {
            // A charge moved to another month takes its credit notes with it.
            await tx.execute(sql`update charges set due_date = due_date + 40 where id = ${pick(chargeIds)}`);
          } else if (kind === 'raw delete') {
            await tx.execute(sql`delete from credit_notes where id = (select id from credit_notes where lease_id = ${lease.id} order by created_at desc limit 1)`);
          } else if (kind === 'raw move' && paymentIds.length > 0) {
            // A payment moved to another lease (as a wrong placement would be, were it edited by hand): both leases change.
            await tx.execute(sql`update payments set lease_id = ${pick(leaseRows).id} where id = ${pick(paymentIds)} and agency_id = ${lease.agencyId}`);
          }
        }).catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
        await expectEqualToLedger(`after step ${step} (${kind})`);
      }
      // The sequence exercised every kind of write.
      for (const kind of ['payment', 'charge', 'bulk charges', 'credit note', 'correction', 'raw amount edit', 'raw due date edit', 'raw delete', 'raw move', 'rolled back']) {
        expect(counts[kind] ?? 0, kind).toBeGreaterThan(0);
      }
    }, 300_000);

    it('stay equal under concurrent payments on one lease', async () => {
      const lease = leaseRows[0]!;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.db.transaction((tx) =>
            recordPayment(tx, {
              agencyId: lease.agencyId, leaseId: lease.id, amountCents: 10_000 + i, method: 'mpesa_stk',
              mpesaReceiptNumber: `CON${String(i).padStart(7, '0')}`, paidAt: new Date(Date.parse('2027-06-01T00:00:00Z') + i * 1000),
            }),
          ),
        ),
      );
      await expectEqualToLedger('after concurrent payments');
    });
  });
