import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb } from '../support/e2e-db';
import { E2E_APP_URL } from '../support/e2e-env';
import { signIn } from '../e2e/sign-in';
import { closeAgents, send, sendJson } from './support/http';
import { signedInCookie } from './support/sessions';

/**
 * Issue 14, item 2: a page on another origin — here another port of the same host, which is same-site, so the
 * browser does send the admin's Lax session cookie — cannot make the admin's browser approve a payout.
 */

test.describe.configure({ mode: 'serial' });

let attacker: Server;
let attackerOrigin: string;
let payoutId: string;

test.beforeAll(async () => {
  // A payout waiting for an admin's approval, asked for by the landlord.
  const landlord = await signedInCookie('landlord@example.com');
  const leaseId = await getLeaseIdByTenantEmail('tenant@example.com');
  const res = await sendJson(
    'POST',
    '/api/v1/mpesa/b2c',
    { leaseId, phone: '0712345678', amount: 50, occasion: 'Refund', remarks: 'CSRF test', requestApproval: true },
    { cookie: landlord },
  );
  expect(res.status, res.text).toBe(201);
  payoutId = (JSON.parse(res.text) as { payout: { id: string } }).payout.id;

  // The attacker's page: a form that posts JSON-looking text/plain to the approve route as soon as it loads.
  attacker = createServer((_req, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>Win a prize</title>
      <form id="f" method="POST" enctype="text/plain" action="${E2E_APP_URL}/api/v1/mpesa/payouts/${payoutId}/approve">
        <input name='{"x":"' value='"}'>
      </form>
      <script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker?.close(resolve));
  // Leave nothing waiting for approval behind.
  const admin = await signedInCookie('admin@example.com');
  await sendJson('POST', `/api/v1/mpesa/payouts/${payoutId}/reject`, { reason: 'CSRF test done' }, { cookie: admin });
  closeAgents();
});

const payoutStatus = async () => (await queryE2eDb<{ status: string }>('select status from mpesa_b2c_transactions where id = $1', [payoutId]))[0]?.status;

test('a cross-origin form POST with the admin’s cookie is refused and approves nothing', async ({ browser }) => {
  // No extra headers: the browser itself decides Origin and Sec-Fetch-Site.
  const context = await browser.newContext({ extraHTTPHeaders: {} });
  const page = await context.newPage();
  await signIn(page, 'admin@example.com');
  expect(await payoutStatus()).toBe('AWAITING_APPROVAL');

  const approve = page.waitForResponse((r) => r.url().endsWith(`/payouts/${payoutId}/approve`));
  await page.goto(attackerOrigin);
  const response = await approve;
  expect(response.status()).toBe(403);
  const sent = await response.request().allHeaders();
  expect(sent.origin).toBe(attackerOrigin);
  expect(sent.cookie ?? '').toContain('authjs.session-token'); // the browser did lend its session
  expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  expect(await payoutStatus()).toBe('AWAITING_APPROVAL');
  await context.close();
});

test('the same request from the app’s own origin, as JSON, reaches the handler', async () => {
  const admin = await signedInCookie('admin@example.com');
  // Rejecting with an invalid reason: past the CSRF rule and authorisation, refused by validation only.
  const res = await sendJson('POST', `/api/v1/mpesa/payouts/${payoutId}/reject`, { reason: '' }, { cookie: admin });
  expect(res.status).toBe(400);
  expect(await payoutStatus()).toBe('AWAITING_APPROVAL');
});

test('a bearer request gets no authority from the cookie it carries', async () => {
  const admin = await signedInCookie('admin@example.com');
  expect((await send({ path: '/api/v1/mpesa/balance/latest', headers: { cookie: admin } })).status).toBe(200);
  const bearer = await send({ path: '/api/v1/mpesa/balance/latest', headers: { cookie: admin, authorization: 'Bearer not-a-real-token' } });
  expect(bearer.status).toBe(401);
  // Exempt from the Origin rule, but still nobody without a valid token.
  const approve = await send({
    method: 'POST',
    path: `/api/v1/mpesa/payouts/${payoutId}/approve`,
    headers: { cookie: admin, authorization: 'Bearer not-a-real-token', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(approve.status).toBe(401);
  expect(await payoutStatus()).toBe('AWAITING_APPROVAL');
});
