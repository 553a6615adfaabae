import { expect, test } from '@playwright/test';
import { getToken, post } from '../../sandbox/test/daraja-client';
import { queryE2eDb } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Paybill money with sloppy account numbers, and a tenant finding a payment whose confirmation Daraja never
 * delivered — against next build and the sandbox over HTTP.
 */

const control = sandboxControl(E2E_SANDBOX_URL);
const AMINA = '254712345678';

const paymentsOf = async (amountCents: number) =>
  (await queryE2eDb<{ n: number }>(
    "select count(*)::int as n from payments p join leases l on l.id = p.lease_id where l.account_reference = 'KH-A1' and p.amount_cents = $1 and p.status = 'completed'",
    [amountCents],
  ))[0]!.n;

async function payBill(billRef: string, amountKes: number) {
  const token = await getToken(E2E_SANDBOX_URL);
  const res = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: amountKes, Msisdn: AMINA, BillRefNumber: billRef });
  expect(res.status).toBe(200);
}

test.afterEach(() => control.clearFaults());

test('a paybill payment with the account number typed sloppily is credited to its lease', async () => {
  await payBill('kh a01', 1_357);
  await expect.poll(() => paymentsOf(135_700), { timeout: 60_000 }).toBe(1);
});

test('a tenant whose paybill confirmation was lost finds the payment by its M-Pesa code', async ({ page }) => {
  test.setTimeout(120_000);
  const known = new Set((await control.state()).transactions.map((t) => t.receipt));
  await control.addFault({ api: 'c2b', kind: 'drop-callback' });
  await payBill('KH-A1', 1_111);
  let receipt = '';
  await expect.poll(async () => {
    receipt = (await control.state()).transactions.find((t) => t.kind === 'c2b' && !known.has(t.receipt))?.receipt ?? '';
    return receipt;
  }, { timeout: 30_000 }).not.toBe('');
  expect(await paymentsOf(111_100)).toBe(0);

  await signIn(page, 'tenant@example.com');
  await page.goto('/tenant/pay');
  const due = async () => Math.round(Number((await page.getByTestId('amount-due').innerText()).replace(/[^\d.]/g, '')) * 100);
  const before = await due();
  await page.getByLabel('M-Pesa code').fill(receipt.toLowerCase());
  await page.getByRole('button', { name: 'Find my payment' }).click();
  // M-Pesa is asked (Transaction Status) and the answer followed; the statement sweep may have credited it first.
  await expect(page.getByTestId('find-payment-answer')).toContainText(/Found it|already in your account/, { timeout: 60_000 });
  await expect(page.getByTestId('find-payment-answer')).toContainText('Kilimani Heights, unit A1');
  await expect.poll(due, { timeout: 20_000 }).toBe(before - 111_100);
  expect(await paymentsOf(111_100)).toBe(1);

  // Asking again never credits it twice, and says where it is.
  await page.getByLabel('M-Pesa code').fill(receipt);
  await page.getByRole('button', { name: 'Find my payment' }).click();
  await expect(page.getByTestId('find-payment-answer')).toContainText('already in your account');
  expect(await paymentsOf(111_100)).toBe(1);
});

test('a code that is not an M-Pesa code is explained before anything is sent', async ({ page }) => {
  await signIn(page, 'tenant@example.com');
  await page.goto('/tenant/payments');
  await page.getByLabel('M-Pesa code').fill('12');
  await page.getByRole('button', { name: 'Find my payment' }).click();
  await expect(page.getByText('That is not an M-Pesa code.')).toBeVisible();
});
