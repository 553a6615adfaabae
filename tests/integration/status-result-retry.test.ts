import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReceiptCheckByReceipt } from '@/db/queries/mpesa-receipt-checks';
import { callbackInbox, payments } from '@/db/schema';
import { processInboxRowById } from '@/lib/payments/process-inbox';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * A Transaction Status result is applied in two steps: its query is marked ANSWERED, then the receipt it proves is
 * settled in a transaction of its own. When the second step failed (here: the first insert into payments refused by
 * a trigger, as a deadlock or a dropped connection would), the inbox retried the row and found the query ANSWERED —
 * and called the row a duplicate: M-Pesa's proof was thrown away, and the paybill payment waited, uncredited and
 * unflagged, for the re-query sweep to ask M-Pesa again. The retry must settle the receipt from the proof it holds.
 */

const SECRET = 'status-retry-secret';
const AMINA = '254712345678';
const AMOUNT = 2_345_00;

let w: MpesaWorld;
let aminaAccount: string;

beforeAll(async () => {
  w = await createMpesaWorld({ secret: SECRET, prefix: 'haven_status_retry' });
  const [lease] = (await w.db.db.execute(sql`select account_reference from leases where id = ${w.leases.amina!}`)) as unknown as { account_reference: string }[];
  aminaAccount = lease!.account_reference;
  // Refuses the first payment written after this point, once (a sequence is not rolled back with the transaction).
  await w.db.db.execute(sql`create sequence fail_first_payment`);
  await w.db.db.execute(sql.raw(`create function fail_first_payment() returns trigger language plpgsql as $$
    begin
      if nextval('fail_first_payment') = 1 then raise exception 'injected: could not write the payment'; end if;
      return new;
    end $$`));
  await w.db.db.execute(sql`create trigger fail_first_payment before insert on payments for each row execute function fail_first_payment()`);
});

afterAll(async () => {
  await w?.stop();
});

describe('a status result whose settling failed', () => {
  it('credits the proven receipt when the inbox retries it, instead of calling it a duplicate', async () => {
    await w.mpesa.client.simulateC2b({ amountCents: AMOUNT, msisdn: AMINA, billRefNumber: aminaAccount });

    // The confirmation claims the receipt and asks Transaction Status; the result's first application fails.
    const [failed] = await eventually(
      () => w.db.db.select().from(callbackInbox).where(and(eq(callbackInbox.kind, 'status-result'), eq(callbackInbox.outcome, 'error'))),
      (rows) => rows.length === 1,
      { what: 'the status result failed once' },
    );
    await w.receiver.settle();
    expect(failed!.error).toMatch(/insert into "payments"/);
    const onLease = () => w.db.db.select().from(payments).where(and(eq(payments.leaseId, w.leases.amina!), eq(payments.amountCents, AMOUNT)));
    expect(await onLease()).toHaveLength(0);

    // What the inbox worker does after the back-off, now.
    expect(await processInboxRowById(w.db.db, { id: failed!.id })).toBe('applied');
    const [payment] = await onLease();
    expect(payment).toBeDefined();
    expect(await getReceiptCheckByReceipt(w.db.db, { receipt: payment!.mpesaReceiptNumber! })).toMatchObject({ status: 'CONFIRMED', resolution: 'credited', paymentId: payment!.id });
  });
});
