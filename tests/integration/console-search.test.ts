import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iteratePaymentsForCaller, searchPaymentsForCaller, type PaymentSearchRow } from '@/db/queries/payment-search';
import { auditLog, leases, payments, properties, units, users } from '@/db/schema';
import { normalizeAccountText } from '@/lib/leases/account-reference';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { exportPaymentsCsv } from '@/lib/console/export-payments-csv';
import type { PaymentFilters } from '@/lib/console/payment-filters';
import { paymentsCsvStream } from '@/lib/console/payments-csv';
import { callerByEmail, leaseIdOf } from '../support/mpesa-world';
import { parseCsv } from '../support/parse-csv';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 12: the console's payment search and CSV export, authorised in the data layer. An admin finds the agency's
 * payments; a landlord only those on their own properties; another agency's admin and any tenant nothing at all.
 */

let db: TestDatabase;
const who: Record<string, Caller> = {};
let amina: typeof payments.$inferSelect;

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_console_search' });
  await seedDemoData(db.db);
  for (const [key, email] of Object.entries({ admin: 'admin@example.com', landlord: 'landlord@example.com', landlord2: 'landlord2@example.com', tenant: 'tenant@example.com', umoja: 'admin@umoja.example.com' })) {
    who[key] = await callerByEmail(db.db, email);
  }
  const lease = await leaseIdOf(db.db, 'tenant@example.com');
  const [first] = await db.db.select().from(payments).where(and(eq(payments.leaseId, lease), eq(payments.status, 'completed'))).limit(1);
  amina = first!;
}, 60_000);
afterAll(() => db?.drop());

const search = async (caller: Caller, filters: PaymentFilters, limit = 200) => (await searchPaymentsForCaller(db.db, { caller, filters, limit })).items;
const ids = (rows: PaymentSearchRow[]) => rows.map((r) => r.id);

async function csvOf(caller: Caller, filters: PaymentFilters): Promise<string[][]> {
  const text = await new Response(paymentsCsvStream(iteratePaymentsForCaller(db.db, { caller, filters, batchSize: 7 }))).text();
  return parseCsv(text);
}

describe('payment search', () => {
  it('finds a payment by receipt (any case, spaces), by phone typed 0712 345 678, by amount, by tenant and by account number', async () => {
    const receipt = amina.mpesaReceiptNumber!;
    expect(ids(await search(who.admin!, { q: receipt.toLowerCase().replace(/(.{4})/, '$1 ') }))).toEqual([amina.id]);
    expect(ids(await search(who.admin!, { q: '0712 345 678' }))).toContain(amina.id);
    expect(ids(await search(who.admin!, { q: (amina.amountCents / 100).toLocaleString('en-KE') }))).toContain(amina.id);
    expect(ids(await search(who.admin!, { q: 'amina' }))).toContain(amina.id);
    const [lease] = await db.db.select({ ref: leases.accountReference }).from(leases).where(eq(leases.id, amina.leaseId));
    expect(ids(await search(who.admin!, { q: lease!.ref }))).toContain(amina.id);
  });

  it('finds by any part of a tenant name, account number, property, unit or "property unit", as a scan of every lease would', async () => {
    // The words reading is a union of indexed arms (db/queries/lease-text-match.ts); the oracle here is the plain
    // definition over every lease: the text within "tenant", "reference" or "property unit", or the same account key.
    const all = await db.db
      .select({ id: leases.id, agencyId: leases.agencyId, ref: leases.accountReference, key: leases.accountKey, label: units.label, property: properties.name, tenant: users.name, landlordId: properties.landlordId })
      .from(leases)
      .innerJoin(units, eq(units.id, leases.unitId))
      .innerJoin(properties, eq(properties.id, units.propertyId))
      .innerJoin(users, eq(users.id, leases.tenantId));
    const paid = new Set((await db.db.select({ leaseId: payments.leaseId }).from(payments)).map((p) => p.leaseId));
    const terms = ['Heights A2', 'eights', 'ni heights b', 'gardens 0', 'court', 'ts c', 'kh a1', 'KH-B', 'a1', 'wanjiru', 'amina w', 'rg-0', '%', 'a_', 'Kilimani  Heights'];
    for (const caller of [who.admin!, who.landlord!]) {
      for (const term of terms) {
        const needle = term.toLowerCase();
        const expected = all
          .filter((l) => l.agencyId === caller.agencyId && (caller.role === 'admin' || l.landlordId === caller.id) && paid.has(l.id))
          .filter((l) => [l.tenant, l.ref, `${l.property} ${l.label}`].some((s) => s.toLowerCase().includes(needle)) || l.key === normalizeAccountText(term))
          .map((l) => l.id)
          .sort();
        const found = [...new Set((await search(caller, { q: term }, 1_000)).map((r) => r.leaseId))].sort();
        expect(found, `${caller.email} searching "${term}"`).toEqual(expected);
      }
    }
    // The oracle is not vacuous: the terms between them reach leases through every field.
    expect(new Set((await Promise.all(terms.map((q) => search(who.admin!, { q }, 1_000)))).flat().map((r) => r.leaseId)).size).toBeGreaterThan(4);
  });

  it('a landlord finds payments on their own properties only; another agency and tenants find nothing', async () => {
    const receipt = amina.mpesaReceiptNumber!;
    expect(ids(await search(who.landlord!, { q: receipt }))).toEqual([amina.id]);
    for (const caller of [who.landlord2!, who.umoja!, who.tenant!]) {
      expect(await search(caller, { q: receipt }), caller.email).toEqual([]);
      expect(await search(caller, { q: 'Amina' }), caller.email).toEqual([]);
      expect(await search(caller, { q: '0712345678' }), caller.email).toEqual([]);
    }
    const own = await search(who.landlord!, {});
    const landlordProperties = await db.db.select({ id: properties.id }).from(properties).where(eq(properties.landlordId, who.landlord!.id));
    expect(own.length).toBeGreaterThan(0);
    for (const row of own) expect(landlordProperties.map((p) => p.id)).toContain(row.propertyId);
    expect(await search(who.umoja!, {})).not.toEqual(expect.arrayContaining([expect.objectContaining({ id: amina.id })]));
  });

  it('filters by date range, method, status and property', async () => {
    const day = new Date(amina.paidAt.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
    expect(ids(await search(who.admin!, { from: day, to: day }))).toContain(amina.id);
    expect(ids(await search(who.admin!, { to: '2000-01-01' }))).toEqual([]);
    expect((await search(who.admin!, { method: 'mpesa_paybill' })).every((r) => r.method === 'mpesa_paybill')).toBe(true);
    expect(await search(who.admin!, { status: 'reversed' })).toEqual([]);
    const [unit] = await db.db.select({ propertyId: units.propertyId }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).where(eq(leases.id, amina.leaseId));
    const inProperty = await search(who.admin!, { propertyId: unit!.propertyId });
    expect(ids(inProperty)).toContain(amina.id);
    expect(inProperty.every((r) => r.propertyId === unit!.propertyId)).toBe(true);
  });

  it('keyset pages cover every row once, newest first', async () => {
    const all = await search(who.admin!, {}, 1_000);
    const seen: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<typeof searchPaymentsForCaller>> = await searchPaymentsForCaller(db.db, { caller: who.admin!, filters: {}, after, limit: 7 });
      seen.push(...ids(page.items));
      after = page.next;
    } while (after);
    expect(seen).toEqual(ids(all));
  });
});

describe('payments CSV', () => {
  it('has a header and one row per matching payment, streamed in batches', async () => {
    const rows = await csvOf(who.admin!, {});
    expect(rows[0]![1]).toBe('Amount (KES)');
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(ids(await search(who.admin!, {}, 1_000)));
    const one = await csvOf(who.admin!, { q: amina.mpesaReceiptNumber! });
    expect(one).toHaveLength(2);
    expect(one[1]).toEqual(expect.arrayContaining([amina.mpesaReceiptNumber!, (amina.amountCents / 100).toFixed(2), amina.id]));
  });

  it('respects authorisation: a landlord gets their own rows, another agency and tenants none of ours', async () => {
    const landlordRows = (await csvOf(who.landlord!, {})).slice(1).map((r) => r.at(-1));
    expect(landlordRows).toEqual(ids(await search(who.landlord!, {}, 1_000)));
    expect(landlordRows).toContain(amina.id);
    expect((await csvOf(who.landlord2!, {})).slice(1).map((r) => r.at(-1))).not.toContain(amina.id);
    expect((await csvOf(who.umoja!, {})).slice(1).map((r) => r.at(-1))).not.toContain(amina.id);
    expect(await csvOf(who.tenant!, {})).toHaveLength(1);
  });

  it('each download writes one audit row: who took it, with which filters, how many rows', async () => {
    const auditRows = () => db.db.select().from(auditLog).where(eq(auditLog.action, 'payments.csv_exported')).orderBy(asc(auditLog.createdAt));
    const before = (await auditRows()).length;
    const filters: PaymentFilters = { method: 'mpesa_paybill' };
    const text = await new Response(exportPaymentsCsv(db.db, { caller: who.landlord!, filters })).text();
    const dataRows = parseCsv(text).length - 1;
    expect(dataRows).toBeGreaterThan(0);
    const after = await auditRows();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actorId: who.landlord!.id, actorRole: 'landlord', agencyId: who.landlord!.agencyId, targetType: 'payments_export', details: { filters, rows: dataRows, completed: true } });

    // A download abandoned after its first batch is audited too, as incomplete.
    const reader = exportPaymentsCsv(db.db, { caller: who.admin!, filters: {} }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect((await auditRows()).at(-1)).toMatchObject({ actorId: who.admin!.id, details: { filters: {}, completed: false } });
  });
});
