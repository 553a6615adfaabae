import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { E2E_DATABASE_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { parseCsv } from '../support/parse-csv';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Issue 12, the admin console against the built app: each waiting request listed once, withdraw and reject with a
 * reason the requester sees, the audit view showing an approval, the M-Pesa log's money outcome, payment search
 * and CSV, and the landlord and admin pages at 360 px without anything cut off.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
const sql = postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });

test.afterAll(async () => {
  await control.clearScenarios();
  await sql.end({ timeout: 5 });
});

async function leaseOf(email: string) {
  const [row] = await sql<{ id: string }[]>`select l.id from leases l join users u on u.id = l.tenant_id where u.email = ${email}`;
  return row!.id;
}
const payoutByRemarks = async (remarks: string) => (await sql<{ id: string; status: string }[]>`select id, status from mpesa_b2c_transactions where remarks = ${remarks}`)[0]!;

/** A landlord asks for a small deposit refund and asks an admin to approve it first. */
async function askRefund(page: Page, leaseId: string, remarks: string) {
  await page.goto(`/leases/${leaseId}/refund`);
  await page.getByLabel('Amount (KES)').fill('100');
  await page.getByLabel('Remarks').fill(remarks);
  await page.getByLabel('Ask an admin to approve before sending').check();
  await page.getByRole('button', { name: /^Send/ }).click();
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'AWAITING_APPROVAL');
}

test('a landlord withdraws a request, asks again, an admin rejects it with a reason the landlord sees; each waiting item is listed once', async ({ page, browser }) => {
  const lease = await leaseOf('cynthia@example.com');
  await signIn(page, 'landlord@example.com');
  // The form can be left without sending anything.
  await page.goto(`/leases/${lease}/refund`);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/leases/${lease}$`));

  await askRefund(page, lease, 'Console withdraw e2e');
  await page.getByRole('button', { name: /Withdraw payout/ }).click();
  await expect(page.getByTestId('payout-status')).toContainText('Withdrawn');
  const withdrawn = await payoutByRemarks('Console withdraw e2e');
  expect(withdrawn.status).toBe('REJECTED');
  expect((await sql`select action from audit_log where target_id = ${withdrawn.id}`).map((a) => a.action)).toContain('payout.withdrawn');

  await askRefund(page, lease, 'Console reject e2e');
  const asked = await payoutByRemarks('Console reject e2e');

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@example.com');
  await admin.goto('/payouts');
  // Once on the page (under "Waiting for approval"), with one set of buttons.
  await expect(admin.locator(`[data-payout-id="${asked.id}"]`)).toHaveCount(1);
  await expect(admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${asked.id}"]`)).toHaveCount(1);
  const waitingIds = await admin.locator('[data-testid="payout-item"], [data-testid="reversal-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-payout-id') ?? e.getAttribute('data-reversal-id')));
  expect(new Set(waitingIds).size).toBe(waitingIds.length);
  // The withdrawn one reads Withdrawn, once, in the history.
  await expect(admin.locator(`[data-payout-id="${withdrawn.id}"]`)).toHaveCount(1);
  await expect(admin.locator(`[data-payout-id="${withdrawn.id}"]`)).toContainText('Withdrawn');

  const item = admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${asked.id}"]`);
  await item.getByRole('button', { name: /^Reject/ }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reject request' }).click();
  await expect(dialog.getByText('Say why it is rejected')).toBeVisible();
  await dialog.getByLabel('Reason for rejecting').fill('Deposit already refunded in cash');
  await dialog.getByRole('button', { name: 'Reject request' }).click();
  await expect(admin.locator(`[data-payout-id="${asked.id}"]`)).toHaveAttribute('data-status', 'REJECTED');
  await admin.close();

  await page.goto('/payouts');
  await expect(page.locator(`[data-payout-id="${asked.id}"] [data-testid="rejection-reason"]`)).toContainText('Deposit already refunded in cash');
});

test('an approval shows in the audit view, with who approved and a link to the request', async ({ page, browser }) => {
  const lease = await leaseOf('cynthia@example.com');
  await signIn(page, 'landlord@example.com');
  await askRefund(page, lease, 'Console approve e2e');
  const asked = await payoutByRemarks('Console approve e2e');

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@example.com');
  await admin.goto('/payouts');
  await admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${asked.id}"]`).getByRole('button', { name: /Approve/ }).click();
  await expect.poll(async () => (await payoutByRemarks('Console approve e2e')).status, { timeout: 60_000 }).toBe('SUCCESS');

  await admin.goto('/admin/audit');
  await admin.getByLabel('Action').selectOption('payout.approved');
  await admin.getByRole('button', { name: 'Filter' }).click();
  const entry = admin.locator(`[data-testid="audit-entry"][data-target-id="${asked.id}"]`);
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('payout.approved by Wanjiku Kariuki');
  await expect(admin.locator('[data-testid="audit-entry"]:not([data-action="payout.approved"])')).toHaveCount(0);
  await admin.close();
});

test('the M-Pesa log shows a cancelled payment as failed, never with the green of a success', async ({ page, browser }) => {
  const lease = await leaseOf('tenant2@example.com');
  await control.addScenario({ match: { api: 'stk', phone: '254722123456' }, resultCode: '1032', delayMs: 300 });
  await signIn(page, 'tenant2@example.com');
  const res = await page.request.post('/api/v1/mpesa/stk-push', { data: { leaseId: lease, amount: 1_032, phoneNumber: '0722 123 456' } });
  expect(res.ok()).toBe(true);
  await expect.poll(async () => (await sql`select status from mpesa_transactions where lease_id = ${lease} order by created_at desc limit 1`)[0]?.status, { timeout: 30_000 }).toBe('CANCELLED');
  await expect.poll(async () => (await sql`select count(*)::int as n from callback_inbox where kind = 'stk' and outcome = 'applied' and body like '%"ResultCode":1032%'`)[0]!.n, { timeout: 30_000 }).toBeGreaterThan(0);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@example.com');
  await admin.goto('/admin/mpesa');
  const failed = admin.locator('[data-testid="callback-row"][data-money="failure"][data-outcome="applied"]').first();
  await expect(failed).toContainText('Applied · failed');
  const badgeClass = (await failed.locator('summary span.rounded-full').getAttribute('class')) ?? '';
  expect(badgeClass).toContain('bg-red-50');
  expect(badgeClass).not.toContain('bg-brand-50');
  // Successes still read as such.
  await expect(admin.locator('[data-testid="callback-row"][data-money="success"]').first()).toContainText('Applied · succeeded');
  await admin.close();
});

test('search by receipt finds the payment and opens its detail and receipt; the filtered CSV download has its row', async ({ page, browser }) => {
  const [payment] = await sql<{ id: string; receipt: string; amount_cents: string }[]>`
    select p.id, p.mpesa_receipt_number as receipt, p.amount_cents::text from payments p join leases l on l.id = p.lease_id join users u on u.id = l.tenant_id
    where u.email = 'cynthia@example.com' and p.mpesa_receipt_number is not null and p.status = 'completed' order by p.paid_at limit 1`;
  await signIn(page, 'admin@example.com');
  await page.goto('/payments');
  await page.getByLabel('Search', { exact: true }).fill(payment!.receipt.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('payment-result');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAttribute('data-payment-id', payment!.id);

  const download = page.waitForEvent('download');
  await page.getByTestId('payments-csv').click();
  const rows = parseCsv(await readFile((await (await download).path())!, 'utf8'));
  expect(rows).toHaveLength(2);
  expect(rows[1]).toEqual(expect.arrayContaining([payment!.receipt, (Number(payment!.amount_cents) / 100).toFixed(2), payment!.id]));
  // The download is audited: who took it, with which filters, how many rows.
  const [audit] = await sql<{ role: string; details: { filters: { q?: string }; rows: number; completed: boolean } }[]>`
    select a.actor_role as role, a.details from audit_log a join users u on u.id = a.actor_id
    where a.action = 'payments.csv_exported' and u.email = 'admin@example.com' order by a.created_at desc limit 1`;
  expect(audit).toMatchObject({ role: 'admin', details: { filters: { q: payment!.receipt.toLowerCase() }, rows: 1, completed: true } });

  // The row opens the payment's detail, whose first action is its receipt.
  await results.first().getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/payments/${payment!.id}$`));
  await page.getByRole('link', { name: 'Open the receipt' }).click();
  await expect(page).toHaveURL(new RegExp(`/receipts/${payment!.id}$`));

  // Another landlord's search never finds it. A browser of their own: clearing this one's cookies raced with its
  // own refreshes, which could bring the admin's session back.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, 'landlord2@example.com');
  await other.goto(`/payments?q=${payment!.receipt}`);
  await expect(other.getByTestId('payment-result')).toHaveCount(0);
  const csv = await other.request.get(`/api/v1/payments/export?q=${payment!.receipt}`);
  expect(parseCsv(await csv.text())).toHaveLength(1);
  await other.context().close();
});

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  /** Nothing scrolls sideways, and no payer, unit or amount line is clipped inside its box. */
  async function expectNothingCutOff(page: Page, path: string) {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
    const clipped = await page
      .locator('[data-testid="payment-row"] p, [data-testid="lease-row-text"] span, [data-testid="payment-result"] p, [data-testid="payout-item"] p, main section')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent?.slice(0, 60)));
    expect(clipped, path).toEqual([]);
  }

  test('the landlord’s and admin’s lists keep payer, unit and amount whole', async ({ page, browser }) => {
    await signIn(page, 'landlord@example.com');
    for (const path of ['/landlord', '/payouts', '/payments']) await expectNothingCutOff(page, path);
    await expect(page.getByTestId('payment-result').first()).toBeVisible();
    // The admin in a browser of their own (clearing this one's cookies raced with its own refreshes).
    const admin = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await signIn(admin, 'admin@example.com');
    for (const path of ['/admin', '/payments', '/payouts', '/admin/audit', '/admin/mpesa']) await expectNothingCutOff(admin, path);
    await admin.goto('/admin');
    await expect(admin.getByTestId('payment-amount').first()).toBeVisible();
    await expect(admin.getByTestId('payment-context').first()).toBeVisible();
    await admin.context().close();
  });
});
