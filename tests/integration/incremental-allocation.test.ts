import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { addCreditNote, insertCharge, reallocateLease, recordPayment, recordPaymentCorrection } from '@/db/queries/ledger';
import { charges, leases, paymentAllocations, payments } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * recordPayment allocates a new payment incrementally (only what charges still owe, in due order) instead of
 * recomputing the lease. Here a long random sequence of ledger writes — payments in order, back-dated, at the same
 * instant; new charges; credit notes; corrections — is checked after every write against the full recompute.
 */

let t: TestDatabase;
let lease: { id: string; agencyId: string };

/** A small deterministic generator: the same sequence every run, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Row = { paymentId: string; chargeId: string; amountCents: number };
const key = (r: Row) => `${r.paymentId}/${r.chargeId}/${r.amountCents}`;

async function allocationsOf(tx: Tx | TestDatabase['db']): Promise<string[]> {
  const rows = await tx.select({ paymentId: paymentAllocations.paymentId, chargeId: paymentAllocations.chargeId, amountCents: paymentAllocations.amountCents })
    .from(paymentAllocations).where(eq(paymentAllocations.leaseId, lease.id)).orderBy(asc(paymentAllocations.paymentId), asc(paymentAllocations.chargeId));
  return rows.map(key).sort();
}

/** What the full recompute would write now (computed in a transaction that is rolled back). */
async function fullRecompute(): Promise<string[]> {
  let recomputed: string[] = [];
  const rollback = new Error('rollback');
  await t.db
    .transaction(async (tx) => {
      await reallocateLease(tx, { leaseId: lease.id });
      recomputed = await allocationsOf(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return recomputed;
}

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_incremental_alloc' });
  await seedDemoData(t.db);
  const [first] = await t.db.select({ id: leases.id, agencyId: leases.agencyId }).from(leases).limit(1);
  lease = first!;
}, 180_000);
afterAll(() => t?.drop());

describe('incremental allocation of a new payment', () => {
  it('equals the full recompute after every write of a random sequence', async () => {
    const next = random(20261203);
    let clock = Date.parse('2027-01-01T00:00:00Z');
    const paymentIds: string[] = [];
    const chargeIds = (await t.db.select({ id: charges.id }).from(charges).where(eq(charges.leaseId, lease.id))).map((c) => c.id);
    let receipts = 0;
    expect(await allocationsOf(t.db), 'before the sequence').toEqual(await fullRecompute());
    for (let step = 0; step < 160; step += 1) {
      const roll = next();
      await t.db.transaction(async (tx) => {
        if (roll < 0.55) {
          // Mostly later than everything (the incremental path); sometimes back-dated or at the same instant.
          const shape = next();
          const paidAt = shape < 0.7 ? (clock += 60_000 + Math.floor(next() * 86_400_000)) : shape < 0.85 ? clock - Math.floor(next() * 90 * 86_400_000) : clock;
          const row = await recordPayment(tx, {
            agencyId: lease.agencyId, leaseId: lease.id, amountCents: 100 + Math.floor(next() * 3_000_000), method: 'mpesa_paybill',
            mpesaReceiptNumber: `TST${String((receipts += 1)).padStart(7, '0')}`, paidAt: new Date(paidAt),
          });
          if (row) paymentIds.push(row.id);
        } else if (roll < 0.8) {
          const due = new Date(clock + Math.floor((next() - 0.5) * 120 * 86_400_000)).toISOString().slice(0, 10);
          const row = await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'other', description: `Step ${step}`, amountCents: 100 + Math.floor(next() * 2_000_000), dueDate: due });
          if (row) chargeIds.push(row.id);
        } else if (roll < 0.9 && chargeIds.length > 0) {
          const chargeId = chargeIds[Math.floor(next() * chargeIds.length)]!;
          await addCreditNote(tx, { chargeId, amountCents: 1 + Math.floor(next() * 50_000), reason: 'test', createdBy: null });
        } else if (paymentIds.length > 0) {
          const paymentId = paymentIds[Math.floor(next() * paymentIds.length)]!;
          await recordPaymentCorrection(tx, { paymentId, kind: 'void', reason: 'test', at: new Date(clock) });
        }
      });
      expect(await allocationsOf(t.db), `after step ${step}`).toEqual(await fullRecompute());
    }
    // The sequence did exercise both paths and left real allocations to compare.
    const recorded = await t.db.select({ id: payments.id }).from(payments).where(eq(payments.leaseId, lease.id));
    expect(recorded.length).toBeGreaterThan(50);
    expect((await allocationsOf(t.db)).length).toBeGreaterThan(20);
  }, 300_000);
});
