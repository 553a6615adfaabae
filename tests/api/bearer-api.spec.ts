import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { getLeaseIdByTenantEmail, queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_APP_URL, E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { findForbiddenCallbackWords } from '@/lib/mpesa/callback-url-words';
import { signIn } from '../e2e/sign-in';
import { closeAgents, send, type RawResponse } from './support/http';
import { signedInCookie } from './support/sessions';

/**
 * Issue 15, "Done when": the write-up's curl calls, as written (port changed, a real token made through the API
 * and the account page), get the documented fields; a token without the payout scope gets 403 on payouts; a
 * revoked or expired token 401; a token never opens a page; a repeated POST with the same Idempotency-Key
 * returns the first answer and moves money once (checked in the sandbox's own records).
 */

test.describe.configure({ mode: 'serial' });

const FROM = '127.0.0.41';
const control = sandboxControl(E2E_SANDBOX_URL);
let adminCookie: string;
let fullToken: string;
let readToken: string;

/** `curl -H "Authorization: Bearer TOKEN"` as the write-up writes it: no Origin, no cookie. */
function curl(token: string, method: string, path: string, { json, headers = {} }: { json?: unknown; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return send({
    method,
    path,
    from: FROM,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}
const body = <T = Record<string, unknown>>(res: RawResponse) => JSON.parse(res.text) as T;

async function createToken(scopes: string[], name: string): Promise<{ secret: string; token: { id: string } }> {
  const res = await send({
    method: 'POST',
    path: '/api/v1/tokens',
    from: FROM,
    headers: { cookie: adminCookie, origin: E2E_APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify({ name, scopes, expiresInDays: 30 }),
  });
  expect(res.status, res.text).toBe(201);
  return body(res);
}

test.beforeAll(async () => {
  adminCookie = await signedInCookie('admin@example.com', { from: FROM });
  fullToken = (await createToken(['read', 'collect', 'payout'], 'Write-up script')).secret;
  readToken = (await createToken(['read'], 'Read only')).secret;
});
test.afterAll(() => closeAgents());

test('the write-up’s STK push and status calls, with an Idempotency-Key: one prompt, the documented fields', async () => {
  await resetStkThrottle('tenant@example.com');
  const leaseId = await getLeaseIdByTenantEmail('tenant@example.com');
  const promptsBefore = (await control.state()).stk.length;
  const key = randomUUID();
  const request = { phoneNumber: '254712345678', amount: 10, accountReference: 'Rent-Jan-2024', leaseId };
  const first = await curl(fullToken, 'POST', '/api/v1/mpesa/stk-push', { json: request, headers: { 'idempotency-key': key } });
  expect(first.status, first.text).toBe(201);
  const push = body<{ checkoutRequestId: string; status: { accountReference: string } }>(first);
  expect(push.checkoutRequestId).toMatch(/^ws_CO_/);
  // The 13-character reference of the write-up, cut to Daraja's 12 where M-Pesa shows it.
  expect(push.status.accountReference).toBe('Rent-Jan-202');

  const again = await curl(fullToken, 'POST', '/api/v1/mpesa/stk-push', { json: request, headers: { 'idempotency-key': key } });
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.text).toBe(first.text);
  const other = await curl(fullToken, 'POST', '/api/v1/mpesa/stk-push', { json: { ...request, amount: 11 }, headers: { 'idempotency-key': key } });
  expect(other.status).toBe(422);
  const prompts = (await control.state()).stk.filter((s) => s.checkoutRequestId === push.checkoutRequestId);
  expect(prompts).toHaveLength(1);
  expect(prompts[0]!.accountReference).toBe('Rent-Jan-202');
  expect((await control.state()).stk.length).toBe(promptsBefore + 1);

  // The sandbox phone approves by itself; status-detailed then carries the write-up's fields (the receipt number
  // may follow the success by a moment: Haven confirms it with M-Pesa's records).
  await expect
    .poll(async () => body(await curl(fullToken, 'GET', `/api/v1/mpesa/status-detailed/${push.checkoutRequestId}`)).mpesaReceiptNumber, { timeout: 45_000 })
    .toEqual(expect.any(String));
  const detailed = body(await curl(readToken, 'GET', `/api/v1/mpesa/status-detailed/${push.checkoutRequestId}`));
  expect(detailed).toMatchObject({ status: 'SUCCESS', userMessage: expect.any(String), statusIcon: expect.any(String), mpesaReceiptNumber: expect.stringMatching(/^[A-Z0-9]{10}$/), resultDescription: expect.any(String) });
  const short = body(await curl(readToken, 'GET', `/api/v1/mpesa/status/${push.checkoutRequestId}`));
  expect(short).toMatchObject({ status: 'SUCCESS', mpesaReceiptNumber: detailed.mpesaReceiptNumber });

  // The write-up's reversal of that payment, as written.
  const reversal = await curl(fullToken, 'POST', '/api/v1/mpesa/reverse', { json: { transactionId: detailed.mpesaReceiptNumber, amount: 10, remarks: 'Customer requested refund' } });
  expect(reversal.status, reversal.text).toBe(201);
  expect(body<{ reversal: { id: string } }>(reversal).reversal.id).toBeTruthy();
});

test('STK push without leaseId, as the write-up writes it: the lease is found by its account number; an unknown one is 404 unknown_account_reference', async () => {
  await resetStkThrottle('cynthia@example.com');
  const [lease] = await queryE2eDb<{ id: string; account_reference: string }>(
    "select l.id, l.account_reference from leases l join users u on u.id = l.tenant_id where u.email = 'cynthia@example.com' and l.status in ('active', 'notice')",
  );
  // Typed loosely (lower case, spaces for dashes), as people and scripts do.
  const typed = lease!.account_reference.toLowerCase().replace(/-/g, ' ');
  const res = await curl(fullToken, 'POST', '/api/v1/mpesa/stk-push', { json: { phoneNumber: '254708374149', amount: 10, accountReference: typed } });
  expect(res.status, res.text).toBe(201);
  const push = body<{ checkoutRequestId: string; status: { leaseId: string; accountReference: string } }>(res);
  expect(push.status.leaseId).toBe(lease!.id);
  // The prompt shows the lease's own account number, however it was typed.
  expect(push.status.accountReference).toBe(lease!.account_reference);
  expect((await control.state()).stk.find((s) => s.checkoutRequestId === push.checkoutRequestId)?.accountReference).toBe(lease!.account_reference);

  // Nobody's, and another agency's (Umoja Court 1A): the same answer.
  for (const accountReference of ['ZZ-99', 'UC-1A']) {
    const unknown = await curl(fullToken, 'POST', '/api/v1/mpesa/stk-push', { json: { phoneNumber: '254708374149', amount: 10, accountReference } });
    expect(unknown.status, `${accountReference}: ${unknown.text}`).toBe(404);
    expect(body<{ error: { code: string } }>(unknown).error.code).toBe('unknown_account_reference');
  }
});

test('the write-up’s b2c call with phoneNumber: a repeat with the same Idempotency-Key pays once', async () => {
  const key = randomUUID();
  const startedAt = new Date().toISOString();
  const request = { phoneNumber: '254711223344', amount: 50, remarks: 'Security deposit refund', occasion: 'Refund' };
  const first = await curl(fullToken, 'POST', '/api/v1/mpesa/b2c', { json: request, headers: { 'idempotency-key': key } });
  expect(first.status, first.text).toBe(201);
  const payoutId = body<{ payout: { id: string } }>(first).payout.id;
  const again = await curl(fullToken, 'POST', '/api/v1/mpesa/b2c', { json: request, headers: { 'idempotency-key': key } });
  expect(again.text).toBe(first.text);
  const paid = async () => (await control.state()).transactions.filter((t) => t.originatorConversationId === payoutId).length;
  await expect.poll(paid, { timeout: 30_000 }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await paid()).toBe(1);
  // Another body under the key is refused, and nothing more is sent.
  expect((await curl(fullToken, 'POST', '/api/v1/mpesa/b2c', { json: { ...request, amount: 60 }, headers: { 'idempotency-key': key } })).status).toBe(422);
  expect((await queryE2eDb('select id from mpesa_b2c_transactions where remarks = $1 and created_at >= $2', ['Security deposit refund', startedAt])).length).toBe(1);
});

test('the write-up’s balance calls; curl -d without a Content-Type is read as JSON', async () => {
  const check = await curl(fullToken, 'POST', '/api/v1/mpesa/balance');
  expect(check.status, check.text).toBe(202);
  expect((await curl(fullToken, 'GET', '/api/v1/mpesa/balance/latest')).status).toBe(200);
  // The write-up's quick test: `curl -d '{"phoneNumber":…,"amount":100}'` sends a form Content-Type. It is parsed
  // (and refused for its missing lease, 400), not turned away as a form (415).
  const quick = await send({ method: 'POST', path: '/api/v1/mpesa/stk-push', from: FROM, headers: { authorization: `Bearer ${fullToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: '{"phoneNumber":"254708374149","amount":100}' });
  expect(quick.status).toBe(400);
  expect(body<{ error: { message: string } }>(quick).error.message).toMatch(/leaseId/);
});

test('Daraja calls back on the /api/v1/hooks URLs Haven registered: none has a word Safaricom refuses', async () => {
  const registration = (await control.state()).c2bRegistrations['174379'];
  expect(registration?.confirmationUrl).toContain('/api/v1/hooks/c2b/confirmation/');
  expect(registration?.validationUrl).toContain('/api/v1/hooks/c2b/validation/');
  // The calls above had M-Pesa call back: STK results, the paybill twin, the B2C result, the balance.
  const ourCallbacks = async () => (await control.callbacks()).filter((c) => c.url.startsWith(E2E_APP_URL));
  // (the balance result may still be on its way)
  await expect.poll(async () => [...new Set((await ourCallbacks()).map((c) => c.api))].sort(), { timeout: 30_000 }).toEqual(expect.arrayContaining(['b2c', 'balance', 'stk']));
  const ours = await ourCallbacks();
  for (const attempt of ours) {
    expect(new URL(attempt.url).pathname, attempt.url).toMatch(/^\/api\/v1\/hooks\//);
    expect(findForbiddenCallbackWords(attempt.url), attempt.url).toEqual([]);
  }
  expect(ours.filter((c) => c.status === 200).length).toBeGreaterThan(0);
});

test('scopes: a read-only token reads, gets 403 on payouts and collecting; no token manages tokens', async () => {
  expect((await curl(readToken, 'GET', '/api/v1/mpesa/b2c')).status).toBe(200);
  const payout = await curl(readToken, 'POST', '/api/v1/mpesa/b2c', { json: { phoneNumber: '254711223344', amount: 50, remarks: 'Not allowed', occasion: 'Refund' } });
  expect(payout.status).toBe(403);
  expect(body<{ error: { code: string } }>(payout).error.code).toBe('forbidden');
  expect((await curl(readToken, 'POST', '/api/v1/mpesa/stk-push', { json: {} })).status).toBe(403);
  expect((await curl(fullToken, 'GET', '/api/v1/tokens')).status).toBe(403);
  expect((await curl(fullToken, 'POST', '/api/v1/tokens', { json: { name: 'escalate', scopes: ['admin'] } })).status).toBe(403);
});

test('revoked or expired → 401; unknown → 401', async () => {
  const revoked = await createToken(['read'], 'To revoke');
  expect((await curl(revoked.secret, 'GET', '/api/v1/mpesa/b2c')).status).toBe(200);
  const res = await send({ method: 'POST', path: `/api/v1/tokens/${revoked.token.id}/revoke`, from: FROM, headers: { cookie: adminCookie, origin: E2E_APP_URL, 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  expect((await curl(revoked.secret, 'GET', '/api/v1/mpesa/b2c')).status).toBe(401);

  const expired = await createToken(['read'], 'To expire');
  await queryE2eDb("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [expired.token.id]);
  expect((await curl(expired.secret, 'GET', '/api/v1/mpesa/b2c')).status).toBe(401);
  expect((await curl(`hvn_${'x'.repeat(43)}`, 'GET', '/api/v1/mpesa/b2c')).status).toBe(401);
});

test('a token never opens a page, even beside a valid session cookie', async () => {
  for (const path of ['/admin', '/account', '/payouts']) {
    const res = await send({ path, from: FROM, headers: { authorization: `Bearer ${fullToken}` } });
    expect(res.status, path).toBe(307);
    expect(res.headers.location).toContain('/sign-in');
    const both = await send({ path, from: FROM, headers: { authorization: `Bearer ${fullToken}`, cookie: adminCookie } });
    expect(both.status, `${path} with a cookie too`).toBe(307);
  }
  // The session alone does open it.
  expect((await send({ path: '/admin', from: FROM, headers: { cookie: adminCookie } })).status).toBe(200);
});

test('the account page makes a token (shown once), lists its last use and revokes it', async ({ page }) => {
  await signIn(page, 'landlord@example.com');
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'New API token' });
  await form.getByLabel('Name').fill('Landlord books');
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent())!.trim();
  expect(secret).toMatch(/^hvn_/);
  expect((await curl(secret, 'GET', '/api/v1/mpesa/b2c')).status).toBe(200);
  await page.reload();
  await expect(page.getByTestId('new-token-secret')).toHaveCount(0);
  const row = page.getByRole('row', { name: /Landlord books/ });
  await expect(row).not.toContainText('Never');
  // Beside the password form: a password change keeps this token working, and a reset would revoke it.
  await expect(page.getByTestId('tokens-survive-password-change')).toContainText('Landlord books');
  await expect(page.getByTestId('tokens-survive-password-change')).toContainText('revokes them all');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Revoke Landlord books' }).click();
  await expect(row).toContainText('revoked');
  expect((await curl(secret, 'GET', '/api/v1/mpesa/b2c')).status).toBe(401);
});
