import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../support/e2e-db';
import { pdfPages } from '../support/pdf-text';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * Running an agency in the browser, against the built app and the sandbox: an admin creates a property with 12
 * units, adds a tenant and a lease and activates it; the tenant accepts the invite, signs in, sees the deposit
 * and first rent due and pays by STK; the landlord sees the occupancy and the payment.
 */

test.describe.configure({ mode: 'serial' });

const control = sandboxControl(E2E_SANDBOX_URL);
// A 1×1 PNG: a photo of the damage.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TENANT_PASSWORD = 'a-long-password-1';
const TENANT = { name: 'Wairimu Njoroge', phone: '0799 000 111', msisdn: '254799000111', email: 'wairimu.journey@example.com' };

test('admin sets up a property, tenant and lease; the tenant accepts the invite and pays; the landlord sees it', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, 'admin@example.com');

  await page.goto('/properties/new');
  await page.getByLabel('Property name').fill('Ngong Ridge Apartments');
  await page.getByLabel('Location').fill('Ngong Rd, Kilimani, Nairobi');
  await page.getByLabel('Short code').fill('NR');
  await page.getByLabel('Landlord (owner)').selectOption({ label: 'Peter Mwangi' });
  // A mistake first: the error shows beside its field and nothing is created.
  await page.getByLabel('Agency commission (%)').fill('ten');
  await page.getByRole('button', { name: 'Add the property' }).click();
  await expect(page.locator('[id$="-commissionPercent-error"]')).toHaveText('Enter a percent, like 10 or 7.5');
  await expect(page.getByLabel('Agency commission (%)')).toHaveAccessibleDescription(/Enter a percent, like 10 or 7.5/);
  await page.getByLabel('Agency commission (%)').fill('10');
  await page.getByRole('button', { name: 'Add the property' }).click();
  await expect(page.getByRole('heading', { name: 'Ngong Ridge Apartments' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Units', exact: true }).fill('A1–A12');
  await page.getByLabel('Rent (KES a month)').last().fill('20000');
  await page.getByLabel('Deposit (KES)').last().fill('20000');
  await page.getByRole('button', { name: 'Add units' }).click();
  await expect(page.getByTestId('unit-count')).toHaveText('12');
  await expect(page.getByTestId('occupancy')).toHaveText('0%');

  await page.goto('/tenants/new');
  await page.getByLabel('Full name').fill(TENANT.name);
  await page.getByLabel('M-Pesa phone number').fill(TENANT.phone);
  await page.getByLabel('Email').fill(TENANT.email);
  await page.getByRole('button', { name: 'Add the tenant' }).click();
  await expect(page.getByRole('heading', { name: TENANT.name })).toBeVisible();
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const inviteUrl = await page.getByTestId('invite-url').inputValue();
  expect(inviteUrl).toMatch(/\/invite\/[\w-]{40,}$/);

  const [unit] = await queryE2eDb<{ id: string }>("select u.id from units u join properties p on p.id = u.property_id where p.code = 'NR' and u.label = 'A1'");
  await page.goto(`/leases/new?unit=${unit!.id}`);
  await page.getByLabel('Tenant').selectOption({ label: `${TENANT.name} · ${TENANT.email}` });
  await page.getByRole('button', { name: 'Create draft lease' }).click();
  await expect(page.getByTestId('lease-status')).toHaveText('Draft');
  await expect(page.getByTestId('account-reference')).toHaveText('NR-A1-L'); // its check letter: lib/leases/account-reference.ts
  await page.getByRole('button', { name: 'Activate lease' }).click();
  await expect(page.getByTestId('lease-status')).toHaveText('Active');
  const [lease] = await queryE2eDb<{ id: string; due: string }>(
    "select l.id, (select sum(amount_cents) from charges c where c.lease_id = l.id)::text as due from leases l where l.account_reference = 'NR-A1-L' and l.status = 'active'",
  );
  const dueKes = Number(lease!.due) / 100;
  expect(dueKes).toBeGreaterThan(20_000);

  // The tenant's phone answers M-Pesa prompts by itself in the sandbox.
  await control.setSubscriber(TENANT.msisdn, { name: TENANT.name, balance: 100_000, behaviour: 'auto-approve' });
  const tenantContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const tenant = await tenantContext.newPage();
  await tenant.goto(new URL(inviteUrl).pathname);
  await tenant.getByLabel('New password').fill(TENANT_PASSWORD);
  await tenant.getByLabel('Type it again').fill(TENANT_PASSWORD);
  await tenant.getByRole('button', { name: 'Set password' }).click();
  await expect(tenant.getByText('Your password is set')).toBeVisible();
  await signIn(tenant, TENANT.email, TENANT_PASSWORD);
  await tenant.goto('/tenant');
  await expect(tenant.getByTestId('amount-due')).toHaveText(`KES ${dueKes.toLocaleString('en-KE')}`);
  await expect(tenant.getByText('Security deposit')).toBeVisible();
  await expect(tenant.getByText(/^Rent /).first()).toBeVisible();
  // The invite link works once.
  await tenant.goto(new URL(inviteUrl).pathname);
  await expect(tenant.getByText('already been used')).toBeVisible();

  await tenant.goto('/tenant/pay');
  await expect(tenant.getByLabel('Amount (KES)')).toHaveValue(String(dueKes));
  await tenant.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(tenant.getByText('Payment received')).toBeVisible({ timeout: 60_000 });
  const receipt = (await tenant.getByTestId('stk-receipt-number').textContent())?.trim() ?? '';
  await tenant.goto('/tenant');
  await expect(tenant.getByTestId('amount-due')).toHaveText('KES 0');
  await tenantContext.close();

  const landlordContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const landlord = await landlordContext.newPage();
  await signIn(landlord, 'landlord@example.com');
  await landlord.goto('/properties?q=Ngong');
  await expect(landlord.getByTestId('property-list')).toContainText('1/12 let');
  await landlord.getByRole('link', { name: 'Ngong Ridge Apartments' }).click();
  await expect(landlord.getByTestId('occupancy')).toHaveText('8%');
  await landlord.goto(`/leases/${lease!.id}`);
  await expect(landlord.getByText(receipt)).toBeVisible();
  await landlord.goto('/landlord');
  await expect(landlord.getByText(receipt).first()).toBeVisible();
  // The tenant's statement as a PDF from the statement page: the payment's receipt and the closing balance.
  await landlord.goto(`/leases/${lease!.id}/statement`);
  const [download] = await Promise.all([landlord.waitForEvent('download'), landlord.getByRole('link', { name: 'Download PDF' }).click()]);
  const pdfText = (await pdfPages(readFileSync((await download.path())!))).join('\n');
  expect(pdfText).toContain('Tenant statement');
  expect(pdfText).toContain(receipt);
  expect(pdfText).toContain(TENANT.name);
  await landlordContext.close();
});

test('the tenant moves out: two deductions (one with a photo), a dispute and its answer, then the rest refunded by M-Pesa after an admin approves', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const [lease] = await queryE2eDb<{ id: string }>("select l.id from leases l join users u on u.id = l.tenant_id where u.email = 'wairimu.journey@example.com'");
  const leasePage = `/leases/${lease!.id}`;
  await signIn(page, 'landlord@example.com');
  await page.goto(leasePage);
  await expect(page.getByTestId('deposit-held-now')).toHaveText('KES 20,000');

  await page.getByText('End the lease (move-out)').click();
  const end = page.getByRole('form', { name: 'End lease' });
  await end.getByLabel('Reason').fill('Moved to Mombasa');
  await end.getByRole('button', { name: 'End lease' }).click();
  await expect(page.getByTestId('lease-status')).toHaveText('Ended');

  // Two deductions through the form the landlord uses, the first with a photo (multipart upload).
  const deduct = async (category: string, description: string, kes: number, file?: { name: string; buffer: Buffer }) => {
    const summary = page.getByText('Deduct from the deposit', { exact: true });
    if (!(await page.getByRole('form', { name: 'Deduct from the deposit' }).isVisible())) await summary.click();
    const form = page.getByRole('form', { name: 'Deduct from the deposit' });
    await form.getByLabel('For').selectOption({ label: category });
    await form.getByLabel('What was wrong and what it cost').fill(description);
    await form.getByLabel('Amount (KES)').fill(String(kes));
    if (file) await form.getByLabel('Photos or documents (optional)').setInputFiles({ name: file.name, mimeType: 'image/png', buffer: file.buffer });
    await form.getByRole('button', { name: 'Add deduction' }).click();
    await expect(page.getByTestId('deductions')).toContainText(description);
  };
  await deduct('Damage', 'Broken kitchen window', 3_000, { name: 'window.png', buffer: PNG });
  await deduct('Cleaning', 'Deep cleaning', 1_500);
  await expect(page.getByTestId('deposit-held-now')).toHaveText('KES 15,500');
  // The photo belongs to the first deduction only (the form starts empty again), kept as sent and served to those
  // who may see the lease.
  await expect(page.getByRole('link', { name: 'window.png' })).toHaveCount(1);
  const photo = await page.request.get((await page.getByRole('link', { name: 'window.png' }).getAttribute('href'))!);
  expect(photo.status()).toBe(200);
  expect(Buffer.from(await photo.body()).equals(PNG)).toBe(true);

  // The tenant disputes; the refund waits for the landlord's answer.
  const tenantContext = await browser.newContext();
  const tenant = await tenantContext.newPage();
  await signIn(tenant, TENANT.email, TENANT_PASSWORD);
  await tenant.goto(leasePage);
  await expect(tenant.getByTestId('deductions')).toContainText('Broken kitchen window');
  await tenant.getByText('Dispute the deductions').click();
  await tenant.getByLabel('What do you disagree with?').fill('The window was cracked when I moved in');
  await tenant.getByRole('button', { name: 'Send dispute' }).click();
  await expect(tenant.getByTestId('disputes')).toContainText('Waiting for an answer');
  await tenantContext.close();

  await page.reload();
  await expect(page.getByText('Answer the tenant’s dispute before refunding the rest.')).toBeVisible();
  await page.getByLabel('Your answer').fill('The move-in report shows it whole; photo attached');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByTestId('disputes')).toContainText('Answer: The move-in report');

  const before = (await control.subscriber(TENANT.msisdn)).balanceCents;
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Refund KES 15,500 by M-Pesa' }).click();
  const [payout] = await (async () => {
    let rows: { id: string; status: string }[] = [];
    await expect.poll(async () => (rows = await queryE2eDb<{ id: string; status: string }>(`select id, status from mpesa_b2c_transactions where lease_id = '${lease!.id}'`)).length).toBe(1);
    return rows;
  })();
  // Above the agency's threshold: nothing leaves until an admin approves.
  expect(payout!.status).toBe('AWAITING_APPROVAL');

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@example.com');
  await admin.goto('/payouts');
  await admin.locator(`[data-testid="awaiting-approval"] [data-payout-id="${payout!.id}"]`).getByRole('button', { name: /Approve/ }).click();
  await expect.poll(async () => (await control.subscriber(TENANT.msisdn)).balanceCents, { timeout: 60_000 }).toBe(before + 1_550_000);
  await expect.poll(async () => {
    await page.goto(leasePage);
    return page.getByTestId('deposit-held-now').textContent();
  }, { timeout: 60_000 }).toBe('KES 0');
  const kinds = await queryE2eDb<{ kind: string; amount_cents: string }>(`select kind, amount_cents::text from deposit_movements where lease_id = '${lease!.id}' order by created_at`);
  expect(kinds.map((k) => `${k.kind} ${k.amount_cents}`)).toEqual(expect.arrayContaining(['deduction -300000', 'deduction -150000', 'refund -1550000']));
});
