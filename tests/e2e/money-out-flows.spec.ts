import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { E2E_DATABASE_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Money out against the built app and the sandbox: refunds (B2C), approvals, failures, unknown outcomes settled by
 * Transaction Status, reversals, the balance widget and access control. The sandbox is shared with other specs:
 * scenarios are scoped to the b2c api and one phone, faults to the b2c api (only this spec uses it), and all are
 * cleared after each test.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
const sql = postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });

test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});
test.afterEach(async () => {
  await control.clearScenarios();
  await control.clearFaults();
});

async function leaseOf(email: string) {
  const [row] = await sql<{ id: string; account_reference: string; agency_id: string }[]>`
    select l.id, l.account_reference, l.agency_id from leases l join users u on u.id = l.tenant_id where u.email = ${email}`;
  return row!;
}
// As the ledger defines it: what payments settled of the deposit charge, plus deposit movements (refunds negative).
const depositHeld = async (leaseId: string) => Number((await sql`
  select (select coalesce(sum(pa.amount_cents), 0) from payment_allocations pa join charges c on c.id = pa.charge_id where c.kind = 'deposit' and pa.lease_id = ${leaseId})
    + (select coalesce(sum(amount_cents), 0) from deposit_movements where lease_id = ${leaseId}) as s`)[0]!.s);

async function refund(page: Page, leaseId: string, { amount, remarks, approval = false }: { amount: number; remarks: string; approval?: boolean }) {
  await page.goto(`/leases/${leaseId}/refund`);
  await page.getByLabel('Amount (KES)').fill(String(amount));
  await page.getByLabel('Remarks').fill(remarks);
  if (approval) await page.getByLabel('Ask an admin to approve before sending').check();
  await page.getByRole('button', { name: /^Send/ }).click();
}

test('a landlord refunds part of a deposit under the threshold: sent, completed, the tenant’s M-Pesa shows it', async ({ page }) => {
  const lease = await leaseOf('cynthia@example.com');
  const held = await depositHeld(lease.id);
  const before = await control.subscriber('254711223344');
  await signIn(page, 'landlord@example.com');
  await refund(page, lease.id, { amount: 4_000, remarks: 'Part deposit refund e2e' });
  const status = page.getByTestId('payout-status');
  await expect(status).toHaveAttribute('data-status', 'SUCCESS');
  await expect(status).toContainText('Money sent');
  await expect(status).toContainText('Cynthia Njeri');
  const after = await control.subscriber('254711223344');
  expect(after.balanceCents).toBe(before.balanceCents + 400_000);
  expect(after.sms[0]?.text).toContain('4,000');
  expect(await depositHeld(lease.id)).toBe(held - 400_000);
  await page.reload();
  await expect(page.getByTestId('deposit-held')).toContainText(`KES ${((held - 400_000) / 100).toLocaleString('en-KE')}`);
});

test('above the threshold a refund waits; the requester cannot approve their own; another admin approves and it is sent', async ({ page, browser }) => {
  const lease = await leaseOf('david@example.com');
  await signIn(page, 'landlord@example.com');
  await refund(page, lease.id, { amount: 12_000, remarks: 'Move-out refund e2e' });
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'AWAITING_APPROVAL');
  await expect(page.getByTestId('payout-status')).toContainText('Waiting for an admin');
  await expect(page.getByTestId('approval-reasons')).toContainText('Over the KES 10,000 limit for one payout');
  const [payout] = await sql<{ id: string }[]>`select id from mpesa_b2c_transactions where remarks = 'Move-out refund e2e'`;

  const admin = await browser.newPage();
  await signIn(admin, 'admin@example.com');
  // The admin's own payout above the threshold: listed as waiting, but without Approve, and the API refuses.
  await admin.goto('/payouts/new');
  await admin.getByLabel('Recipient’s M-Pesa number').fill('0700 555 666');
  await admin.getByLabel('Amount (KES)').fill('15000');
  await admin.getByLabel('Remarks').fill('Own bonus e2e');
  await admin.getByRole('button', { name: /^Send/ }).click();
  await expect(admin.getByTestId('payout-status')).toHaveAttribute('data-status', 'AWAITING_APPROVAL');
  // 0700 555 666 is the admin's own phone: that alone needs another admin, and the form says so.
  await expect(admin.getByTestId('approval-reasons')).toContainText('Paying your own phone needs another admin');
  const [own] = await sql<{ id: string }[]>`select id from mpesa_b2c_transactions where remarks = 'Own bonus e2e'`;
  const refused = await admin.request.post(`/api/v1/mpesa/payouts/${own!.id}/approve`, { data: {} });
  expect(refused.status()).toBe(403);

  await admin.goto('/payouts');
  await expect(admin.locator(`[data-payout-id="${own!.id}"]`).first().getByRole('button', { name: /Approve/ })).toHaveCount(0);
  // Where requests wait, each says why: the admin's own, and the landlord's as the approver reads it.
  await expect(admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${own!.id}"] [data-testid="approval-reasons"]`)).toContainText('Paying your own phone needs another admin');
  await expect(admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${payout!.id}"] [data-testid="approval-reasons"]`)).toContainText('Over the KES 10,000 limit for one payout');
  await admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${payout!.id}"]`).getByRole('button', { name: /Approve/ }).click();
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'SUCCESS', { timeout: 30_000 });
  const [row] = await sql`select status, approved_by from mpesa_b2c_transactions where id = ${payout!.id}`;
  expect(row!.status).toBe('SUCCESS');
  expect(row!.approved_by).not.toBeNull();
  const audit = await sql`select action from audit_log where target_id = ${payout!.id}`;
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['payout.requested', 'payout.approved', 'payout.sent', 'payout.succeeded']));
  await admin.close();
});

test('insufficient Utility balance (1) and a wrong initiator credential (2001) fail with clear messages', async ({ page }) => {
  const lease = await leaseOf('faith@example.com');
  const held = await depositHeld(lease.id);
  await signIn(page, 'landlord@example.com');
  await control.addScenario({ match: { api: 'b2c', phone: '254110334455' }, resultCode: '1' });
  await refund(page, lease.id, { amount: 500, remarks: 'Insufficient e2e' });
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'FAILED');
  await expect(page.getByTestId('payout-status')).toContainText('Insufficient funds in M-Pesa account');

  await control.addScenario({ match: { api: 'b2c', phone: '254110334455' }, resultCode: '2001' });
  await refund(page, lease.id, { amount: 500, remarks: 'Bad credential e2e' });
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'FAILED');
  await expect(page.getByTestId('payout-status')).toContainText('the M-Pesa API password or certificate was rejected');
  expect(await depositHeld(lease.id)).toBe(held);
});

test('a dropped result is settled by Transaction Status, and a triple result makes one ledger entry', async ({ page }) => {
  const lease = await leaseOf('halima@example.com');
  const held = await depositHeld(lease.id);
  await signIn(page, 'landlord2@example.com');
  await control.addFault({ api: 'b2c', kind: 'drop-callback' });
  await refund(page, lease.id, { amount: 1_000, remarks: 'Dropped result e2e' });
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', /PENDING|UNKNOWN/);
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'SUCCESS', { timeout: 40_000 });
  const [dropped] = await sql<{ id: string }[]>`select id from mpesa_b2c_transactions where remarks = 'Dropped result e2e'`;
  const actions = (await sql`select action from audit_log where target_id = ${dropped!.id}`).map((a) => a.action);
  expect(actions).toContain('payout.status_query');

  await control.addFault({ api: 'b2c', kind: 'duplicate-callback', copies: 3 });
  await refund(page, lease.id, { amount: 1_500, remarks: 'Triple result e2e' });
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'SUCCESS');
  const [triple] = await sql<{ id: string }[]>`select id from mpesa_b2c_transactions where remarks = 'Triple result e2e'`;
  await expect.poll(async () => Number((await sql`select count(*) as n from callback_inbox where kind = 'b2c-result' and correlation_id = ${triple!.id} and processed_at is not null`)[0]!.n)).toBe(3);
  expect(Number((await sql`select count(*) as n from deposit_movements where b2c_transaction_id = ${triple!.id}`)[0]!.n)).toBe(1);
  expect(await depositHeld(lease.id)).toBe(held - 250_000);
});

test('a double submit sends one payout', async ({ page }) => {
  const lease = await leaseOf('tenant2@example.com');
  await signIn(page, 'landlord2@example.com');
  await page.goto(`/leases/${lease.id}/refund`);
  await page.getByLabel('Amount (KES)').fill('300');
  await page.getByLabel('Remarks').fill('Double submit e2e');
  await page.getByRole('button', { name: /^Send/ }).dblclick();
  await expect(page.getByTestId('payout-status')).toHaveAttribute('data-status', 'SUCCESS');
  // And the same idempotency key replayed by hand finds the same payout.
  const [row] = await sql<{ id: string; idempotency_key: string }[]>`select id, idempotency_key from mpesa_b2c_transactions where remarks = 'Double submit e2e'`;
  const replay = await page.request.post('/api/v1/mpesa/b2c', {
    data: { leaseId: lease.id, phone: '0722123456', amount: 300, occasion: 'Refund', remarks: 'Double submit e2e', idempotencyKey: row!.idempotency_key },
  });
  expect(replay.status()).toBe(200);
  expect(((await replay.json()) as { payout: { id: string } }).payout.id).toBe(row!.id);
  expect(Number((await sql`select count(*) as n from mpesa_b2c_transactions where remarks = 'Double submit e2e'`)[0]!.n)).toBe(1);
  expect((await control.state()).transactions.filter((t) => t.originatorConversationId === row!.id)).toHaveLength(1);
});
