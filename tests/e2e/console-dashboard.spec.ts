import { expect, test, type Locator, type Page } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Issue 12, "Done when": search finds a payment by a phone typed as 0712 345 678 and by its amount; the dashboard's
 * figures equal the books, computed here with SQL of the test's own (Nairobi days by Postgres's time zone rules,
 * not the app's code); and the low-balance alert appears once the agency's threshold is above the sandbox balance.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
test.afterAll(() => control.clearScenarios());

const AGENCY = "(select agency_id from users where email = 'admin@example.com')";
const NAIROBI_NOW = "(now() at time zone 'Africa/Nairobi')";
const local = (column: string) => `(${column} at time zone 'Africa/Nairobi')`;

const cents = async (locator: Locator) => Number(await locator.getAttribute('data-cents'));
const one = async (query: string, params: (string | number | null)[] = []) => Number(Object.values((await queryE2eDb<Record<string, string>>(query, params))[0]!)[0] ?? 0);

test('search finds a payment by a phone typed as 0712 345 678, and by its amount', async ({ page }) => {
  // Amina's newest payment from her phone: the results are newest first, so it is on the first page.
  const [payment] = await queryE2eDb<{ id: string; amount_cents: string; day: string }>(
    `select p.id, p.amount_cents::text, to_char(${local('p.paid_at')}, 'YYYY-MM-DD') as day from payments p
     where p.payer_phone = '254712345678' and p.agency_id = ${AGENCY} order by p.paid_at desc, p.id desc limit 1`,
  );
  await signIn(page, 'admin@example.com');
  await page.goto('/payments');
  await page.getByLabel('Search', { exact: true }).fill('0712 345 678');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('payment-result');
  await expect(results.first()).toHaveAttribute('data-payment-id', payment!.id);

  // By amount, typed as a person would (with a thousands comma), on the day it was paid.
  const kes = (Number(payment!.amount_cents) / 100).toLocaleString('en-KE');
  await page.goto('/payments');
  await page.getByLabel('Search', { exact: true }).fill(kes);
  await page.getByLabel('From').fill(payment!.day);
  await page.getByLabel('To').fill(payment!.day);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator(`[data-testid="payment-result"][data-payment-id="${payment!.id}"]`)).toHaveCount(1);
});

/** Collected (completed payments) in the Nairobi day, ISO week or month of now, for the leases in `leaseIds`. */
async function collected(span: 'day' | 'week' | 'month', leaseIds: string) {
  return one(
    `select coalesce(sum(amount_cents), 0)::text from payments where status = 'completed' and lease_id in (${leaseIds})
     and date_trunc('${span}', ${local('paid_at')}) = date_trunc('${span}', ${NAIROBI_NOW})`,
  );
}

async function expectDashboardEqualsBooks(page: Page, leaseIds: string, unitScope: string) {
  const dash = page.getByTestId('dashboard');
  await expect(dash).toBeVisible();
  expect(await collected('day', leaseIds), 'money came in today').toBeGreaterThan(0);
  expect(await cents(dash.getByTestId('collected-today')), 'today').toBe(await collected('day', leaseIds));
  expect(await cents(dash.getByTestId('collected-this-week')), 'this week').toBe(await collected('week', leaseIds));
  expect(await cents(dash.getByTestId('collected-this-month')), 'this month').toBe(await collected('month', leaseIds));

  const due = await one(
    `select coalesce(sum(c.amount_cents - coalesce((select sum(n.amount_cents) from credit_notes n where n.charge_id = c.id), 0)), 0)::text
     from charges c where c.lease_id in (${leaseIds}) and date_trunc('month', c.due_date) = date_trunc('month', ${NAIROBI_NOW})`,
  );
  expect(await cents(dash.getByTestId('collected-this-month-due')), 'due this month').toBe(due);

  // Each route's figure for the month.
  const routes = await queryE2eDb<{ method: string; cents: string }>(
    `select method::text, sum(amount_cents)::text as cents from payments where status = 'completed' and lease_id in (${leaseIds})
     and date_trunc('month', ${local('paid_at')}) = date_trunc('month', ${NAIROBI_NOW}) group by method`,
  );
  for (const r of routes) expect(await cents(dash.locator(`[data-route="${r.method}"] td`).nth(2)), r.method).toBe(Number(r.cents));
  await expect(dash.locator('[data-route]')).toHaveCount(
    await one(
      `select count(distinct method)::text from payments where status = 'completed' and lease_id in (${leaseIds})
       and ${local('paid_at')} >= least(date_trunc('week', ${NAIROBI_NOW}), date_trunc('month', ${NAIROBI_NOW}))
       and ${local('paid_at')} < greatest(date_trunc('week', ${NAIROBI_NOW}) + interval '7 days', date_trunc('month', ${NAIROBI_NOW}) + interval '1 month')`,
    ),
  );

  // Arrears by age: what each charge due by today still carries, by days since it fell due.
  const bands = await queryE2eDb<{ band: string; cents: string }>(
    `select case when age <= 30 then '0-30' when age <= 60 then '31-60' when age <= 90 then '61-90' else '90+' end as band, sum(owed)::text as cents
     from (select (${NAIROBI_NOW}::date - c.due_date) as age,
             c.amount_cents - coalesce((select sum(amount_cents) from credit_notes n where n.charge_id = c.id), 0)
               - coalesce((select sum(amount_cents) from payment_allocations a where a.charge_id = c.id), 0) as owed
           from charges c where c.lease_id in (${leaseIds}) and c.due_date <= ${NAIROBI_NOW}::date) x
     where owed > 0 group by 1`,
  );
  for (const band of ['0-30', '31-60', '61-90', '90+']) {
    const expected = Number(bands.find((b) => b.band === band)?.cents ?? 0);
    expect(await cents(dash.locator(`[data-band="${band}"] td[data-cents]`)), `arrears ${band}`).toBe(expected);
  }

  const units = await one(`select count(*)::text from units u join properties p on p.id = u.property_id where ${unitScope}`);
  const occupied = await one(
    `select count(*)::text from units u join properties p on p.id = u.property_id where ${unitScope}
     and exists (select 1 from leases l where l.unit_id = u.id and l.status in ('active', 'notice'))`,
  );
  await expect(dash.getByTestId('occupancy')).toHaveText(units === 0 ? '—' : `${Math.round((occupied / units) * 100)}%`);

  // STK prompts started this month: successes among those that ended.
  const stk = await queryE2eDb<{ ok: string; ended: string }>(
    `select count(*) filter (where status = 'SUCCESS')::text as ok, count(*) filter (where status <> 'PENDING')::text as ended from mpesa_transactions
     where lease_id in (${leaseIds}) and date_trunc('month', ${local('created_at')}) = date_trunc('month', ${NAIROBI_NOW})`,
  );
  const ended = Number(stk[0]!.ended);
  expect(ended, 'prompts ended this month').toBeGreaterThan(0);
  await expect(dash.getByTestId('stk-success-rate')).toHaveText(`${Math.round((Number(stk[0]!.ok) / ended) * 1000) / 10}%`);
  const cancelled = await one(
    `select count(*)::text from mpesa_transactions where lease_id in (${leaseIds}) and result_code in ('1031', '1032')
     and date_trunc('month', ${local('created_at')}) = date_trunc('month', ${NAIROBI_NOW})`,
  );
  await expect(dash.locator('[data-reason="cancelled"] td')).toHaveAttribute('data-count', String(cancelled));
  await expect(dash.getByTestId('chart-12-months').locator('table tbody tr')).toHaveCount(12);
}

/** A tenant's STK push through the app, to its end (the sandbox answers with `resultCode` when given). */
async function push(page: Page, { lease, kes, resultCode }: { lease: string; kes: number; resultCode?: string }) {
  if (resultCode) await control.addScenario({ match: { api: 'stk', phone: '254712345678' }, resultCode, delayMs: 300 });
  const res = await page.request.post('/api/v1/mpesa/stk-push', { data: { leaseId: lease, amount: kes, phoneNumber: '0712 345 678' } });
  expect(res.ok()).toBe(true);
  await expect
    .poll(async () => (await queryE2eDb<{ status: string }>('select status::text from mpesa_transactions where lease_id = $1 order by created_at desc limit 1', [lease]))[0]?.status, { timeout: 30_000 })
    .toBe(resultCode ? 'CANCELLED' : 'SUCCESS');
  await control.clearScenarios();
}

test('the admin’s and a landlord’s dashboards equal the books', async ({ page, browser }) => {
  // Money today (and a cancelled prompt), so today's, the week's and the month's figures and the failure reasons
  // are not all zero: Amina cancels one prompt and pays another.
  await resetStkThrottle('tenant@example.com');
  const lease = await getLeaseIdByTenantEmail('tenant@example.com');
  const tenant = await (await browser.newContext()).newPage();
  await signIn(tenant, 'tenant@example.com');
  await push(tenant, { lease, kes: 1_032, resultCode: '1032' });
  await push(tenant, { lease, kes: 555 });
  await expect.poll(() => one("select count(*)::text from payments p join mpesa_transactions t on t.id = p.mpesa_transaction_id where t.lease_id = $1 and p.amount_cents = 55500", [lease])).toBeGreaterThan(0);
  await tenant.context().close();

  await signIn(page, 'admin@example.com');
  await page.goto('/admin');
  await expectDashboardEqualsBooks(page, `select id from leases where agency_id = ${AGENCY}`, `p.agency_id = ${AGENCY}`);
  // The charts are drawn (recharts renders in the browser) on a 360 px phone too, without sideways scrolling.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await signIn(phone, 'admin@example.com');
  await phone.goto('/admin');
  for (const chart of ['chart-12-months', 'chart-daily']) await expect(phone.getByTestId(chart).locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  const tooWide = () =>
    phone.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => !e.closest('.sr-only') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
  await expect.poll(tooWide).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await phone.context().close();

  const landlord = await (await browser.newContext()).newPage();
  await signIn(landlord, 'landlord@example.com');
  await landlord.goto('/landlord');
  const own = "(select id from users where email = 'landlord@example.com')";
  await expectDashboardEqualsBooks(
    landlord,
    `select l.id from leases l join units u on u.id = l.unit_id join properties p on p.id = u.property_id where p.landlord_id = ${own}`,
    `p.landlord_id = ${own}`,
  );
  await landlord.context().close();
});

test('a low-balance threshold above the sandbox balance shows the alert on the dashboard and warns on the payout form', async ({ page }) => {
  const before = await one(`select low_balance_threshold_cents::text from agencies where id = ${AGENCY}`);
  await signIn(page, 'admin@example.com');
  try {
    await page.goto('/admin/settings');
    await page.getByLabel(/Warn when the paybill’s Utility balance is below/).fill('900000000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => one(`select low_balance_threshold_cents::text from agencies where id = ${AGENCY}`)).toBe(900_000_000_00);

    await page.goto('/admin');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const widget = page.getByTestId('account-balance');
    await expect(widget).toHaveAttribute('data-checking', 'false', { timeout: 30_000 });
    await expect(widget.getByTestId('balance-threshold')).toHaveText('Low-balance threshold: KES 900,000,000');
    await expect(widget.getByTestId('low-balance-alert')).toContainText('The paybill balance is low');

    // The payout form warns before a payout that leaves the Utility account below the threshold.
    await page.goto('/payouts/new');
    await page.getByLabel('Amount (KES)').fill('10');
    await expect(page.getByTestId('low-balance-warning')).toContainText('below its low-balance threshold');
  } finally {
    await queryE2eDb(`update agencies set low_balance_threshold_cents = $1 where id = ${AGENCY}`, [before]);
  }
  // Back under the threshold, neither shows.
  await page.goto('/admin');
  await expect(page.getByTestId('balance-available')).toBeVisible();
  await expect(page.getByTestId('low-balance-alert')).toHaveCount(0);
  await page.goto('/payouts/new');
  await page.getByLabel('Amount (KES)').fill('10');
  await expect(page.getByRole('button', { name: 'Send KES 10' })).toBeVisible();
  await expect(page.getByTestId('low-balance-warning')).toHaveCount(0);
});
