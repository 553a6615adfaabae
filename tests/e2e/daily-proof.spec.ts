import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { getToken, post } from '../../sandbox/test/daraja-client';
import { E2E_DATABASE_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * The daily proof through the built app: a day with STK, paybill, B2C and a reversal, some callbacks lost, ends with
 * the books equal to M-Pesa's ledger and the balance adding up; a payment removed from the books turns the day red
 * and the page names its receipt.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
const sql = postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });
test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});
test.afterEach(async () => {
  await control.clearFaults();
});

/** Today (Nairobi) started at 21:00 UTC yesterday. */
function nairobiToday(): { day: string; startedAt: Date } {
  const day = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10);
  return { day, startedAt: new Date(Date.parse(`${day}T00:00:00Z`) - 3 * 3600_000) };
}

interface ProofJson {
  green: boolean;
  books: { totalCents: number };
  statement: { totalCents: number };
  moneyOut: { payoutsCents: number; reversalsCents: number; totalCents: number };
  balance: { differenceCents: number } | null;
  differences: { kind: string; receipt?: string; message: string }[];
}

test('a day with STK, paybill, B2C and a reversal, some callbacks lost: every total equals M-Pesa’s; a lost payment turns it red', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { day, startedAt } = nairobiToday();
  await signIn(page, 'admin@example.com');

  // A tenant pays by STK; both the callback and its paybill twin are lost.
  await control.addFault({ api: 'stk', kind: 'drop-callback' });
  await control.addFault({ api: 'c2b', kind: 'drop-callback' });
  const tenant = await (await browser.newContext()).newPage();
  await signIn(tenant, 'esther@example.com');
  await tenant.goto('/tenant/pay');
  await tenant.getByLabel('Amount (KES)').fill('2345');
  await tenant.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(tenant.getByText('Payment received')).toBeVisible({ timeout: 60_000 });
  await tenant.context().close();

  // A paybill payment, confirmed as usual.
  const token = await getToken(E2E_SANDBOX_URL);
  const paybill = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 1_234, Msisdn: '254723456789', BillRefNumber: 'KH-B1' });
  expect(paybill.status).toBe(200);
  let paybillPaymentId = '';
  await expect.poll(async () => {
    const [row] = await sql<{ id: string }[]>`select id from payments where amount_cents = 123400 and payer_phone = '254723456789' and paid_at > now() - interval '10 minutes'`;
    paybillPaymentId = row?.id ?? '';
    return paybillPaymentId;
  }, { timeout: 60_000 }).not.toBe('');

  // Money out: an admin payout, and the reversal of that paybill payment.
  const payout = await page.request.post('/api/v1/mpesa/b2c', { data: { phone: '0722123456', amount: 450, occasion: 'Payout', remarks: 'Daily proof payout' } });
  expect(payout.status()).toBe(201);
  await page.goto(`/payments/${paybillPaymentId}/reverse`);
  await page.getByLabel('Reason for the reversal').fill('Paid into the wrong account');
  await page.getByLabel(/I understand this reverses/).check();
  await page.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(page.getByTestId('reversal-status')).toHaveAttribute('data-status', 'SUCCESS', { timeout: 60_000 });
  const payoutId = ((await payout.json()) as { payout: { id: string } }).payout.id;
  await expect.poll(async () => (await sql<{ status: string }[]>`select status from mpesa_b2c_transactions where id = ${payoutId}`)[0]?.status, { timeout: 60_000 }).toBe('SUCCESS');

  // The admin reads the statement and checks the balance from the proof page, until the day is proven.
  await page.goto('/admin/proof');
  await expect(page.getByRole('heading', { name: 'Daily proof' })).toBeVisible();
  await expect.poll(async () => {
    await page.getByRole('button', { name: 'Check M-Pesa’s statement now' }).click();
    await expect(page.getByRole('button', { name: 'Check M-Pesa’s statement now' })).toBeEnabled({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Check the balance now' }).click();
    await expect(page.getByRole('button', { name: 'Check the balance now' })).toBeEnabled({ timeout: 90_000 });
    await page.reload();
    return page.getByTestId('proof-verdict').getAttribute('data-green');
  }, { timeout: 180_000, intervals: [2_000] }).toBe('true');

  // Every total equals M-Pesa's own ledger for the day.
  const proof = (await (await page.request.get(`/api/v1/mpesa/daily-proof/${day}`)).json()) as ProofJson;
  const ledger = await control.ledger({ since: startedAt });
  expect(proof.green).toBe(true);
  expect(proof.statement.totalCents).toBe(ledger.totals.receivedCents);
  expect(proof.books.totalCents).toBe(ledger.totals.receivedCents);
  expect(proof.moneyOut.totalCents).toBe(ledger.totals.paidOutCents + ledger.totals.reversedCents);
  expect(proof.balance?.differenceCents).toBe(0);
  await expect(page.getByTestId('balance-difference')).toHaveText('KES 0');
  expect(await page.getByTestId('books-total').textContent()).toBe(await page.getByTestId('statement-total').textContent());

  // A payment the books lose: the day turns red and names its receipt.
  const [victim] = await sql<{ id: string; receipt: string }[]>`
    select p.id, p.mpesa_receipt_number as receipt from payments p
    where p.payer_phone = '254795112233' and p.amount_cents = 234500 and p.mpesa_receipt_number is not null order by p.created_at desc limit 1`;
  await sql`update mpesa_receipt_checks set payment_id = null where payment_id = ${victim!.id}`;
  await sql`update mpesa_c2b_confirmations set payment_id = null where payment_id = ${victim!.id}`;
  await sql`delete from payment_allocations where payment_id = ${victim!.id}`;
  // Its frozen receipt goes with it (payment_receipts references the payment).
  await sql`delete from payment_receipts where payment_id = ${victim!.id}`;
  await sql`delete from payments where id = ${victim!.id}`;
  await page.reload();
  await expect(page.getByTestId('proof-verdict')).toHaveAttribute('data-green', 'false');
  await expect(page.getByTestId('proof-differences')).toContainText(`${victim!.receipt}: KES 2,345 paid into the paybill`);
});
