import type { Sql } from 'postgres';

/**
 * Set-based SQL that grows a seeded database to `payments` payments over 50 agencies (the seeded demo agency plus
 * 49 generated ones), for the page bench. Everything is made inside Postgres with generate_series and joins, so a
 * million payments take minutes on two cores rather than hours of row-by-row inserts from Node.
 *
 * Shape, per agency: 5 landlords (the demo landlord is one of the demo agency's), properties of 20 units, one tenant
 * and one active lease per let unit, `months` monthly rent charges per lease and one payment each (STK 60 %, paybill
 * 35 %, cash 5 %; every tenth lease paid short for the last two months, so arrears exist). Each STK payment has its
 * SUCCESS push and callback, one in eight has a cancelled push before it, a few pushes need review; each paybill
 * payment has its C2B confirmation in the inbox; one callback in a thousand matched nothing; audit rows for cash
 * payments; payment allocations, oldest charge first as the ledger makes them. Receipts and C2B confirmation rows are
 * not generated: no list page reads them. lease_ledger_totals is filled by its triggers as the rows go in.
 */

export interface DatasetShape {
  payments: number;
  months?: number;
  agencies?: number;
  demoPaybill: string;
  demoLandlordEmail: string;
}

const UNITS_PER_PROPERTY = 20;
const LANDLORDS_PER_AGENCY = 5;
const FIRST = ['Amina', 'Brian', 'Cynthia', 'David', 'Esther', 'Faith', 'George', 'Halima', 'Ivy', 'James', 'Kevin', 'Lucy', 'Moses', 'Njeri', 'Otieno', 'Purity', 'Rose', 'Samuel', 'Tabitha', 'Wycliffe'];
const LAST = ['Wanjiru', 'Otieno', 'Njeri', 'Kiprotich', 'Akinyi', 'Mutua', 'Kamau', 'Hassan', 'Ochieng', 'Wambui', 'Mwangi', 'Chebet', 'Kariuki', 'Omondi', 'Achieng', 'Kibet', 'Nyambura', 'Maina', 'Were', 'Jeptoo'];

const int = (n: number, what: string) => {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a non-negative integer`);
  return n;
};
const textArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** The statements, in order; each is one set-based insert over the temp tables the earlier ones made. */
export function datasetStatements(shape: DatasetShape): { what: string; sql: string }[] {
  const months = int(shape.months ?? 24, 'months');
  const agencies = int(shape.agencies ?? 50, 'agencies');
  const leasesPerAgency = Math.max(1, Math.ceil(int(shape.payments, 'payments') / months / agencies));
  const propertiesPerAgency = Math.ceil(leasesPerAgency / UNITS_PER_PROPERTY);
  const demoPaybill = shape.demoPaybill.replace(/\D/g, '');
  const demoLandlord = shape.demoLandlordEmail.replace(/'/g, '');
  const start = `(date_trunc('month', now()) - interval '${months - 1} months')`;
  return [
    { what: 'agencies', sql: `insert into agencies (name, paybill_shortcode) select 'Bench Agency ' || lpad(g::text, 2, '0'), (800000 + g)::text from generate_series(1, ${agencies - 1}) g` },
    {
      what: 'agency index',
      sql: `create temp table ba as
        select 0 as idx, id from agencies where paybill_shortcode = '${demoPaybill}'
        union all select (paybill_shortcode::int - 800000), id from agencies where name like 'Bench Agency %'`,
    },
    {
      what: 'landlords',
      sql: `insert into users (agency_id, role, name, email, phone)
        select ba.id, 'landlord', 'Landlord ' || ba.idx || '-' || l, 'bench-landlord-' || ba.idx || '-' || l || '@bench.test', '25479' || lpad((ba.idx * 10 + l)::text, 7, '0')
        from ba, generate_series(1, ${LANDLORDS_PER_AGENCY}) l`,
    },
    {
      what: 'landlord index',
      sql: `create temp table bl as
        select ba.idx, l, case when ba.idx = 0 and l = 1 then (select id from users where email = '${demoLandlord}') else u.id end as id
        from ba cross join generate_series(1, ${LANDLORDS_PER_AGENCY}) l join users u on u.email = 'bench-landlord-' || ba.idx || '-' || l || '@bench.test'`,
    },
    {
      what: 'properties',
      sql: `insert into properties (agency_id, landlord_id, name, location, code)
        select ba.id, bl.id, (${textArray(LAST)})[1 + p % 20] || ' Court ' || p, (${textArray(['Kilimani', 'Westlands', 'Kasarani', 'Ruaka', 'Syokimau', 'Rongai'])})[1 + p % 6], 'B' || p
        from ba cross join generate_series(1, ${propertiesPerAgency}) p join bl on bl.idx = ba.idx and bl.l = 1 + p % ${LANDLORDS_PER_AGENCY}`,
    },
    {
      what: 'property index',
      sql: `create temp table bp as select pr.id, pr.agency_id, ba.idx, substr(pr.code, 2)::int as p, pr.code
        from properties pr join ba on ba.id = pr.agency_id where pr.code ~ '^B[0-9]+$'`,
    },
    {
      what: 'units',
      sql: `insert into units (agency_id, property_id, label, market_rent_cents, deposit_cents, status)
        select bp.agency_id, bp.id, 'U' || u, (8000 + ((bp.p * 7 + u * 13) % 40) * 1000) * 100, 0,
          case when (bp.p - 1) * ${UNITS_PER_PROPERTY} + u <= ${leasesPerAgency} then 'let' else 'vacant' end
        from bp, generate_series(1, ${UNITS_PER_PROPERTY}) u`,
    },
    {
      what: 'lease plan',
      sql: `create temp table bplan as
        select u.id as unit_id, bp.agency_id, bp.idx, (bp.p - 1) * ${UNITS_PER_PROPERTY} + substr(u.label, 2)::int as n, bp.code || '-' || u.label as ref,
          bp.code || u.label as key, u.market_rent_cents as rent
        from units u join bp on bp.id = u.property_id where u.status = 'let'`,
    },
    {
      what: 'tenants',
      sql: `insert into users (agency_id, role, name, email, phone)
        select agency_id, 'tenant', (${textArray(FIRST)})[1 + n % 20] || ' ' || (${textArray(LAST)})[1 + (n / 20 + idx) % 20],
          'bench-tenant-' || idx || '-' || n || '@bench.test', '2547' || lpad((10000000 + idx * 10000 + n)::text, 8, '0')
        from bplan`,
    },
    {
      what: 'leases',
      sql: `insert into leases (agency_id, unit_id, tenant_id, monthly_rent_cents, deposit_cents, due_day, billing_day, start_date, status, account_reference, account_key, activated_at, created_at)
        select b.agency_id, b.unit_id, u.id, b.rent, 0, 5, 1, ${start}::date, 'active', b.ref, b.key, ${start}, ${start}
        from bplan b join users u on u.email = 'bench-tenant-' || b.idx || '-' || b.n || '@bench.test'`,
    },
    {
      what: 'lease index',
      sql: `create temp table blease as select l.id, l.agency_id, b.idx, b.n, b.rent, b.ref, l.tenant_id, t.phone, (b.n % 10 = 0) as short
        from leases l join bplan b on b.unit_id = l.unit_id and l.status = 'active' join users t on t.id = l.tenant_id`,
    },
    {
      what: 'rent charges',
      sql: `insert into charges (agency_id, lease_id, kind, period, description, amount_cents, due_date, created_at)
        select l.agency_id, l.id, 'rent', to_char(${start} + k * interval '1 month', 'YYYY-MM'), 'Rent ' || to_char(${start} + k * interval '1 month', 'Mon YYYY'),
          l.rent, (${start} + k * interval '1 month' + interval '4 days')::date, ${start} + k * interval '1 month'
        from blease l, generate_series(0, ${months - 1}) k`,
    },
    {
      what: 'payment plan',
      sql: `create temp table bpay as
        select l.id as lease_id, l.agency_id, l.tenant_id, l.phone, l.ref, l.idx, l.n, k,
          case when l.short and k >= ${months - 2} then l.rent * 6 / 10 else l.rent end as amount,
          ${start} + k * interval '1 month' + ((l.n % 6) || ' days')::interval + ((l.n * 7 + k) % 600 || ' minutes')::interval + interval '6 hours' as paid_at,
          case when (l.n * 31 + k * 17) % 20 < 12 then 'mpesa_stk' when (l.n * 31 + k * 17) % 20 < 19 then 'mpesa_paybill' else 'cash' end::payment_method as method,
          'QB' || upper(lpad(to_hex((l.idx * 100000 + l.n) * ${months} + k), 8, '0')) as receipt,
          'ws_CO_bench_' || l.idx || '_' || l.n || '_' || k as checkout
        from blease l, generate_series(0, ${months - 1}) k`,
    },
    {
      what: 'cancelled pushes',
      sql: `insert into mpesa_transactions (agency_id, lease_id, initiated_by, shortcode, phone, amount_cents, account_reference, merchant_request_id, checkout_request_id,
          status, sent_at, result_code, result_description, callback_received_at, completed_at, created_at, updated_at)
        select agency_id, lease_id, tenant_id, '174379', phone, amount, ref, 'mr_' || checkout || 'x', checkout || 'x', 'CANCELLED', paid_at - interval '5 minutes',
          '1032', 'Request cancelled by user', paid_at - interval '4 minutes', paid_at - interval '4 minutes', paid_at - interval '5 minutes', paid_at - interval '4 minutes'
        from bpay where method = 'mpesa_stk' and (n + k) % 8 = 0`,
    },
    {
      what: 'successful pushes',
      sql: `insert into mpesa_transactions (agency_id, lease_id, initiated_by, shortcode, phone, amount_cents, account_reference, merchant_request_id, checkout_request_id,
          status, sent_at, mpesa_receipt_number, claimed_receipt, result_code, result_description, needs_review, review_reason, callback_received_at, transaction_date,
          completed_at, created_at, updated_at)
        select agency_id, lease_id, tenant_id, '174379', phone, amount, ref, 'mr_' || checkout, checkout, 'SUCCESS', paid_at - interval '1 minute', receipt, receipt,
          '0', 'The service request is processed successfully.', (n * 3 + k) % 2000 = 0, case when (n * 3 + k) % 2000 = 0 then 'Callback amount differs from the request' end,
          paid_at, paid_at, paid_at, paid_at - interval '1 minute', paid_at
        from bpay where method = 'mpesa_stk'`,
    },
    {
      what: 'payments',
      sql: `insert into payments (agency_id, lease_id, amount_cents, method, mpesa_receipt_number, mpesa_transaction_id, payer_phone, reference, paid_at, created_at)
        select p.agency_id, p.lease_id, p.amount, p.method, case when p.method = 'cash' then null else p.receipt end, t.id,
          case when p.method = 'cash' then null else p.phone end, case when p.method = 'cash' then 'CASH-' || p.receipt end, p.paid_at, p.paid_at
        from bpay p left join mpesa_transactions t on p.method = 'mpesa_stk' and t.checkout_request_id = p.checkout`,
    },
    {
      what: 'STK callbacks',
      sql: `insert into callback_inbox (kind, path, headers, source_address, body, correlation_id, received_at, processed_at, outcome, agency_id, attempts, next_attempt_at)
        select 'stk', '/api/v1/mpesa/callback/secret', '{}'::jsonb, '196.201.214.200',
          json_build_object('Body', json_build_object('stkCallback', json_build_object('MerchantRequestID', t.merchant_request_id, 'CheckoutRequestID', t.checkout_request_id,
            'ResultCode', t.result_code::int, 'ResultDesc', t.result_description, 'CallbackMetadata', case when t.status = 'SUCCESS' then json_build_object('Item', json_build_array(
              json_build_object('Name', 'Amount', 'Value', t.amount_cents / 100), json_build_object('Name', 'MpesaReceiptNumber', 'Value', t.mpesa_receipt_number),
              json_build_object('Name', 'TransactionDate', 'Value', to_char(t.completed_at at time zone 'Africa/Nairobi', 'YYYYMMDDHH24MISS')::bigint),
              json_build_object('Name', 'PhoneNumber', 'Value', t.phone::bigint))) end)))::text,
          t.checkout_request_id, t.callback_received_at, t.callback_received_at, 'applied', t.agency_id, 1, t.callback_received_at
        from mpesa_transactions t where t.checkout_request_id like 'ws_CO_bench_%'`,
    },
    {
      what: 'paybill callbacks',
      sql: `insert into callback_inbox (kind, path, headers, source_address, body, correlation_id, received_at, processed_at, outcome, agency_id, attempts, next_attempt_at)
        select 'c2b-confirmation', '/api/v1/mpesa/c2b/confirmation/secret', '{}'::jsonb, '196.201.214.200',
          json_build_object('TransactionType', 'Pay Bill', 'TransID', p.receipt, 'TransTime', to_char(p.paid_at at time zone 'Africa/Nairobi', 'YYYYMMDDHH24MISS'),
            'TransAmount', (p.amount / 100)::text, 'BusinessShortCode', a.paybill_shortcode, 'BillRefNumber', p.ref, 'InvoiceNumber', '', 'OrgAccountBalance', '',
            'ThirdPartyTransID', '', 'MSISDN', p.phone, 'FirstName', 'Bench')::text,
          p.receipt, p.paid_at, p.paid_at, case when (p.n + p.k) % 1000 = 7 then 'unmatched' else 'applied' end,
          case when (p.n + p.k) % 1000 = 7 then null else p.agency_id end, 1, p.paid_at
        from bpay p join agencies a on a.id = p.agency_id where p.method = 'mpesa_paybill'`,
    },
    {
      what: 'audit rows',
      sql: `insert into audit_log (agency_id, actor_id, actor_role, action, target_type, target_id, details, created_at)
        select p.agency_id, (select u.id from users u where u.agency_id = p.agency_id and u.role = 'landlord' order by u.email limit 1), 'landlord', 'payment.recorded',
          'payment', pay.id::text, json_build_object('amountCents', p.amount, 'method', 'cash')::jsonb, p.paid_at
        from bpay p join payments pay on pay.reference = 'CASH-' || p.receipt where p.method = 'cash'`,
    },
    {
      // Oldest-first, as lib/ledger allocates: each payment's stretch of the lease's running total paid, laid over the
      // charges' stretches of its running total charged. A payment never exceeds a month's rent here, so payment k
      // can only meet charges k-1..k+1. The dashboard's arrears ageing reads these.
      what: 'payment allocations',
      sql: `insert into payment_allocations (lease_id, payment_id, charge_id, amount_cents)
        select p.lease_id, p.id, c.id, least(p.hi, c.hi) - greatest(p.lo, c.lo)
        from (select id, lease_id, sum(amount_cents) over w - amount_cents as lo, sum(amount_cents) over w as hi, row_number() over w as k
              from payments where lease_id in (select id from blease) window w as (partition by lease_id order by paid_at, created_at, id)) p
        join (select id, lease_id, sum(amount_cents) over w - amount_cents as lo, sum(amount_cents) over w as hi, row_number() over w as k
              from charges where lease_id in (select id from blease) window w as (partition by lease_id order by due_date, created_at, id)) c
          on c.lease_id = p.lease_id and c.k between p.k - 1 and p.k + 1
        where least(p.hi, c.hi) > greatest(p.lo, c.lo)`,
    },
    { what: 'drop temp tables', sql: 'drop table ba, bl, bp, bplan, blease, bpay' },
  ];
}

/** Runs the statements on one connection (the temp tables live in its session), printing each step's time. */
export async function generateDataset(sql: Sql, shape: DatasetShape, log: (line: string) => void = console.log): Promise<void> {
  for (const step of datasetStatements(shape)) {
    const started = performance.now();
    const result = await sql.unsafe(step.sql);
    log(`  ${step.what}: ${result.count ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // Vacuum too, as autovacuum would have by now: index-only scans need the visibility map.
  await sql.unsafe('vacuum analyze');
}
