import { expect, test } from '@playwright/test';
import { startAppInstance, registerPaybillUrls, type AppInstance } from '../support/app-instance';
import { getLeaseIdByTenantEmail, queryE2eDb } from '../support/e2e-db';
import { E2E_APP_PORT, E2E_APP_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from '../e2e/sign-in';

/**
 * kill -9 in the worst place: M-Pesa has acknowledged the push (and will take the money), but the app dies before
 * it stores the CheckoutRequestID. After a restart, the payment is credited exactly once, from M-Pesa's evidence.
 */

const control = sandboxControl(E2E_SANDBOX_URL);
const HALIMA = '254758990011';

test('kill -9 between the Daraja ack and storing it, then restart: the payment is credited once', async ({ page }) => {
  test.setTimeout(300_000);
  const port = E2E_APP_PORT + 7;
  const leaseId = await getLeaseIdByTenantEmail('halima@example.com');
  const paymentsOf = async () => (await queryE2eDb<{ n: number }>('select count(*)::int as n from payments where lease_id = $1', [leaseId]))[0]!.n;
  const before = await paymentsOf();
  await control.setSubscriber(HALIMA, { behaviour: 'manual' });
  let app: AppInstance | null = await startAppInstance({ port, env: { HAVEN_FAULT_KILL_AFTER_STK_ACK: '1' } });
  try {
    // Cookies are per host, not per port: signing in on the main app signs in on this instance too.
    await signIn(page, 'halima@example.com');
    const crashed = await page.request
      // As that instance's own page would send it: a request from the main app's origin is cross-origin there.
      .post(`${app.url}/api/v1/mpesa/stk-push`, { data: { leaseId, amount: 1_919, phoneNumber: '0758 990 011' }, headers: { origin: app.url }, timeout: 30_000 })
      .then(() => false, () => true);
    expect(crashed).toBe(true);
    await app.exited;
    app = null;

    const [push] = await queryE2eDb<{ id: string; status: string; checkout_request_id: string | null; sent_at: Date | null }>(
      "select id, status, checkout_request_id, sent_at from mpesa_transactions where lease_id = $1 and amount_cents = 191900 order by created_at desc limit 1",
      [leaseId],
    );
    // What we knew before the call survived the crash; what M-Pesa answered did not.
    expect(push).toMatchObject({ status: 'PENDING', checkout_request_id: null });
    expect(push!.sent_at).not.toBeNull();

    app = await startAppInstance({ port });
    // The prompt reached the phone before the crash; the tenant pays.
    await control.waitForPrompt(HALIMA);
    await control.answerPrompt(HALIMA, { pin: '1234' });

    await expect.poll(async () => (await queryE2eDb<{ status: string; receipt: string | null }>('select status, mpesa_receipt_number as receipt from mpesa_transactions where id = $1', [push!.id]))[0], { timeout: 60_000 })
      .toMatchObject({ status: 'SUCCESS', receipt: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    expect(await paymentsOf()).toBe(before + 1);
    const [payment] = await queryE2eDb<{ amount_cents: number; mpesa_transaction_id: string }>('select amount_cents::int, mpesa_transaction_id from payments where lease_id = $1 order by created_at desc limit 1', [leaseId]);
    expect(payment).toEqual({ amount_cents: 191_900, mpesa_transaction_id: push!.id });
  } finally {
    app?.kill('SIGKILL');
    await registerPaybillUrls(E2E_APP_URL);
  }
});
