import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { getToken, post } from '../../sandbox/test/daraja-client';
import { signIn } from './sign-in';

/**
 * A second agency with its own credentials and paybill: its tenant's STK push goes to 174380 with its own app,
 * the money lands in that organisation's account, and a paybill payment to 174380 with account UC-1A is credited
 * to its lease — never to the first agency's.
 */

const control = sandboxControl(E2E_SANDBOX_URL);

test('a tenant of the second agency pays into its paybill', async ({ page }) => {
  await control.setSubscriber('254722444556', { name: 'Joseph Mutiso', balance: 100_000, behaviour: 'auto-approve' });
  const before = await control.organisation('174380');
  await signIn(page, 'tenant@umoja.example.com');
  await page.goto('/tenant/pay');
  await page.getByLabel('Amount (KES)').fill('1000');
  await page.getByRole('button', { name: /with M-Pesa$/ }).click();
  await expect(page.getByText('Payment received')).toBeVisible({ timeout: 60_000 });
  const [push] = await queryE2eDb<{ shortcode: string; account_reference: string }>(
    "select t.shortcode, t.account_reference from mpesa_transactions t join users u on u.id = t.initiated_by where u.email = 'tenant@umoja.example.com' order by t.created_at desc limit 1",
  );
  expect(push).toEqual({ shortcode: '174380', account_reference: 'UC-1A' });
  const after = await control.organisation('174380');
  expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));
  const [payment] = await queryE2eDb<{ n: number }>(
    "select count(*)::int as n from payments p join leases l on l.id = p.lease_id where l.account_reference = 'UC-1A' and p.amount_cents = 100000",
  );
  expect(payment!.n).toBe(1);
});

test('a paybill payment to the second agency is credited to its lease; the same account typed on the first paybill is not', async () => {
  await control.setSubscriber('254722444556', { name: 'Joseph Mutiso', balance: 100_000, behaviour: 'auto-approve' });
  const token = await getToken(E2E_SANDBOX_URL);
  const credited = async (amountCents: number) =>
    (await queryE2eDb<{ n: number }>(
      `select count(*)::int as n from payments p join leases l on l.id = p.lease_id where l.account_reference = 'UC-1A' and p.amount_cents = ${amountCents} and p.status = 'completed'`,
    ))[0]!.n;

  const own = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174380', CommandID: 'CustomerPayBillOnline', Amount: 2_345, Msisdn: '254722444556', BillRefNumber: 'UC-1A' });
  expect(own.status).toBe(200);
  await expect.poll(() => credited(234_500), { timeout: 30_000 }).toBe(1);

  // The first agency's paybill with the second agency's account number: whatever happens to that money (refused at
  // validation, or held as unmatched), it is never credited to the second agency's lease.
  const wrong = await post(E2E_SANDBOX_URL, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 2_346, Msisdn: '254722444556', BillRefNumber: 'UC-1A' });
  expect(wrong.status).toBe(200);
  await expect.poll(async () => (await queryE2eDb<{ n: number }>("select count(*)::int as n from callback_inbox where body like '%2346%' and processed_at is not null"))[0]!.n, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await credited(234_600)).toBe(0);
});
