import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getC2bConfirmationByTransId } from '@/db/queries/mpesa-c2b';
import { getReceiptCheckByReceipt } from '@/db/queries/mpesa-receipt-checks';
import { getPaymentByReceipt } from '@/db/queries/payments';
import { leases, units } from '@/db/schema';
import { computeCheckCharacter } from '@/lib/leases/account-reference';
import { createLease } from '@/lib/leases/create-lease';
import { generateAccountReference } from '@/lib/leases/generate-account-reference';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * Account numbers as tenants type them, against the real sandbox: its paybill asks our validation (the real
 * decision) and confirms to our inbox; the receipt is proven with Transaction Status before it is credited.
 */

const AMINA = '254712345678';
const CHECK = computeCheckCharacter('KHA1');
const WRONG = CHECK === 'B' ? 'C' : 'B';

let w: MpesaWorld;
let aminaLease: string;

/** Pays `billRef` into the paybill; resolves with M-Pesa's answer to our validation and the TransID. */
async function payBill(billRef: string, amountKes: number) {
  const seen = new Set((await w.sandbox.control.callbacks()).map((c) => c.ref));
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn: AMINA, billRefNumber: billRef });
  const validation = await eventually(
    async () => (await w.sandbox.control.callbacks()).find((c) => c.url.includes('/c2b/validation/') && c.status !== null && !seen.has(c.ref) && c.body.includes(JSON.stringify(billRef))),
    (c) => c !== undefined,
    { what: `validation of ${billRef}` },
  );
  return { transId: validation!.ref!, reply: JSON.parse(validation!.response!) as { ResultCode: string } };
}

/** Waits until the receipt is proven and placed (or not) by the books. */
const resolved = async (receipt: string) => {
  const check = await eventually(() => getReceiptCheckByReceipt(w.db.db, { receipt }), (c) => c?.resolution != null, { what: `receipt ${receipt} resolved` });
  await w.receiver.settle();
  return check!;
};

beforeAll(async () => {
  w = await createMpesaWorld({ secret: 'refs-secret', prefix: 'haven_refs' });
  aminaLease = w.leases.amina!;
}, 90_000);

afterAll(async () => {
  await w?.stop();
});

beforeEach(async () => {
  await Promise.all([w.sandbox.control.clearFaults(), w.sandbox.control.clearScenarios()]);
  w.receiver.unknownAccount = undefined;
});

describe('sloppy account numbers reach the lease they name', () => {
  it.each(['kh a1', 'KHA1', 'KH-A01', `kh-a1-${CHECK.toLowerCase()}`])('"%s" is credited to KH-A1', async (typed) => {
    const { transId, reply } = await payBill(typed, 1_000 + typed.length);
    expect(reply.ResultCode).toBe('0');
    expect(await resolved(transId)).toMatchObject({ resolution: 'credited' });
    expect(await getPaymentByReceipt(w.db.db, { receipt: transId })).toMatchObject({ leaseId: aminaLease, amountCents: (1_000 + typed.length) * 100 });
  });
});

describe('account numbers that name no lease', () => {
  it('a wrong check character is refused at validation with C2B00012: the money stays with the tenant', async () => {
    const wallet = await w.sandbox.control.subscriber(AMINA);
    const { transId, reply } = await payBill(`KH-A1-${WRONG}`, 1_500);
    expect(reply.ResultCode).toBe('C2B00012');
    expect((await w.sandbox.control.subscriber(AMINA)).balanceCents).toBe(wallet.balanceCents);
    expect(await getPaymentByReceipt(w.db.db, { receipt: transId })).toBeNull();
  });

  it('with validation set to accept, an unknown account is taken and recorded unmatched, not credited', async () => {
    w.receiver.unknownAccount = 'accept';
    const { transId, reply } = await payBill(`KH-A1-${WRONG}`, 1_600);
    expect(reply.ResultCode).toBe('0');
    expect(await resolved(transId)).toMatchObject({ status: 'CONFIRMED', resolution: 'unmatched', paymentId: null });
    expect(await getC2bConfirmationByTransId(w.db.db, { transId })).toMatchObject({ outcome: 'unmatched', leaseId: null, billRefNumber: `KH-A1-${WRONG}` });
    expect(await getPaymentByReceipt(w.db.db, { receipt: transId })).toBeNull();
  });
});

describe('new leases', () => {
  it('get a reference with a check character, and its key', async () => {
    const [c1] = await w.db.db.select({ id: units.id }).from(units).where(eq(units.label, 'C1'));
    const lease = await createLease(w.db.db, {
      caller: w.callers.admin!,
      input: { unitId: c1!.id, tenantId: w.callers.george!.id, startDate: '2030-01-01', endDate: null, monthlyRent: 20_000_00, deposit: 0, dueDay: 5, billingDay: 1 },
    });
    expect(lease).toMatchObject({ accountReference: `KH-C1-${computeCheckCharacter('KHC1')}`, accountKey: 'KHC1' });
  });

  it('refuse an account number that normalises to one a lease in force uses', async () => {
    const [lease] = await w.db.db.select().from(leases).where(and(eq(leases.id, aminaLease)));
    const [other] = await w.db.db.select({ id: units.id }).from(units).where(eq(units.label, 'C1'));
    await expect(generateAccountReference(w.db.db, { agencyId: lease!.agencyId, unitId: other!.id, propertyCode: 'KH', unitLabel: 'A01' })).rejects.toThrow(/could be mistaken for KH-A1/);
    // The unit's own lease in force is no clash: its next lease keeps the account number's key.
    await expect(generateAccountReference(w.db.db, { agencyId: lease!.agencyId, unitId: lease!.unitId, propertyCode: 'KH', unitLabel: 'A1' })).resolves.toEqual({ accountReference: `KH-A1-${CHECK}`, accountKey: 'KHA1' });
  });
});
