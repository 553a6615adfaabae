import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLeaseBalance, getPaymentReceipt, listPaymentAllocations } from '@/db/queries/ledger-balances';
import { recordPaymentReversal } from '@/db/queries/ledger';
import { auditLog, leases, paymentCorrections, payments, properties, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { waiveCharge, addOneOffCharge } from '@/lib/leases/lease-charges';
import { recordManualPayment, voidManualPayment } from '@/lib/ledger/manual-payments';
import { getLandlordStatement, getTenantStatement } from '@/lib/statements/load-statements';
import { landlordStatementCsv, tenantStatementCsv } from '@/lib/statements/statement-csv';
import { renderLandlordStatementPdf, renderTenantStatementPdf } from '@/lib/statements/statement-pdf';
import { formatKes } from '@/lib/money';
import { pdfPages } from '../support/pdf-text';
import { callersByEmail } from '../support/seeded-callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The ledger's corrections and statements on the demo agency: a cash payment recorded then undone by a
 * correcting entry; an M-Pesa reversal as a new entry whose receipt still shows what it showed; waivers as credit
 * notes; and statements (tenant and landlord, screen data and CSV) that add up to the ledger to the cent.
 */

const NOW = new Date('2026-11-21T09:00:00Z');
let t: TestDatabase;
const callers: Record<string, Caller> = {};
const leaseOf = async (email: string) => (await t.db.select({ id: leases.id }).from(leases).innerJoin(users, eq(users.id, leases.tenantId)).where(eq(users.email, email)))[0]!.id;
const netBalance = async (leaseId: string) => {
  const b = await getLeaseBalance(t.db, { leaseId });
  return b.dueCents - b.creditCents;
};
async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string[][]> {
  const text = await new Response(stream).text();
  return text.replace(/^\uFEFF/, '').trim().split('\n').map((line) => line.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_agency_ledger' });
  await seedDemoData(t.db, { now: NOW });
  Object.assign(callers, await callersByEmail(t.db));
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe('manual payments', () => {
  it('records a cash payment and undoes it with a correcting entry, both audited', async () => {
    const leaseId = await leaseOf('tenant@example.com');
    const before = await netBalance(leaseId);
    const payment = await recordManualPayment(t.db, { caller: callers['admin@example.com']!, leaseId, input: { method: 'cash', amount: 1_000_000, paidOn: '2026-11-20', reference: null, note: 'Paid at the office' }, now: NOW });
    expect(await netBalance(leaseId)).toBe(before - 1_000_000);
    expect((await getPaymentReceipt(t.db, { paymentId: payment.id }))!.lines.length).toBeGreaterThan(0);

    await expect(voidManualPayment(t.db, { caller: callers['landlord@example.com']!, paymentId: payment.id, reason: 'x' })).rejects.toThrow(/admins/);
    await voidManualPayment(t.db, { caller: callers['admin@example.com']!, paymentId: payment.id, reason: 'Counted twice', now: NOW });
    expect(await netBalance(leaseId)).toBe(before);
    const [row] = await t.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(row!.amountCents).toBe(1_000_000); // never edited
    const [correction] = await t.db.select().from(paymentCorrections).where(eq(paymentCorrections.paymentId, payment.id));
    expect(correction).toMatchObject({ kind: 'void', reason: 'Counted twice' });
    await expect(voidManualPayment(t.db, { caller: callers['admin@example.com']!, paymentId: payment.id, reason: 'again' })).rejects.toThrow(/already/);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.targetId, payment.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['payment.recorded', 'payment.voided']));
  });

  it('refuses future dates, M-Pesa payments and another agency’s admin', async () => {
    const leaseId = await leaseOf('tenant@example.com');
    await expect(recordManualPayment(t.db, { caller: callers['admin@example.com']!, leaseId, input: { method: 'bank', amount: 100, paidOn: '2026-12-25', reference: 'X', note: null }, now: NOW })).rejects.toThrow(/future/);
    await expect(recordManualPayment(t.db, { caller: callers['admin@umoja.example.com']!, leaseId, input: { method: 'cash', amount: 100, paidOn: '2026-11-20', reference: null, note: null }, now: NOW })).rejects.toThrow(/not found/);
    const [mpesa] = await t.db.select().from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.method, 'mpesa_paybill'))).limit(1);
    await expect(voidManualPayment(t.db, { caller: callers['admin@example.com']!, paymentId: mpesa!.id, reason: 'no' })).rejects.toThrow(/reversing it on M-Pesa/);
  });
});

describe('M-Pesa reversal in the ledger', () => {
  it('is a new correction entry; the rent is owed again; the receipt keeps what it showed', async () => {
    const leaseId = await leaseOf('esther@example.com');
    const [payment] = await t.db.select().from(payments).where(and(eq(payments.leaseId, leaseId), sql`${payments.method} in ('mpesa_stk', 'mpesa_paybill')`)).orderBy(sql`${payments.paidAt} desc`).limit(1);
    const receiptBefore = await getPaymentReceipt(t.db, { paymentId: payment!.id });
    expect(receiptBefore!.lines.length).toBeGreaterThan(0);
    const before = await netBalance(leaseId);
    const first = await t.db.transaction((tx) => recordPaymentReversal(tx, { paymentId: payment!.id, mpesaReversalId: null, at: NOW }));
    const again = await t.db.transaction((tx) => recordPaymentReversal(tx, { paymentId: payment!.id, mpesaReversalId: null, at: NOW }));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(await netBalance(leaseId)).toBe(before + payment!.amountCents);
    expect(await listPaymentAllocations(t.db, { paymentId: payment!.id })).toEqual([]);
    expect(await getPaymentReceipt(t.db, { paymentId: payment!.id })).toEqual(receiptBefore);
    const [row] = await t.db.select().from(payments).where(eq(payments.id, payment!.id));
    expect(row).toMatchObject({ status: 'reversed', amountCents: payment!.amountCents });
  });
});

describe('credit notes', () => {
  it('waives a charge with a reason; never more than it carries', async () => {
    const leaseId = await leaseOf('david@example.com');
    const charge = await addOneOffCharge(t.db, { caller: callers['landlord@example.com']!, leaseId, input: { description: 'Late fee (manual)', amount: 150_000, dueDate: '2026-11-20' } });
    const before = await netBalance(leaseId);
    await expect(waiveCharge(t.db, { caller: callers['landlord@example.com']!, chargeId: charge.id, reason: 'x' })).rejects.toThrow(/admins/);
    await expect(waiveCharge(t.db, { caller: callers['admin@example.com']!, chargeId: charge.id, amountCents: 200_000, reason: 'too much' })).rejects.toThrow(/At most/);
    await waiveCharge(t.db, { caller: callers['admin@example.com']!, chargeId: charge.id, reason: 'First time late' });
    expect(await netBalance(leaseId)).toBe(before - 150_000);
    await expect(waiveCharge(t.db, { caller: callers['admin@example.com']!, chargeId: charge.id, reason: 'again' })).rejects.toThrow(/already been waived/);
  });
});

describe('statements add up to the ledger to the cent', () => {
  it('tenant statements (data and CSV) close at the ledger balance, for every lease', async () => {
    for (const email of ['tenant@example.com', 'tenant2@example.com', 'cynthia@example.com', 'david@example.com', 'esther@example.com', 'faith@example.com']) {
      const leaseId = await leaseOf(email);
      const { statement } = await getTenantStatement(t.db, { caller: callers['admin@example.com']!, leaseId, from: '2020-01-01', to: '2030-12-31' });
      expect(statement.openingBalanceCents).toBe(0);
      expect(statement.closingBalanceCents, email).toBe(await netBalance(leaseId));
      const rows = await readCsv(tenantStatementCsv(statement, 'x'));
      const closing = rows.find((r) => r[1] === 'Closing balance')!;
      expect(Math.round(Number(closing[6]) * 100)).toBe(statement.closingBalanceCents);
      const entries = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[0]!) && !['Opening balance', 'Totals', 'Closing balance'].includes(r[1]!));
      const sum = entries.reduce((s, r) => s + Math.round(Number(r[4] || 0) * 100) - Math.round(Number(r[5] || 0) * 100), 0);
      expect(sum).toBe(statement.closingBalanceCents);
      if (email === 'tenant@example.com') {
        // The PDF prints the same totals, and every payment's receipt number.
        const pages = await pdfPages(await renderTenantStatementPdf(statement, { agencyName: 'Demo Properties', tenantName: 'Amina Wanjiru', home: 'Kilimani Heights A1', accountReference: 'KH-A1' }));
        const text = pages.join('\n');
        expect(pages.at(-1)).toContain(`Totals`);
        for (const cents of [statement.totals.debitCents, statement.totals.creditCents, statement.closingBalanceCents]) expect(pages.at(-1)).toContain(formatKes(cents));
        for (const e of statement.entries.filter((x) => x.reference)) expect(text).toContain(e.reference);
      }
      // A sub-range opens where the earlier entries left it.
      const part = (await getTenantStatement(t.db, { caller: callers['admin@example.com']!, leaseId, from: '2026-09-01', to: '2030-12-31' })).statement;
      expect(part.closingBalanceCents).toBe(statement.closingBalanceCents);
      expect(part.openingBalanceCents + part.totals.debitCents - part.totals.creditCents).toBe(part.closingBalanceCents);
    }
  });

  it('a tenant sees only their own statement; a landlord only their properties', async () => {
    const leaseId = await leaseOf('tenant@example.com');
    await expect(getTenantStatement(t.db, { caller: callers['tenant2@example.com']!, leaseId })).rejects.toThrow(/not found/);
    const [rg] = await t.db.select().from(properties).where(eq(properties.code, 'RG'));
    await expect(getLandlordStatement(t.db, { caller: callers['landlord@example.com']!, propertyId: rg!.id })).rejects.toThrow(/not found/);
    await expect(getLandlordStatement(t.db, { caller: callers['admin@umoja.example.com']!, propertyId: rg!.id })).rejects.toThrow(/not found/);
  });

  it('the landlord statement’s collected, arrears and commission match the ledger (data and CSV)', async () => {
    const [kh] = await t.db.select().from(properties).where(eq(properties.code, 'KH'));
    const { statement } = await getLandlordStatement(t.db, { caller: callers['landlord@example.com']!, propertyId: kh!.id, from: '2020-01-01', to: '2030-12-31' });
    const khLeases = statement.lines.map((l) => l.leaseId);
    let expectedArrears = 0;
    let paidStanding = 0;
    for (const id of khLeases) {
      const b = await getLeaseBalance(t.db, { leaseId: id });
      expectedArrears += b.dueCents;
      paidStanding += b.paidCents;
    }
    const deposits = await t.db.execute(sql`select coalesce(sum(pa.amount_cents), 0)::bigint as s from payment_allocations pa join charges c on c.id = pa.charge_id where c.kind = 'deposit' and pa.lease_id in (${sql.join(khLeases.map((id) => sql`${id}::uuid`), sql`, `)})`);
    const depositPaid = Number((deposits as unknown as { s: string }[])[0]!.s);
    // Over the whole life: collected = payments still standing − deposit shares; arrears = what is owed now.
    expect(statement.totals.collectedCents).toBe(paidStanding - depositPaid);
    expect(statement.totals.arrears.total).toBe(expectedArrears);
    expect(statement.totals.commissionCents).toBe(Math.round((statement.totals.collectedCents * kh!.commissionBps) / 10_000));
    expect(statement.totals.dueToLandlordCents).toBe(statement.totals.collectedCents + statement.totals.deductionsKeptCents - statement.totals.commissionCents);
    const rows = await readCsv(landlordStatementCsv(statement, 'x'));
    const total = rows.find((r) => r[0] === 'Total')!;
    expect(Math.round(Number(total[5]) * 100)).toBe(statement.totals.collectedCents);
    expect(Math.round(Number(rows.find((r) => r[0] === 'Due to landlord')![1]) * 100)).toBe(statement.totals.dueToLandlordCents);
    const pdf = (await pdfPages(await renderLandlordStatementPdf(statement, { agencyName: 'Demo Properties', propertyName: kh!.name, landlordName: 'Peter Mwangi' }))).join('\n');
    for (const cents of [statement.totals.collectedCents, statement.totals.commissionCents, statement.totals.dueToLandlordCents, statement.totals.arrears.total]) expect(pdf).toContain(formatKes(cents));
    for (const line of statement.lines) expect(pdf).toContain(line.tenantName);
  });
});
