import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { getToken, post } from '../../sandbox/test/daraja-client';
import { E2E_DATABASE_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/** Reversals, the paybill balance widget and who may touch money going out, against the built app and sandbox. */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
const sql = postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });
test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});

async function leaseOf(email: string) {
  const [row] = await sql<{ id: string; account_reference: string; agency_id: string }[]>`
    select l.id, l.account_reference, l.agency_id from leases l join users u on u.id = l.tenant_id where u.email = ${email}`;
  return row!;
}
const paid = async (leaseId: string) => Number((await sql`select coalesce(sum(amount_cents), 0) as s from payments where lease_id = ${leaseId} and status = 'completed'`)[0]!.s);

/**
 * A payment M-Pesa really knows: the tenant pays the paybill in the sandbox. If the app records paybill
 * confirmations itself, that payment is used; otherwise it is entered into the books as a paybill payment would be.
 */
async function realPayment(email: string, phone: string, kes: number): Promise<{ id: string; receipt: string }> {
  const lease = await leaseOf(email);
  const token = await getToken(E2E_SANDBOX_URL);
  const res = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: kes, Msisdn: phone, BillRefNumber: lease.account_reference });
  expect(res.status).toBe(200);
  let receipt = '';
  await expect.poll(async () => {
    const tx = (await control.state()).transactions.find((t) => t.kind === 'c2b' && t.amountCents === kes * 100 && t.debit.msisdn === phone);
    receipt = tx?.receipt ?? '';
    return receipt;
  }).not.toBe('');
  await new Promise((r) => setTimeout(r, 1_500));
  await sql`insert into payments (agency_id, lease_id, amount_cents, method, mpesa_receipt_number, payer_phone, paid_at)
            values (${lease.agency_id}, ${lease.id}, ${kes * 100}, 'mpesa_paybill', ${receipt}, ${phone}, now()) on conflict do nothing`;
  const [row] = await sql<{ id: string }[]>`select id from payments where mpesa_receipt_number = ${receipt}`;
  return { id: row!.id, receipt };
}

async function reverse(page: Page, paymentId: string, reason: string) {
  await page.goto(`/payments/${paymentId}/reverse`);
  await page.getByLabel('Reason for the reversal').fill(reason);
  await page.getByLabel(/I understand this reverses/).check();
  await page.getByRole('button', { name: 'Reverse payment' }).click();
}

test('an admin reverses a tenant’s payment: reversed, the tenant owes it again, and a second reversal is refused before Daraja', async ({ page }) => {
  const lease = await leaseOf('esther@example.com');
  const payment = await realPayment('esther@example.com', '254795112233', 1_111);
  const paidBefore = await paid(lease.id);
  await signIn(page, 'admin@example.com');
  await page.goto(`/receipts/${payment.id}`);
  await expect(page.getByTestId('receipt-status')).toHaveText('Paid');
  await expect(page.getByRole('link', { name: 'Reverse this payment' })).toHaveAttribute('href', `/payments/${payment.id}/reverse`);
  await reverse(page, payment.id, 'Paid to the wrong account');
  const status = page.getByTestId('reversal-status');
  await expect(status).toHaveAttribute('data-status', 'SUCCESS');
  await expect(status).toContainText('Reversed');
  const [row] = await sql`select status, reversed_at from payments where id = ${payment.id}`;
  expect(row!.status).toBe('reversed');
  expect(await paid(lease.id)).toBe(paidBefore - 111_100);
  expect((await control.state()).transactions.find((t) => t.receipt === payment.receipt)?.reversedBy).toBeTruthy();
  await page.goto(`/receipts/${payment.id}`);
  await expect(page.getByTestId('receipt-status')).toHaveText('Reversed');
  await expect(page.getByRole('link', { name: 'Reverse this payment' })).toHaveCount(0);

  await page.goto(`/payments/${payment.id}/reverse`);
  await expect(page.getByText('This payment has already been reversed')).toBeVisible();
  const callbacksBefore = (await control.callbacks()).filter((c) => c.api === 'reversal').length;
  const again = await page.request.post('/api/v1/mpesa/reverse', { data: { transactionId: payment.receipt, amount: 1_111, remarks: 'Again' } });
  expect(again.status()).toBe(409);
  await page.waitForTimeout(1_000);
  expect((await control.callbacks()).filter((c) => c.api === 'reversal').length).toBe(callbacksBefore);
});

test('an admin reverses a seeded demo payment: M-Pesa knows the demo receipts', async ({ page }) => {
  const lease = await leaseOf('david@example.com');
  const [seeded] = await sql<{ id: string; receipt: string; amount_cents: string }[]>`
    select id, mpesa_receipt_number as receipt, amount_cents from payments
    where lease_id = ${lease.id} and status = 'completed' and mpesa_receipt_number is not null
      and paid_at < now() - interval '2 days' order by paid_at desc limit 1`;
  const paidBefore = await paid(lease.id);
  await signIn(page, 'admin@example.com');
  await reverse(page, seeded!.id, 'Seeded payment reversed in the demo');
  await expect(page.getByTestId('reversal-status')).toHaveAttribute('data-status', 'SUCCESS');
  expect((await sql`select status from payments where id = ${seeded!.id}`)[0]!.status).toBe('reversed');
  expect(await paid(lease.id)).toBe(paidBefore - Number(seeded!.amount_cents));
  expect((await control.state()).transactions.find((t) => t.receipt === seeded!.receipt)).toMatchObject({ seeded: true, reversedBy: expect.any(String) });
});

test('reversing a receipt M-Pesa does not know gives the R000002 message', async ({ page }) => {
  const lease = await leaseOf('cynthia@example.com');
  const [seeded] = await sql<{ id: string }[]>`select id from payments where lease_id = ${lease.id} and status = 'completed' and mpesa_receipt_number is not null order by paid_at limit 1`;
  // Seeded receipts are real in the sandbox (db/demo-payments.ts): give this one a receipt M-Pesa never issued.
  await sql`update payments set mpesa_receipt_number = 'TJ3MX6CLYC' where id = ${seeded!.id}`;
  await signIn(page, 'admin@example.com');
  await reverse(page, seeded!.id, 'Seeded receipt e2e');
  await expect(page.getByTestId('reversal-status')).toHaveAttribute('data-status', 'FAILED');
  await expect(page.getByTestId('reversal-status')).toContainText('Invalid M-Pesa receipt number');
  expect((await sql`select status from payments where id = ${seeded!.id}`)[0]!.status).toBe('completed');
});

test('the balance widget shows the sandbox’s true balances, which change after a payment and a refund', async ({ page }) => {
  await signIn(page, 'admin@example.com');
  // The widget lives on the admin home.
  await page.goto('/admin');
  const widget = page.getByTestId('account-balance');
  const refresh = async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(widget).toHaveAttribute('data-checking', 'false', { timeout: 20_000 });
  };
  const kes = (cents: number) => `KES ${(cents / 100).toLocaleString('en-KE', { maximumFractionDigits: 2 })}`;

  await refresh();
  let org = await control.organisation('174379');
  await expect(page.getByTestId('balance-available')).toHaveText(kes(org.accountsCents.utility));
  await expect(page.getByTestId('balance-accounts')).toContainText('Working Account');
  await expect(page.getByTestId('balance-accounts')).toContainText('Utility Account');
  await expect(widget).toContainText('Last checked just now');

  await realPayment('tenant@example.com', '254712345678', 777);
  await refresh();
  const afterPayment = org.accountsCents.utility + 77_700;
  await expect(page.getByTestId('balance-available')).toHaveText(kes(afterPayment));

  const refund = await page.request.post('/api/v1/mpesa/b2c', { data: { phone: '0722123456', amount: 222, occasion: 'Payout', remarks: 'Balance e2e payout' } });
  expect(refund.status()).toBe(201);
  await expect.poll(async () => (await sql`select status from mpesa_b2c_transactions where remarks = 'Balance e2e payout'`)[0]?.status).toBe('SUCCESS');
  await refresh();
  org = await control.organisation('174379');
  expect(org.accountsCents.utility).toBe(afterPayment - 22_200);
  await expect(page.getByTestId('balance-available')).toHaveText(kes(afterPayment - 22_200));
});

test('a tenant gets 404 on every money-out route; a landlord cannot touch another landlord’s leases', async ({ page, browser }) => {
  const kilimani = await leaseOf('tenant@example.com');
  const [payment] = await sql<{ id: string; mpesa_receipt_number: string }[]>`select id, mpesa_receipt_number from payments where lease_id = ${kilimani.id} limit 1`;
  const [anyPayout] = await sql<{ id: string }[]>`select id from mpesa_b2c_transactions limit 1`;
  await signIn(page, 'tenant@example.com');
  const api = page.request;
  const calls = [
    api.post('/api/v1/mpesa/b2c', { data: { leaseId: kilimani.id, phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Me' } }),
    api.get('/api/v1/mpesa/b2c'),
    api.get(`/api/v1/mpesa/b2c/${anyPayout!.id}`),
    api.post('/api/v1/mpesa/reverse', { data: { transactionId: payment!.mpesa_receipt_number, remarks: 'Me' } }),
    api.get(`/api/v1/mpesa/reversal/${anyPayout!.id}`),
    api.post('/api/v1/mpesa/balance', { data: {} }),
    api.get('/api/v1/mpesa/balance'),
    api.get('/api/v1/mpesa/balance/latest'),
    api.post(`/api/v1/mpesa/payouts/${anyPayout!.id}/approve`, { data: {} }),
    api.post(`/api/v1/mpesa/payouts/${anyPayout!.id}/reject`, { data: { reason: 'no' } }),
  ];
  for (const res of await Promise.all(calls)) expect([403, 404]).toContain(res.status());
  for (const path of ['/payouts', '/payouts/new', `/leases/${kilimani.id}/refund`, `/payments/${payment!.id}/reverse`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }

  const other = await browser.newPage();
  await signIn(other, 'landlord2@example.com');
  expect((await other.goto(`/leases/${kilimani.id}/refund`))?.status()).toBe(404);
  expect((await other.goto(`/payments/${payment!.id}/reverse`))?.status()).toBe(404);
  const refused = await other.request.post('/api/v1/mpesa/b2c', { data: { leaseId: kilimani.id, phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Not mine' } });
  expect(refused.status()).toBe(404);
  const notMine = await other.request.post('/api/v1/mpesa/reverse', { data: { transactionId: payment!.mpesa_receipt_number, remarks: 'Not mine' } });
  expect(notMine.status()).toBe(404);
  await other.close();
});
