import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { getToken, post as sandboxPost } from '../../sandbox/test/daraja-client';
import { getLeaseIdByTenantEmail, queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_APP_URL, E2E_CALLBACK_SECRET, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from '../e2e/sign-in';

/**
 * Issue 9, against the built app and the sandbox: rent is the same amount every month, so two different payments of
 * the same amount on one lease are ordinary. Whichever comes first — an STK push whose callback (and paybill twin)
 * is lost, credited from the STK query without a receipt, or a paybill payment — both are credited, each ends with
 * its own receipt, and neither takes the other's. A forged paybill confirmation moves nothing and is shown to admins.
 */

const control = sandboxControl(E2E_SANDBOX_URL);
const EMAIL = 'esther@example.com';
const PHONE = '254795112233';

interface PaymentRow extends Record<string, unknown> {
  id: string;
  method: string;
  mpesa_receipt_number: string | null;
  mpesa_transaction_id: string | null;
  amount_cents: string;
}
const paymentsOf = (leaseId: string, amountCents: number) =>
  queryE2eDb<PaymentRow>("select id, method, mpesa_receipt_number, mpesa_transaction_id, amount_cents from payments where lease_id = $1 and amount_cents = $2 and status = 'completed' order by created_at", [leaseId, amountCents]);

async function apiFor(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: E2E_APP_URL, extraHTTPHeaders: { origin: E2E_APP_URL } });
  const page = await context.newPage();
  await signIn(page, email);
  return page.request;
}

/** The STK push, its callback and its paybill twin both lost: only the STK query (no receipt) can settle it. */
async function pushWithCallbacksLost(api: APIRequestContext, leaseId: string, amount: number): Promise<string> {
  await control.addFault({ api: 'stk', kind: 'drop-callback' });
  await control.addFault({ api: 'c2b', kind: 'drop-callback' });
  const res = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount, phoneNumber: PHONE } });
  expect(res.status()).toBeLessThan(300);
  const { id } = (await res.json()) as { id: string };
  await expect.poll(async () => (await queryE2eDb<{ status: string }>('select status from mpesa_transactions where id = $1', [id]))[0]?.status, { timeout: 60_000 }).toBe('SUCCESS');
  return id;
}

async function payByPaybill(amount: number, account: string): Promise<string> {
  const before = new Set((await control.state()).transactions.map((t) => t.receipt));
  const token = await getToken(E2E_SANDBOX_URL);
  const paid = await sandboxPost(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: amount, Msisdn: PHONE, BillRefNumber: account });
  expect(paid.status).toBe(200);
  let receipt: string | undefined;
  await expect.poll(async () => (receipt = (await control.state()).transactions.find((t) => !before.has(t.receipt) && t.kind === 'c2b')?.receipt), { timeout: 30_000 }).toBeDefined();
  return receipt!;
}

let sameAmountWindowSeconds = 120;
test.beforeEach(async () => {
  await resetStkThrottle(EMAIL);
  await control.setSubscriber(PHONE, { behaviour: 'auto-approve', balance: 10_000_000 });
  // M-Pesa refuses an STK push for the amount the same phone paid the same paybill in the last two minutes (result
  // 17); a tenant paying twice waits that long. The test does not.
  sameAmountWindowSeconds = (await control.config()).sameAmountWindowSeconds;
  await control.setConfig({ sameAmountWindowSeconds: 0 });
});
test.afterEach(async () => {
  await control.clearFaults();
  await control.setConfig({ sameAmountWindowSeconds });
});

for (const order of ['STK first', 'paybill first'] as const) {
  test(`two payments of the same amount, ${order}: both credited, each with its own receipt`, async ({ browser }) => {
    test.setTimeout(150_000);
    const leaseId = await getLeaseIdByTenantEmail(EMAIL);
    const [lease] = await queryE2eDb<{ account_reference: string }>('select account_reference from leases where id = $1', [leaseId]);
    // A different amount per order, so the two tests' payments never mix.
    const amount = order === 'STK first' ? 1_357 : 1_468;
    const tenant = await apiFor(browser, EMAIL);

    let pushId: string;
    let paybillReceipt: string;
    if (order === 'STK first') {
      pushId = await pushWithCallbacksLost(tenant, leaseId, amount);
      paybillReceipt = await payByPaybill(amount, lease!.account_reference);
    } else {
      paybillReceipt = await payByPaybill(amount, lease!.account_reference);
      await expect.poll(async () => (await paymentsOf(leaseId, amount * 100)).some((p) => p.mpesa_receipt_number === paybillReceipt), { timeout: 60_000 }).toBe(true);
      pushId = await pushWithCallbacksLost(tenant, leaseId, amount);
    }
    // Both in the books; the paybill receipt on the paybill payment, not on the push's.
    await expect.poll(async () => (await paymentsOf(leaseId, amount * 100)).length, { timeout: 60_000 }).toBe(2);
    const rows = await paymentsOf(leaseId, amount * 100);
    const stkPayment = rows.find((p) => p.mpesa_transaction_id === pushId)!;
    const paybillPayment = rows.find((p) => p.mpesa_receipt_number === paybillReceipt)!;
    expect(stkPayment).toBeDefined();
    expect(paybillPayment).toBeDefined();
    expect(paybillPayment.id).not.toBe(stkPayment.id);
    expect(stkPayment.mpesa_receipt_number).not.toBe(paybillReceipt);

    // The push's own receipt comes from M-Pesa's statement (the admin's "Reconcile now"), proven by Transaction Status.
    const admin = await apiFor(browser, 'admin@example.com');
    const [push] = await queryE2eDb<{ crid: string }>('select checkout_request_id as crid from mpesa_transactions where id = $1', [pushId]);
    const stkReceipt = (await control.stk(push!.crid)).receipt;
    expect(stkReceipt).toBeTruthy();
    await expect
      .poll(async () => {
        await admin.post('/api/v1/mpesa/statement/reconcile', { data: {}, failOnStatusCode: false });
        return (await queryE2eDb<{ r: string | null }>('select mpesa_receipt_number as r from payments where id = $1', [stkPayment.id]))[0]?.r;
      }, { timeout: 90_000, intervals: [3_000] })
      .toBe(stkReceipt);
    const after = await paymentsOf(leaseId, amount * 100);
    expect(after.map((p) => p.mpesa_receipt_number).sort()).toEqual([paybillReceipt, stkReceipt].sort());
  });
}

test('a forged paybill confirmation for a receipt M-Pesa never issued moves nothing, and admins see it', async ({ browser, request }) => {
  const leaseId = await getLeaseIdByTenantEmail(EMAIL);
  const [lease] = await queryE2eDb<{ account_reference: string }>('select account_reference from leases where id = $1', [leaseId]);
  const total = async () => (await queryE2eDb<{ s: string }>("select coalesce(sum(amount_cents), 0)::text as s from payments where lease_id = $1 and status = 'completed'", [leaseId]))[0]!.s;
  const before = await total();
  const receipt = `UFRG${Date.now().toString(36).toUpperCase().slice(-6)}`;
  const forged = {
    TransactionType: 'Pay Bill', TransID: receipt, TransTime: '20261201120000', TransAmount: '5000.00', BusinessShortCode: '174379', BillRefNumber: lease!.account_reference,
    InvoiceNumber: '', OrgAccountBalance: '', ThirdPartyTransID: '', MSISDN: PHONE, FirstName: 'Forged', MiddleName: '', LastName: '',
  };
  const accepted = await request.post(`/api/v1/mpesa/c2b/confirmation/${E2E_CALLBACK_SECRET}`, { data: forged });
  expect(accepted.status()).toBe(200);
  // Transaction Status is asked; M-Pesa does not know the receipt, so nothing is credited.
  await expect.poll(async () => (await queryE2eDb<{ status: string }>('select status from mpesa_receipt_checks where receipt = $1', [receipt]))[0]?.status, { timeout: 60_000 }).not.toBe('PENDING');
  expect((await queryE2eDb('select 1 from payments where mpesa_receipt_number = $1', [receipt])).length).toBe(0);
  expect(await total()).toBe(before);

  const context = await browser.newContext({ baseURL: E2E_APP_URL });
  const page = await context.newPage();
  await signIn(page, 'admin@example.com');
  await page.goto('/admin/mpesa');
  await expect(page.getByText(receipt).first()).toBeVisible();
});
