import { expect, test } from '@playwright/test';
import { getToken, post, stkBody } from '../../sandbox/test/daraja-client';
import { startCallbackListener } from '../support/callback-listener';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';

// The virtual phone is the sandbox's own page: its requests carry their real Origin, not the app's (playwright.config).
test.use({ extraHTTPHeaders: {} });

// A phone of its own, so this test never competes with the payment tests for a demo tenant's prompt.
const MSISDN = '254799000101';

test('a person answers an STK prompt on the virtual phone, gets the SMS, and the callback arrives', async ({ page }) => {
  const control = sandboxControl(E2E_SANDBOX_URL);
  await control.setSubscriber(MSISDN, { name: 'Wairimu Test', pin: '4321', balance: 9_000, behaviour: 'manual' });
  const listener = await startCallbackListener();
  try {
    const token = await getToken(E2E_SANDBOX_URL);
    const push = await post(E2E_SANDBOX_URL, '/mpesa/stkpush/v1/processrequest', token,
      stkBody({ Amount: 1250, PartyA: MSISDN, PhoneNumber: MSISDN, CallBackURL: `${listener.url}/stk`, AccountReference: 'KH-B2' }));
    expect(push.status).toBe(200);
    const checkoutRequestId = (push.json as { CheckoutRequestID: string }).CheckoutRequestID;

    await page.goto(`${E2E_SANDBOX_URL}/phone`);
    await page.getByTestId(`phone-link-${MSISDN}`).click();
    await expect(page.getByTestId('prompt-text')).toContainText('1,250');
    await expect(page.getByTestId('prompt-text')).toContainText('KH-B2');
    await page.getByLabel('Enter M-PESA PIN').fill('4321');
    await page.getByTestId('send-button').click();

    await expect(page.getByTestId('sms').first()).toContainText('Confirmed');
    await expect(page.getByTestId('balance')).toContainText('7,750');

    const callback = await listener.waitFor((cb) => cb.path === '/stk');
    const body = callback.json as { Body: { stkCallback: { CheckoutRequestID: string; ResultCode: number } } };
    expect(body.Body.stkCallback.CheckoutRequestID).toBe(checkoutRequestId);
    expect(body.Body.stkCallback.ResultCode).toBe(0);
  } finally {
    await listener.close();
  }
});
