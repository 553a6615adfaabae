import { expect, test, type Page } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_CALLBACK_SECRET, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/** Daraja faults, forged callbacks and other tenants, through the running app. Faults are used up per push. */

const control = sandboxControl(E2E_SANDBOX_URL);
const HALIMA = '254758990011';

const countPayments = async (leaseId: string) =>
  (await queryE2eDb<{ n: number }>('select count(*)::int as n from payments where lease_id = $1', [leaseId]))[0]!.n;
const latestPush = async (leaseId: string) =>
  (await queryE2eDb<{ checkout_request_id: string; status: string; needs_review: boolean; review_reason: string | null; mpesa_receipt_number: string | null }>(
    'select checkout_request_id, status, needs_review, review_reason, mpesa_receipt_number from mpesa_transactions where lease_id = $1 order by created_at desc limit 1',
    [leaseId],
  ))[0]!;

async function pay(page: Page, email: string, amountKes: number) {
  await signIn(page, email);
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill(String(amountKes));
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
}

test.afterEach(async () => {
  await control.clearFaults();
});

test('callback dropped: the STK query resolves it and the tenant sees the payment confirmed', async ({ page }) => {
  const leaseId = await getLeaseIdByTenantEmail('esther@example.com');
  const before = await countPayments(leaseId);
  await control.addFault({ api: 'stk', kind: 'drop-callback' });
  // The sandbox also confirms an STK payment by C2B (SPEC §9.6) and that twin carries the receipt: lose it too, so
  // only the STK query can settle this push.
  await control.addFault({ api: 'c2b', kind: 'drop-callback' });
  await pay(page, 'esther@example.com', 1_501);
  await expect(page.getByText('Payment received')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/receipt: on its way/)).toBeVisible();
  expect(await latestPush(leaseId)).toMatchObject({ status: 'SUCCESS', mpesa_receipt_number: null });
  expect(await countPayments(leaseId)).toBe(before + 1);
});

test('callback sent 10 times concurrently: one payment', async ({ page }) => {
  const leaseId = await getLeaseIdByTenantEmail('cynthia@example.com');
  const before = await countPayments(leaseId);
  await control.addFault({ api: 'stk', kind: 'duplicate-callback', copies: 10, concurrent: true });
  await pay(page, 'cynthia@example.com', 1_010);
  await expect(page.getByTestId('stk-receipt-number')).toBeVisible();
  const { checkout_request_id: id } = await latestPush(leaseId);
  await expect.poll(async () => (await queryE2eDb('select 1 from callback_inbox where correlation_id = $1 and processed_at is not null', [id])).length).toBe(10);
  expect(await countPayments(leaseId)).toBe(before + 1);
});

test('callback before the synchronous answer: applied', async ({ page }) => {
  const leaseId = await getLeaseIdByTenantEmail('tenant@example.com');
  const before = await countPayments(leaseId);
  await control.addFault({ api: 'stk', kind: 'callback-before-ack' });
  await signIn(page, 'tenant@example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill('1201');
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByTestId('stk-receipt-number')).toBeVisible();
  expect((await latestPush(leaseId)).status).toBe('SUCCESS');
  expect(await countPayments(leaseId)).toBe(before + 1);
});

test('wrong secret: 404 and nothing stored; right secret with a made-up receipt: not credited, refuted, the real answer stands', async ({ page, request }) => {
  const leaseId = await getLeaseIdByTenantEmail('halima@example.com');
  const before = await countPayments(leaseId);
  await pay(page, 'halima@example.com', 1_601);
  await control.waitForPrompt(HALIMA);
  const { checkout_request_id: id } = await latestPush(leaseId);
  const forged = {
    Body: { stkCallback: { MerchantRequestID: 'forged', CheckoutRequestID: id, ResultCode: 0, ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: { Item: [{ Name: 'Amount', Value: 1.0 }, { Name: 'MpesaReceiptNumber', Value: 'FORGED1601' }, { Name: 'TransactionDate', Value: 20260101120000 }, { Name: 'PhoneNumber', Value: Number(HALIMA) }] } } },
  };
  const inboxBefore = (await queryE2eDb('select 1 from callback_inbox')).length;
  const wrong = await request.post('/api/v1/mpesa/callback/not-the-secret', { data: forged });
  expect(wrong.status()).toBe(404);
  expect((await queryE2eDb('select 1 from callback_inbox')).length).toBe(inboxBefore);

  const accepted = await request.post(`/api/v1/mpesa/callback/${E2E_CALLBACK_SECRET}`, { data: forged });
  expect(await accepted.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  // The STK query says the prompt is still open: the forged success changes nothing meanwhile.
  await expect.poll(async () => (await queryE2eDb<{ outcome: string | null }>('select outcome from callback_inbox where correlation_id = $1 order by received_at desc limit 1', [id]))[0]?.outcome).toBe('waiting');
  expect((await latestPush(leaseId)).status).toBe('PENDING');
  expect(await countPayments(leaseId)).toBe(before);
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();

  await control.answerPrompt(HALIMA, { cancel: true });
  await expect(page.getByTestId('stk-failure-message')).toContainText('Payment cancelled by user');
  // Transaction Status has never heard of the receipt (asked twice, a sweep apart): refuted, never credited.
  await expect.poll(async () => (await queryE2eDb<{ status: string }>("select status from mpesa_receipt_checks where receipt = 'FORGED1601'"))[0]?.status, { timeout: 90_000 }).toBe('NOT_FOUND');
  expect((await latestPush(leaseId)).status).toBe('CANCELLED');
  expect(await countPayments(leaseId)).toBe(before);

  // Kept and shown to the agency's admin, with what M-Pesa said about it.
  const admin = await (await page.context().browser()!.newContext()).newPage();
  await signIn(admin, 'admin@example.com');
  await admin.goto('/admin/mpesa');
  await expect(admin.getByTestId('receipts-needing-attention')).toContainText('FORGED1601');
  await expect(admin.getByTestId('receipts-needing-attention')).toContainText('M-Pesa says this receipt does not exist');
  await admin.context().close();
});

test('the query says pending for a while: the screen keeps waiting, then resolves', async ({ page }) => {
  const leaseId = await getLeaseIdByTenantEmail('halima@example.com');
  // M-Pesa takes 14 s to finish and its callback is lost: only the STK query can settle this push.
  await control.addScenario({ match: { api: 'stk', phone: HALIMA }, resultCode: '0', delayMs: 14_000 });
  await control.addFault({ api: 'stk', kind: 'drop-callback' });
  await pay(page, 'halima@example.com', 1_602);
  // Past the 6 s threshold the app asks Daraja, which answers 4999 (still processing): the screen keeps waiting.
  await expect.poll(async () => (await queryE2eDb<{ query_count: number }>('select query_count from mpesa_transactions where lease_id = $1 order by created_at desc limit 1', [leaseId]))[0]!.query_count, { timeout: 12_000 }).toBeGreaterThan(0);
  expect((await latestPush(leaseId)).status).toBe('PENDING');
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await expect(page.getByText('Payment received')).toBeVisible({ timeout: 30_000 });
  expect((await latestPush(leaseId)).status).toBe('SUCCESS');
});

test('a double tap sends one prompt', async ({ page }) => {
  await resetStkThrottle('halima@example.com');
  const leaseId = await getLeaseIdByTenantEmail('halima@example.com');
  await signIn(page, 'halima@example.com');
  const sessions = async () => (await control.state()).stk.filter((s) => s.phone === HALIMA).length;
  const before = await sessions();
  const body = { leaseId, amount: 1_603, phoneNumber: '0758 990 011' };
  const [a, b] = await Promise.all([page.request.post('/api/v1/mpesa/stk-push', { data: body }), page.request.post('/api/v1/mpesa/stk-push', { data: body })]);
  const [ja, jb] = [(await a.json()) as { id: string; reused: boolean }, (await b.json()) as { id: string; reused: boolean }];
  expect(ja.id).toBe(jb.id);
  expect([ja.reused, jb.reused].sort()).toEqual([false, true]);
  expect(await sessions()).toBe(before + 1);
  await control.answerPrompt(HALIMA, { cancel: true });
});

test('a tenant cannot pay or see another tenant\u2019s lease, payment or receipt', async ({ page }) => {
  const aminaLease = await getLeaseIdByTenantEmail('tenant@example.com');
  const [pushRow] = await queryE2eDb<{ checkout_request_id: string }>("select checkout_request_id from mpesa_transactions where lease_id = $1 and status = 'SUCCESS' limit 1", [aminaLease]);
  const [paymentRow] = await queryE2eDb<{ id: string }>('select id from payments where lease_id = $1 limit 1', [aminaLease]);
  await signIn(page, 'tenant2@example.com');
  const pay = await page.request.post('/api/v1/mpesa/stk-push', { data: { leaseId: aminaLease, amount: 10, phoneNumber: '0722 123 456' } });
  expect(pay.status()).toBe(404);
  for (const path of ['status', 'status-detailed', 'events']) {
    expect((await page.request.get(`/api/v1/mpesa/${path}/${pushRow!.checkout_request_id}`)).status()).toBe(404);
  }
  const receipt = await page.goto(`/receipts/${paymentRow!.id}`);
  expect(receipt?.status()).toBe(404);
  await expect(page.getByText('Page not found')).toBeVisible();
});
