import { expect, test, type Page } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Tenants pay rent with an STK push in the browser, against the built app and the sandbox process. The sandbox
 * is shared by every spec: outcomes are set per phone with scenarios that are used up, never with a reset.
 */

const control = sandboxControl(E2E_SANDBOX_URL);

async function payOnPage(page: Page, amountKes?: number) {
  if (amountKes !== undefined) await page.getByLabel('Amount (KES)').fill(String(amountKes));
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
}

/** The `n` column of a `count(*)::int as n` query. */
async function countOf(query: string, params: string[] = []): Promise<number> {
  const [row] = await queryE2eDb<{ n: number }>(query, params);
  return row?.n ?? 0;
}

const kes = (n: number) => `KES ${n.toLocaleString('en-KE')}`;

test('a tenant pays the amount due: receipt in the UI and on its page, in the history, balance down, one payment row', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const events: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/mpesa/events/')) events.push(r.url());
  });
  await signIn(page, 'tenant@example.com');
  await page.goto('/tenant/pay');
  const dueText = (await page.getByTestId('amount-due').textContent()) ?? '';
  const due = Number(dueText.replace(/[^\d]/g, ''));
  expect(due).toBeGreaterThan(0);
  await expect(page.getByLabel('Amount (KES)')).toHaveValue(String(due));
  await expect(page.getByLabel('M-Pesa phone number')).toHaveValue('0712 345 678');
  await expect(page.getByText('Or pay by paybill')).toBeVisible();
  await expect(page.getByText('174379').first()).toBeVisible();

  const leaseId = await getLeaseIdByTenantEmail('tenant@example.com');
  const before = await countOf('select count(*)::int as n from payments where lease_id = $1', [leaseId]);

  await payOnPage(page);
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await expect(page.getByText('Enter your M-Pesa PIN.')).toBeVisible();
  await expect(page.getByText('Payment received')).toBeVisible();
  const receipt = (await page.getByTestId('stk-receipt-number').textContent())?.trim() ?? '';
  expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
  await expect(page.getByTestId('stk-paid-amount')).toHaveText(kes(due));
  expect(events.length).toBeGreaterThan(0);

  // M-Pesa also confirmed this payment on the paybill's C2B URL (SPEC §9.6): the app answered it, and it is still one payment.
  await expect.poll(async () => (await control.callbacks()).find((c) => c.api === 'c2b' && c.ref === receipt)?.status ?? null).toBe(200);
  const rows = await queryE2eDb<{ amount_cents: string; mpesa_receipt_number: string }>('select amount_cents, mpesa_receipt_number from payments where lease_id = $1 and mpesa_receipt_number = $2', [leaseId, receipt]);
  expect(rows).toHaveLength(1);
  expect(Number(rows[0]!.amount_cents)).toBe(due * 100);
  const after = await countOf('select count(*)::int as n from payments where lease_id = $1', [leaseId]);
  expect(after).toBe(before + 1);

  await page.getByRole('link', { name: 'View receipt' }).click();
  await expect(page.getByRole('heading', { name: 'Rent receipt' })).toBeVisible();
  await expect(page.getByTestId('receipt-number')).toHaveText(receipt);
  await expect(page.getByTestId('receipt-amount')).toHaveText(kes(due));
  await expect(page.getByText('Amina Wanjiru, 0712 345 678')).toBeVisible();
  await expect(page.getByText(/\(Nairobi\)/)).toBeVisible();
  await expect(page.getByTestId('receipt-balance-after')).toHaveText('Fully paid');

  await page.goto('/tenant/payments');
  await expect(page.getByTestId('payment-history')).toContainText(receipt);
  await page.goto('/tenant/pay');
  await expect(page.getByTestId('amount-due')).toHaveText('KES 0');
});

const outcomes = [
  { name: 'cancelled (1032)', email: 'tenant2@example.com', phone: '254722123456', code: '1032', amount: 1_032, message: 'Payment cancelled by user' },
  { name: 'insufficient funds (1)', email: 'george@example.com', phone: '254746778899', code: null, amount: 19_001, message: 'Insufficient funds' },
  { name: 'wrong PIN (2001)', email: 'david@example.com', phone: '254723456789', code: '2001', amount: 2_001, message: 'wrong M-Pesa PIN' },
  { name: 'no answer (1037)', email: 'faith@example.com', phone: '254110334455', code: '1037', amount: 1_037, message: 'Payment request timed out' },
] as const;

for (const o of outcomes) {
  test(`${o.name}: the right message and state, no credit; Try again then works`, async ({ page }) => {
    const leaseId = await getLeaseIdByTenantEmail(o.email);
    const before = await countOf('select count(*)::int as n from payments where lease_id = $1', [leaseId]);
    if (o.code) await control.addScenario({ match: { api: 'stk', phone: o.phone }, resultCode: o.code, delayMs: 300 });
    await signIn(page, o.email);
    await page.goto('/tenant/pay');
    await payOnPage(page, o.amount);
    await expect(page.getByTestId('stk-failure-message')).toContainText(o.message);
    const [push] = await queryE2eDb<{ status: string }>('select status from mpesa_transactions where lease_id = $1 order by created_at desc limit 1', [leaseId]);
    expect(push?.status).toBe(o.code === '1032' ? 'CANCELLED' : o.code === '1037' ? 'TIMEOUT' : 'FAILED');
    const afterFailure = await countOf('select count(*)::int as n from payments where lease_id = $1', [leaseId]);
    expect(afterFailure).toBe(before);

    await page.getByRole('button', { name: 'Try again' }).click();
    await payOnPage(page, o.amount === 19_001 ? 101 : o.amount + 1);
    await expect(page.getByText('Payment received')).toBeVisible();
    const afterRetry = await countOf('select count(*)::int as n from payments where lease_id = $1', [leaseId]);
    expect(afterRetry).toBe(before + 1);
  });
}

test('keyboard only: the form can be filled and sent, and bad input is explained without sending', async ({ page }) => {
  const pushesOf = () => countOf("select count(*)::int as n from mpesa_transactions t join users u on u.id = t.initiated_by where u.email = 'esther@example.com'");
  const before = await pushesOf();
  await signIn(page, 'esther@example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12.50');
  await page.getByLabel('M-Pesa phone number').fill('0712');
  await page.getByLabel('M-Pesa phone number').press('Enter');
  await expect(page.getByText('Enter a Safaricom number like 0712 345 678')).toBeVisible();
  // What was typed stays as typed (a stripped point once turned 12.50 into KES 1,250): it is explained instead.
  await expect(page.getByLabel('Amount (KES)')).toHaveValue('12.50');
  await expect(page.getByText('M-Pesa moves whole shillings only: enter the amount without cents, like 1500')).toBeVisible();
  expect(await pushesOf()).toBe(before);
});

test('1500.50 shows an error and sends nothing; an Airtel number is refused before any prompt', async ({ page }) => {
  const pushesOf = () => countOf("select count(*)::int as n from mpesa_transactions t join users u on u.id = t.initiated_by where u.email = 'faith@example.com'");
  const before = await pushesOf();
  await signIn(page, 'faith@example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill('1500.50');
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByText('M-Pesa moves whole shillings only: enter the amount without cents, like 1500')).toBeVisible();
  await expect(page.getByLabel('Amount (KES)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Amount (KES)').fill('1500');
  await page.getByLabel('M-Pesa phone number').fill('0733 123 456');
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByText('0733 123 456 is an Airtel number. M-Pesa works only on Safaricom lines: use a Safaricom number, or pay by paybill.')).toBeVisible();
  expect(await pushesOf()).toBe(before);
});

test('a reload or a second tab while a prompt is open shows that payment, live, not the form', async ({ page, context }) => {
  await resetStkThrottle('halima@example.com');
  await control.setSubscriber('254758990011', { behaviour: 'manual' });
  await signIn(page, 'halima@example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill('777');
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await expect(page.getByTestId('stk-countdown')).toHaveText(/^(1:00|0:5\d)$/);
  await expect(page.getByText(/^Success/)).toHaveCount(0);
  await control.waitForPrompt('254758990011');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await expect(page.getByLabel('Amount (KES)')).toHaveCount(0);
  const second = await context.newPage();
  await second.goto('/tenant/pay');
  await expect(second.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await expect(second.getByLabel('Amount (KES)')).toHaveCount(0);

  // Both follow the same payment live.
  await control.answerPrompt('254758990011', { pin: '1234' });
  await expect(page.getByText('Payment received')).toBeVisible({ timeout: 30_000 });
  await expect(second.getByText('Payment received')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stk-paid-amount')).toHaveText('KES 777');
});
