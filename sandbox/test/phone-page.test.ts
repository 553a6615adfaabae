import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCallbackListener, type CallbackListener } from '../../tests/support/callback-listener';
import { startSandbox, type SandboxHandle } from '../../tests/support/sandbox-process';
import { getToken, post, stkBody, wire } from './daraja-client';

let sb: SandboxHandle;
let cb: CallbackListener;
beforeAll(async () => {
  [sb, cb] = await Promise.all([startSandbox(), startCallbackListener()]);
});
afterAll(async () => {
  await Promise.all([sb.stop(), cb.close()]);
});

it('lists the phones', async () => {
  const r = await wire(`${sb.url}/phone`);
  expect(r.status).toBe(200);
  expect(r.text).toContain('href="/phone/254758990011"');
  expect(r.text).toContain('Halima Hassan');
});

it('shows the prompt, takes the PIN from the form, shows the SMS and sends the callback', async () => {
  const token = await getToken(sb.url);
  const ack = await post(sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({ PartyA: '254758990011', PhoneNumber: '254758990011', Amount: 12500, AccountReference: 'A4-RENT', CallBackURL: `${cb.url}/stk` }));
  const id = (ack.json as { CheckoutRequestID: string }).CheckoutRequestID;
  const page = await wire(`${sb.url}/phone/254758990011`);
  expect(page.text).toContain('data-testid="prompt"');
  expect(page.text).toContain('Do you want to pay Ksh12,500.00 to Demo Properties Account no. A4-RENT? Enter M-PESA PIN:');
  expect(page.text).toContain('Ksh30,000.00');

  const form = new URLSearchParams({ checkoutRequestId: id, pin: '1234', action: 'send' });
  const answer = await fetch(`${sb.url}/phone/254758990011/answer`, { method: 'POST', body: form, redirect: 'manual' });
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe('/phone/254758990011');

  const callback = await cb.waitFor((c) => c.body.includes(id));
  expect(callback.json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
  const after = await wire(`${sb.url}/phone/254758990011`);
  expect(after.text).toContain('data-testid="no-prompt"');
  expect(after.text).toMatch(/[A-Z0-9]{10} Confirmed\. Ksh12,500\.00 sent to Demo Properties for account A4-RENT on \d+\/\d+\/\d{2} at \d+:\d{2} [AP]M New M-PESA balance is Ksh17,500\.00/);
  expect(after.text).toContain('data-testid="balance">Ksh17,500.00');
});

it('answers 404 for an unknown phone', async () => {
  expect((await wire(`${sb.url}/phone/254799999999`)).status).toBe(404);
});
