import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { queryE2eDb } from '../support/e2e-db';
import { E2E_APP_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { e2eMailboxUrl, getAttachment, listEmails, type MailSummary } from '../support/e2e-mailbox';
import { pdfPages } from '../support/pdf-text';
import { signIn } from './sign-in';

/**
 * SMS and email through the built app: the receipt of an STK payment reaches the tenant's virtual phone (through
 * the sandbox's Africa's Talking API) and the local mailbox; its QR code opens the public check page, which says
 * "Reversed" once an admin reversed the payment. Password reset links arrive the same ways.
 */

test.describe.configure({ mode: 'serial' });

const DAVID = '254723456789';

// The virtual phone is the sandbox's own page: it must send its real Origin, not the app's that playwright.config
// adds to every request, or the sandbox refuses it as a cross-origin caller.
const openPhone = async (browser: Browser) => (await browser.newContext({ extraHTTPHeaders: {} })).newPage();
const kes = (n: number) => `KES ${n.toLocaleString('en-KE')}`;

async function waitForEmail(match: (m: MailSummary) => boolean): Promise<MailSummary> {
  let found: MailSummary | undefined;
  await expect.poll(async () => (found = (await listEmails()).find(match)) !== undefined, { timeout: 30_000 }).toBe(true);
  return found!;
}

async function decodeQr(png: Uint8Array): Promise<string> {
  const image = PNG.sync.read(Buffer.from(png));
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code in the image');
  return code.data;
}

async function reverse(page: Page, paymentId: string) {
  await page.goto(`/payments/${paymentId}/reverse`);
  await page.getByLabel('Reason for the reversal').fill('Paid twice by mistake (messaging e2e)');
  await page.getByLabel(/I understand this reverses/).check();
  await page.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(page.getByTestId('reversal-status')).toHaveAttribute('data-status', 'SUCCESS', { timeout: 30_000 });
}

test('a tenant pays: receipt SMS on the virtual phone, email in the local inbox, the QR opens the check page, which says Reversed after a reversal', async ({ page, browser }) => {
  const amount = 1_313;
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, 'david@example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill(String(amount));
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  // David's phone approves the prompt by itself; his virtual phone's inbox then shows Haven's receipt SMS.
  await expect(page.getByText('Payment received')).toBeVisible({ timeout: 30_000 });
  const phone = await openPhone(browser);
  await phone.goto(`${E2E_SANDBOX_URL}/phone/${DAVID}`);
  const mpesaReceipt = (await page.getByTestId('stk-receipt-number').textContent())!.trim();

  const receiptSms = phone.getByTestId('sms').filter({ hasText: `received ${kes(amount)}` });
  await expect(receiptSms).toHaveCount(1, { timeout: 30_000 });
  await expect(receiptSms).toContainText('AFRICASTKNG');
  await expect(receiptSms).toContainText(mpesaReceipt);
  await expect(phone.getByTestId('sms').filter({ hasText: `${mpesaReceipt} Confirmed` })).toHaveCount(1);
  const smsText = (await receiptSms.textContent())!.replace(/^AFRICASTKNG/, '');
  expect(smsText.length).toBeLessThanOrEqual(160);

  // The email, in the local mailbox's web inbox and as stored.
  const email = await waitForEmail((m) => m.to.includes('david@example.com') && m.subject.includes(kes(amount)));
  expect(email.fromName).toBe('Demo Properties');
  const inbox = await browser.newPage();
  await inbox.goto(e2eMailboxUrl());
  await inbox.getByRole('link', { name: email.subject }).click();
  await expect(inbox.getByTestId('mail-text')).toContainText(mpesaReceipt);
  await expect(inbox.frameLocator('iframe').getByText('Payment received')).toBeVisible();

  const [payment] = await queryE2eDb<{ id: string; code: string }>('select p.id, c.code from payments p join receipt_codes c on c.payment_id = p.id where p.mpesa_receipt_number = $1', [mpesaReceipt]);
  const qrIndex = email.attachments.findIndex((a) => a.cid === 'receipt-qr');
  const pdfIndex = email.attachments.findIndex((a) => a.contentType === 'application/pdf');
  const verifyUrl = await decodeQr(await getAttachment(email.id, qrIndex));
  expect(verifyUrl).toBe(`${E2E_APP_URL}/r/${payment!.code}`);
  expect(smsText).toContain(verifyUrl);
  const [pdfText] = await pdfPages(await getAttachment(email.id, pdfIndex));
  for (const text of [payment!.code, mpesaReceipt, kes(amount), 'Total paid', 'David Kiprotich']) expect(pdfText).toContain(text);

  // The QR link: anyone, signed in or not, sees that the receipt is genuine, and nothing personal.
  const stranger = await browser.newContext();
  const check = await stranger.newPage();
  await check.goto(verifyUrl);
  await expect(check.getByTestId('verify-status')).toHaveText('Valid receipt');
  await expect(check.getByTestId('verify-details')).toContainText(kes(amount));
  await expect(check.getByTestId('verify-details')).toContainText(mpesaReceipt);
  await expect(check.getByTestId('verify-details')).toContainText('Demo Properties');
  await expect(check.locator('body')).not.toContainText('David');
  await expect(check.locator('body')).not.toContainText('Kilimani');

  // The same receipt as a PDF from the receipt page, for the tenant.
  const pdf = await page.request.get(`/api/v1/receipts/${payment!.id}/pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdfPages(new Uint8Array(await pdf.body())))[0]).toContain(payment!.code);

  // An admin sees both messages on the lease page, then reverses the payment.
  const admin = await browser.newPage();
  await signIn(admin, 'admin@example.com');
  const [lease] = await queryE2eDb<{ id: string }>('select lease_id as id from payments where id = $1', [payment!.id]);
  await admin.goto(`/leases/${lease!.id}`);
  // This payment's receipt, by SMS and by email (the lease may have others), both sent.
  const receipts = admin.getByTestId('message-row').filter({ hasText: payment!.code });
  await expect(receipts).toHaveCount(2);
  await expect(receipts.and(admin.locator('[data-kind="payment-receipt"][data-status="sent"]'))).toHaveCount(2);
  await reverse(admin, payment!.id);

  await check.reload();
  await expect(check.getByTestId('verify-status')).toHaveText('Reversed');
  await expect(phone.getByTestId('sms').filter({ hasText: `${mpesaReceipt}) was reversed on` })).toHaveCount(1, { timeout: 30_000 });
  await waitForEmail((m) => m.to.includes('david@example.com') && m.subject.startsWith('Reversed:'));
  await stranger.close();
});

test('a check page for a code that does not exist says so, without a hint', async ({ page }) => {
  await page.goto('/r/ZZZZZ-ZZZZZ');
  await expect(page.getByTestId('verify-status')).toHaveText('No such receipt');
  expect((await page.goto('/r/not-a-code'))?.status()).toBe(200);
  await expect(page.getByTestId('verify-status')).toHaveText('No such receipt');
});

test('password reset: by email, then by SMS on the virtual phone; each link works once', async ({ page, browser }) => {
  const email = 'george@example.com';
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email or phone number').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('Check your messages')).toBeVisible();
  const mail = await waitForEmail((m) => m.to.includes(email) && m.subject === 'Reset your Haven password');
  const link = (await (await fetch(`${e2eMailboxUrl()}/api/messages/${mail.id}`)).json() as { text: string }).text.match(/https?:\/\/\S+\/reset-password\/\S+/)![0];
  await page.goto(link);
  await page.getByLabel('New password').fill('a-new-password-1');
  await page.getByLabel('The same password again').fill('a-new-password-1');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByText('Your password was changed')).toBeVisible();
  await signIn(page, email, 'a-new-password-1');
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText('This link has expired or was already used')).toBeVisible();

  // By phone: the link comes by SMS; it sets the demo password back.
  await page.goto('/forgot-password');
  await page.getByLabel('Email or phone number').fill('0746 778 899');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('Check your messages')).toBeVisible();
  const phone = await openPhone(browser);
  await phone.goto(`${E2E_SANDBOX_URL}/phone/254746778899`);
  const sms = phone.getByTestId('sms').filter({ hasText: 'reset your password' });
  await expect(sms).toHaveCount(1, { timeout: 30_000 });
  await sms.getByRole('link').click();
  await phone.getByLabel('New password').fill('haven-demo');
  await phone.getByLabel('The same password again').fill('haven-demo');
  await phone.getByRole('button', { name: 'Set my password' }).click();
  await signIn(phone, email);
  // What admins see of it: the message, with the link hidden.
  const [stored] = await queryE2eDb<{ body: string }>("select body from messages where kind = 'password-reset' and channel = 'sms' order by created_at desc limit 1");
  expect(stored!.body).toContain('[one-time link]');
  expect(stored!.body).not.toContain('/reset-password/');
});

test('a tenant chooses channels; at least one must stay on', async ({ page }) => {
  await signIn(page, 'faith@example.com');
  await page.getByRole('link', { name: 'Messages' }).first().click();
  await page.getByLabel(/^SMS/).uncheck();
  await page.getByLabel(/^Email/).uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Choose at least one')).toBeVisible();
  await page.getByLabel(/^Email/).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^SMS/)).not.toBeChecked();
  await page.getByLabel(/^SMS/).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
});
