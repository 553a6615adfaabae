import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { getToken, post } from '../../sandbox/test/daraja-client';
import { paymentTimelineSchema } from '../../lib/payments/timeline/timeline-schema';
import { E2E_DATABASE_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Issue 12, items 1 and 5, against the built app and the sandbox: a paybill payment M-Pesa really made is opened
 * from the explorer and read as a timeline (callback, receipt, the books) with the actions the admin may take; a
 * tenant cannot open another tenant's payment; a dead-letter callback is shown as such, replayed by an admin
 * through the normal inbox path (no second credit), and the replay is in the audit log.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
const sql = postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });
test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});

// Faith Mutua (Westlands Court 2, landlord@'s property); an amount no other spec pays.
const FAITH = { email: 'faith@example.com', phone: '254110334455' };
const AMOUNT_KES = 1_213;
let payment: { id: string; receipt: string } | null = null;

/** Faith pays the paybill in the sandbox; the app hears M-Pesa's confirmation, proves it and credits it itself. */
async function paybillPayment(): Promise<{ id: string; receipt: string }> {
  if (payment) return payment;
  const [lease] = await sql<{ account_reference: string }[]>`select l.account_reference from leases l join users u on u.id = l.tenant_id where u.email = ${FAITH.email}`;
  const token = await getToken(E2E_SANDBOX_URL);
  const res = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: AMOUNT_KES, Msisdn: FAITH.phone, BillRefNumber: lease!.account_reference });
  expect(res.status).toBe(200);
  let receipt = '';
  await expect.poll(async () => {
    // The newest: a sandbox kept from an earlier run may hold an older one.
    receipt = (await control.state()).transactions.filter((t) => t.kind === 'c2b' && t.amountCents === AMOUNT_KES * 100 && t.debit.msisdn === FAITH.phone).at(-1)?.receipt ?? '';
    return receipt;
  }).not.toBe('');
  let id = '';
  await expect.poll(async () => {
    id = (await sql<{ id: string }[]>`select id from payments where mpesa_receipt_number = ${receipt}`)[0]?.id ?? '';
    return id;
  }, { timeout: 45_000 }).not.toBe('');
  payment = { id, receipt };
  return payment;
}

test('an admin opens a payment from the explorer: its timeline shows the callback, the receipt and the books, with a reverse action', async ({ page }) => {
  const { id, receipt } = await paybillPayment();
  // On a phone: the detail must be readable at 360 px.
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, 'admin@example.com');
  await page.goto(`/payments?q=${receipt}`);
  const row = page.getByTestId('payment-result');
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/payments/${id}$`));

  await expect(page.getByTestId('payment-receipt')).toHaveText(receipt);
  const timeline = page.getByTestId('payment-timeline');
  const callback = timeline.locator('[data-testid="timeline-event"][data-kind="callback"]').filter({ hasText: 'Paybill payment' });
  await expect(callback.first()).toContainText(receipt);
  await expect(callback.first()).toContainText('Applied · succeeded');
  // The raw body is one click away.
  await callback.first().getByText('Raw callback').click();
  await expect(callback.first().getByTestId('raw-callback')).toContainText('TransID');
  await expect(callback.first().getByTestId('raw-callback')).toContainText(receipt);
  await expect(timeline.locator('[data-kind="ledger"]')).toContainText('Credited to the lease’s books');
  await expect(timeline.locator('[data-kind="receipt-check"]')).toContainText('confirmed');

  // Nothing wider than the screen, even with the raw body open.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const actions = page.getByTestId('payment-actions');
  await expect(actions.getByRole('link', { name: 'Reverse this payment' })).toHaveAttribute('href', `/payments/${id}/reverse`);
  await expect(actions.getByRole('link', { name: 'Open the receipt' })).toHaveAttribute('href', `/receipts/${id}`);

  // The API answers the same timeline, in the shape the client parses.
  const api = await page.request.get(`/api/v1/payments/${id}/timeline`);
  expect(api.status()).toBe(200);
  const parsed = paymentTimelineSchema.parse(await api.json());
  expect(parsed.payment.receipt).toBe(receipt);
  expect(parsed.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['callback', 'receipt-check', 'ledger']));
  const times = parsed.events.map((e) => e.at);
  expect([...times].sort()).toEqual(times);
});

test('a tenant opens their own payment without the staff trail, and another tenant’s is not found', async ({ browser }) => {
  const { id } = await paybillPayment();
  const own = await (await browser.newContext()).newPage();
  await signIn(own, FAITH.email);
  await own.goto(`/payments/${id}`);
  await expect(own.getByTestId('payment-timeline')).toBeVisible();
  await expect(own.getByTestId('raw-callback')).toHaveCount(0);
  await expect(own.locator('[data-kind="audit"]')).toHaveCount(0);
  await expect(own.getByTestId('payment-actions').getByRole('link')).toHaveText(['Open the receipt']);
  await own.context().close();

  const other = await (await browser.newContext()).newPage();
  await signIn(other, 'tenant2@example.com');
  const res = await other.goto(`/payments/${id}`);
  expect(res?.status()).toBe(404);
  expect((await other.request.get(`/api/v1/payments/${id}/timeline`)).status()).toBe(404);
  await other.context().close();
});

test('a dead-letter callback shows its badge; an admin replays it, the inbox processes it again without a second credit, and the audit log has the replay', async ({ page }) => {
  const { receipt } = await paybillPayment();
  // The confirmation as it would stand had every attempt to process it failed (Daraja unreachable for hours).
  const [dead] = await sql<{ id: string }[]>`
    insert into callback_inbox (kind, path, headers, source_address, body, correlation_id, received_at, processed_at, outcome, error, agency_id, attempts, failures, next_attempt_at)
    select kind, path, headers, source_address, body, correlation_id, now(), now(), 'dead', 'E2E: Transaction Status unreachable', agency_id, 8, 8, now()
    from callback_inbox where kind = 'c2b-confirmation' and correlation_id = ${receipt} order by received_at limit 1
    returning id`;
  expect(dead).toBeDefined();

  await signIn(page, 'admin@example.com');
  await page.goto('/admin/mpesa');
  const row = page.locator(`[data-testid="dead-letter-row"][data-callback-id="${dead!.id}"]`);
  await expect(row).toContainText('Dead-letter');
  await expect(row).toContainText('Paybill payment');
  await expect(row).toContainText(receipt);
  await expect(row).toContainText('E2E: Transaction Status unreachable');

  await row.getByRole('button', { name: /^Replay/ }).click();
  // The row leaves the dead-letter list; the page says what processing did with it.
  await expect(page.getByTestId('replay-result')).toHaveAttribute('data-outcome', 'duplicate');
  await expect(page.getByTestId('replay-result')).toContainText('nothing was credited twice');
  // Processed by the normal path: finished, no longer dead, and still one payment for the receipt.
  const [after] = await sql<{ outcome: string | null; processed: boolean; attempts: number }[]>`select outcome, processed_at is not null as processed, attempts from callback_inbox where id = ${dead!.id}`;
  expect(after).toEqual({ outcome: 'duplicate', processed: true, attempts: 1 });
  expect((await sql`select id from payments where mpesa_receipt_number = ${receipt}`).length).toBe(1);
  await expect(page.locator(`[data-testid="dead-letter-row"][data-callback-id="${dead!.id}"]`)).toHaveCount(0);

  const audit = await sql<{ action: string; actor_role: string; details: { lastError?: string } }[]>`
    select action, actor_role, details from audit_log where target_type = 'callback_inbox' and target_id = ${dead!.id}`;
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'callback.replayed', actor_role: 'admin', details: { lastError: 'E2E: Transaction Status unreachable' } });

  // Replaying it again is refused: it is not dead any more.
  const again = await page.request.post(`/api/v1/mpesa/callbacks/${dead!.id}/replay`, { data: {} });
  expect(again.status()).toBe(409);
});
