import { sql } from 'drizzle-orm';
import { initiateStkPush } from '@/lib/payments/stk/initiate-stk-push';
import { createMpesaWorld, eventually } from '../support/mpesa-world';

/**
 * STK payments end to end against the real sandbox and PostgreSQL, with verification: each success callback is
 * confirmed by the STK query before the push is credited (what the tenant sees), and its receipt is attached once
 * Transaction Status proves it. Prints, from the database's own timestamps:
 * - callback stored → push SUCCESS (the tenant's screen turns green): the latency verification adds;
 * - callback stored → receipt proven and attached.
 */

const PUSHES = Number(process.env.BENCH_PUSHES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const world = await createMpesaWorld({ prefix: 'haven_bench_stk', sandboxEnv: { SANDBOX_AUTO_APPROVE_DELAY_MS: '50', SANDBOX_RESULT_DELAY_MS: '50' } });
  const db = world.db.db;
  try {
    // One lease and one phone per concurrent push: M-Pesa locks a phone with an open prompt.
    const tenant = world.callers.amina!;
    const created = (await db.execute<{ id: string }>(sql`
      insert into leases (agency_id, unit_id, tenant_id, monthly_rent_cents, deposit_cents, due_day, start_date, account_reference, account_key)
      select l.agency_id, l.unit_id, l.tenant_id, 1000000, 0, 1, current_date, 'BENCH' || g, 'BENCH' || g
      from (select * from leases where tenant_id = ${tenant.id} limit 1) l, generate_series(1, ${CONCURRENCY}) g
      returning id`)) as unknown as { id: string }[];
    const phones = created.map((_, i) => `2547990${String(10000 + i).slice(-5)}`);
    for (const phone of phones) await world.sandbox.control.setSubscriber(phone, { name: 'Bench Tenant', balance: 10_000_000, behaviour: 'auto-approve' });

    const started = Date.now();
    let next = 0;
    await Promise.all(
      created.map(async (lease, slot) => {
        while (next < PUSHES) {
          next += 1;
          const { push } = await initiateStkPush(db, { caller: tenant, leaseId: lease.id, phoneNumber: phones[slot]!, amountCents: 10_000 + next * 100, mpesa: world.mpesa });
          await eventually(
            async () => (await db.execute<{ done: boolean }>(sql`select (status = 'SUCCESS' and mpesa_receipt_number is not null) as done from mpesa_transactions where id = ${push.id}`)) as unknown as { done: boolean }[],
            (rows) => rows[0]?.done === true,
            { timeoutMs: 60_000, what: `push ${push.id} paid with its receipt` },
          );
        }
      }),
    );
    await world.receiver.settle();
    const seconds = (Date.now() - started) / 1000;
    const rows = (await db.execute<{ success_ms: number; receipt_ms: number }>(sql`
      select extract(epoch from (t.completed_at - i.received_at)) * 1000 as success_ms,
             extract(epoch from (rc.resolved_at - i.received_at)) * 1000 as receipt_ms
      from mpesa_transactions t
      join callback_inbox i on i.kind = 'stk' and i.correlation_id = t.checkout_request_id
      join mpesa_receipt_checks rc on rc.receipt = t.mpesa_receipt_number
      where t.account_reference like 'BENCH%'`)) as unknown as { success_ms: number; receipt_ms: number }[];
    const success = rows.map((r) => Number(r.success_ms));
    const receipt = rows.map((r) => Number(r.receipt_ms));
    const [counts] = (await db.execute<{ payments: number; pushes: number }>(sql`
      select (select count(*)::int from payments p join leases l on l.id = p.lease_id where l.account_reference like 'BENCH%') as payments,
             (select count(*)::int from mpesa_transactions where account_reference like 'BENCH%' and status = 'SUCCESS') as pushes`)) as unknown as { payments: number; pushes: number }[];
    console.log(`STK payments: ${PUSHES} (${CONCURRENCY} at a time) in ${seconds.toFixed(1)} s; successful pushes ${counts?.pushes}, payments ${counts?.payments}`);
    console.log(`callback stored → tenant sees success (STK query verified): p50 ${pct(success, 50).toFixed(0)} ms, p95 ${pct(success, 95).toFixed(0)} ms, p99 ${pct(success, 99).toFixed(0)} ms (n=${success.length}; goal p95 ≤ 2000 ms)`);
    console.log(`callback stored → receipt proven by Transaction Status: p50 ${pct(receipt, 50).toFixed(0)} ms, p95 ${pct(receipt, 95).toFixed(0)} ms (n=${receipt.length})`);
  } finally {
    await world.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
