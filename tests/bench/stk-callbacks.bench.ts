import { sql } from 'drizzle-orm';
import { insertInboxRow } from '@/db/queries/callback-inbox';
import { getPushByCheckoutId, insertPendingPush, updatePush } from '@/db/queries/mpesa-transactions';
import { seedDemoData } from '@/db/seed';
import { processInboxRow } from '@/lib/payments/process-inbox';
import { subscribeStkStatus } from '@/lib/payments/stk/stk-events';
import { createTestDatabase } from '../support/test-database';

/**
 * STK callback ingestion against PostgreSQL: each callback is stored raw in the inbox and applied in one
 * transaction (row lock, payment, allocation, NOTIFY) — the work the callback route does. Every push gets its
 * success callback plus two duplicate copies, all concurrently. Also measures callback → NOTIFY at the event hub
 * (what feeds a tenant's open SSE stream).
 */

const LEASES = Number(process.env.BENCH_LEASES ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const COPIES = 3;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function callbackBody(checkoutRequestId: string, amountKes: number, phone: string, receipt: string) {
  return JSON.stringify({
    Body: { stkCallback: { MerchantRequestID: `m-${checkoutRequestId}`, CheckoutRequestID: checkoutRequestId, ResultCode: 0, ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: { Item: [{ Name: 'Amount', Value: amountKes }, { Name: 'MpesaReceiptNumber', Value: receipt }, { Name: 'Balance' }, { Name: 'TransactionDate', Value: 20261121120000 }, { Name: 'PhoneNumber', Value: Number(phone) }] } } },
  });
}

async function main() {
  const handle = await createTestDatabase({ prefix: 'haven_bench' });
  const { db } = handle;
  try {
    await seedDemoData(db);
    // Many leases on one unit: enough independent leases to apply callbacks concurrently.
    const rows = await db.execute<{ id: string; agency_id: string; tenant_id: string }>(sql`
      insert into leases (agency_id, unit_id, tenant_id, monthly_rent_cents, deposit_cents, due_day, start_date, account_reference)
      select l.agency_id, l.unit_id, l.tenant_id, 1000000, 0, 1, current_date, 'BENCH' || g
      from (select * from leases limit 1) l, generate_series(1, ${LEASES}) g
      returning id, agency_id, tenant_id`);
    const leases = rows as unknown as { id: string; agency_id: string; tenant_id: string }[];

    const ingest: number[] = [];
    const toHub: number[] = [];
    let applied = 0;
    let duplicates = 0;
    const started = Date.now();
    let seq = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const pushes = await Promise.all(leases.map(async (lease) => {
        seq += 1;
        const n = seq;
        const push = (await insertPendingPush(db, { agencyId: lease.agency_id, leaseId: lease.id, initiatedBy: lease.tenant_id, shortcode: '174379', phone: '254712345678', amountCents: 10_000, accountReference: 'BENCH' }))!;
        const checkoutRequestId = `ws_CO_bench_${round}_${n}`;
        await updatePush(db, { id: push.id, set: { checkoutRequestId } });
        return { checkoutRequestId, receipt: `B${String(n).padStart(9, '0')}` };
      }));
      await Promise.all(pushes.flatMap(({ checkoutRequestId, receipt }) => {
        let notified: Promise<number> | null = null;
        const copies = Array.from({ length: COPIES }, async (_, copy) => {
          const t0 = performance.now();
          if (copy === 0) {
            notified = new Promise<number>((resolve) => {
              void subscribeStkStatus({ checkoutRequestId }, () => resolve(performance.now()), handle).then((off) => notified?.then(off));
            });
          }
          const row = await insertInboxRow(db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '127.0.0.1', body: callbackBody(checkoutRequestId, 100, '254712345678', receipt) });
          await processInboxRow(db, row);
          const t1 = performance.now();
          ingest.push(t1 - t0);
          if (copy === 0 && notified) toHub.push((await notified) - t0);
        });
        return copies;
      }));
      for (const { checkoutRequestId } of pushes) {
        const push = await getPushByCheckoutId(db, { checkoutRequestId });
        if (push?.status === 'SUCCESS') applied += 1;
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const [counts] = (await db.execute<{ payments: number; dup: number }>(sql`
      select (select count(*)::int from payments where mpesa_receipt_number like 'B%') as payments,
             (select count(*)::int from callback_inbox where outcome = 'duplicate') as dup`)) as unknown as { payments: number; dup: number }[];
    duplicates = counts?.dup ?? 0;
    const total = ingest.length;
    console.log(`callbacks: ${total} (${LEASES * ROUNDS} pushes × ${COPIES} copies, ${LEASES} concurrent pushes per round)`);
    console.log(`credited pushes: ${applied}; payments: ${counts?.payments}; duplicates ignored: ${duplicates}`);
    console.log(`ingestion throughput: ${(total / seconds).toFixed(0)} callbacks/s over ${seconds.toFixed(1)} s (includes creating the pushes)`);
    console.log(`store+apply latency per callback: p50 ${pct(ingest, 50).toFixed(1)} ms, p99 ${pct(ingest, 99).toFixed(1)} ms`);
    console.log(`callback received → NOTIFY at the SSE hub: p50 ${pct(toHub, 50).toFixed(1)} ms, p99 ${pct(toHub, 99).toFixed(1)} ms (n=${toHub.length})`);
  } finally {
    await handle.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
