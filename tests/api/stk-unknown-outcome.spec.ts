import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl, type SandboxFaultInput } from '../support/sandbox-process';
import { signIn } from '../e2e/sign-in';

/**
 * Daraja failing at the moment of the push, against the built app: the answer never becomes HTTP 500 or "nothing
 * was charged" when M-Pesa may have taken the request; the push stays pending and blocks a second one; the payment
 * is credited exactly once when M-Pesa's own records (the paybill twin, proven by Transaction Status) settle it.
 */

const control = sandboxControl(E2E_SANDBOX_URL);

interface PushAnswer {
  id: string;
  unknownOutcome: boolean;
  checkoutRequestId: string | null;
  status: { status: string; userMessage: string };
}

const payments = async (leaseId: string) => (await queryE2eDb<{ n: number }>('select count(*)::int as n from payments where lease_id = $1', [leaseId]))[0]!.n;
const push = async (id: string) =>
  (await queryE2eDb<{ status: string; mpesa_receipt_number: string | null; checkout_request_id: string | null; sent_at: Date | null }>(
    'select status, mpesa_receipt_number, checkout_request_id, sent_at from mpesa_transactions where id = $1',
    [id],
  ))[0]!;

async function tenantApi(page: Page, email: string): Promise<APIRequestContext> {
  await signIn(page, email);
  return page.request;
}

async function phoneOf(email: string): Promise<string> {
  return (await queryE2eDb<{ phone: string }>('select phone from users where email = $1', [email]))[0]!.phone;
}

test.afterEach(async () => {
  await control.clearFaults();
});

const unknownCases: { name: string; email: string; fault: SandboxFaultInput }[] = [
  { name: 'a slow acknowledgement (the work is done, the answer comes after our timeout)', email: 'david@example.com', fault: { api: 'stk', kind: 'slow-ack', delayMs: 8_000 } },
  { name: 'a connection reset after M-Pesa took the push', email: 'faith@example.com', fault: { api: 'stk', kind: 'reset-connection', after: 'after-work' } },
];

for (const c of unknownCases) {
  test(`${c.name}: 202 pending, a second push refused, credited exactly once`, async ({ page }) => {
    const api = await tenantApi(page, c.email);
    const leaseId = await getLeaseIdByTenantEmail(c.email);
    const before = await payments(leaseId);
    await control.addFault(c.fault);
    // The paybill twin that will prove the payment arrives after the checks below, however slow the machine.
    await control.addFault({ api: 'c2b', kind: 'delay-callback', delayMs: 15_000 });
    const first = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount: 1_111, phoneNumber: await phoneOf(c.email) }, failOnStatusCode: false });
    expect(first.status()).toBe(202);
    const answer = (await first.json()) as PushAnswer;
    expect(answer).toMatchObject({ unknownOutcome: true, checkoutRequestId: null, status: { status: 'PENDING', userMessage: 'We are checking with M-Pesa' } });
    expect(JSON.stringify(answer)).not.toMatch(/Nothing was charged/);

    const second = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount: 1_111, phoneNumber: await phoneOf(c.email) }, failOnStatusCode: false });
    expect(second.status()).toBe(409);
    expect((await second.json()) as unknown).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/still checking with M-Pesa/), details: { pushId: answer.id } } });

    await expect.poll(async () => (await push(answer.id)).status, { timeout: 60_000 }).toBe('SUCCESS');
    await expect.poll(async () => (await push(answer.id)).mpesa_receipt_number, { timeout: 30_000 }).not.toBeNull();
    // The status endpoint follows it by our id, since it has no CheckoutRequestID.
    const status = await api.get(`/api/v1/mpesa/status-detailed/${answer.id}`);
    expect((await status.json()) as unknown).toMatchObject({ id: answer.id, status: 'SUCCESS', amount: 1_111 });
    expect(await payments(leaseId)).toBe(before + 1);
  });
}

test('M-Pesa answers 500 without doing anything: 202 pending (it cannot know), never HTTP 500, nothing credited', async ({ page }) => {
  const email = 'cynthia@example.com';
  const api = await tenantApi(page, email);
  const leaseId = await getLeaseIdByTenantEmail(email);
  const before = await payments(leaseId);
  await control.addFault({ api: 'stk', kind: 'http-error', status: 500 });
  const first = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount: 1_212, phoneNumber: await phoneOf(email) }, failOnStatusCode: false });
  expect(first.status()).toBe(202);
  const answer = (await first.json()) as PushAnswer;
  expect(answer.unknownOutcome).toBe(true);
  expect((await push(answer.id)).sent_at).not.toBeNull();
  expect(await payments(leaseId)).toBe(before);
  // Let the lease pay again in later tests: close the push as its deadline would (three minutes in real life).
  await queryE2eDb("update mpesa_transactions set status = 'TIMEOUT', completed_at = now() where id = $1", [answer.id]);
});

test('a 503 page from the gateway means not accepted: retried, one prompt, paid once', async ({ page }) => {
  const email = 'esther@example.com';
  const api = await tenantApi(page, email);
  const leaseId = await getLeaseIdByTenantEmail(email);
  const before = await payments(leaseId);
  await control.addFault({ api: 'stk', kind: 'http-error', status: 503 });
  const res = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount: 1_313, phoneNumber: await phoneOf(email) }, failOnStatusCode: false });
  expect(res.status()).toBe(201);
  const answer = (await res.json()) as PushAnswer;
  await expect.poll(async () => (await push(answer.id)).mpesa_receipt_number, { timeout: 60_000 }).not.toBeNull();
  expect(await payments(leaseId)).toBe(before + 1);
});

test('"Unable to lock subscriber": 409 with words the tenant can act on, not 500', async ({ page }) => {
  const api = await tenantApi(page, 'halima@example.com');
  const leaseId = await getLeaseIdByTenantEmail('halima@example.com');
  const halima = await phoneOf('halima@example.com');
  await control.setSubscriber(halima, { behaviour: 'manual' });
  // A prompt from elsewhere is open on Halima's phone: M-Pesa refuses another one at once.
  const other = await getLeaseIdByTenantEmail('tenant2@example.com');
  const brian = await (await page.context().browser()!.newContext()).newPage();
  await signIn(brian, 'tenant2@example.com');
  const opener = await brian.request.post('/api/v1/mpesa/stk-push', { data: { leaseId: other, amount: 150, phoneNumber: halima } });
  expect(opener.status()).toBe(201);
  await control.waitForPrompt(halima);

  const refused = await api.post('/api/v1/mpesa/stk-push', { data: { leaseId, amount: 160, phoneNumber: halima }, failOnStatusCode: false });
  expect(refused.status()).toBe(409);
  expect((await refused.json()) as unknown).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/^You have an M-Pesa prompt open on that phone/) } });
  await control.answerPrompt(halima, { cancel: true });
  await brian.context().close();
});
