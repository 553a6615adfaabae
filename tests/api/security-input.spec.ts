import { expect, test } from '@playwright/test';
import { getLeaseIdByTenantEmail, queryE2eDb } from '../support/e2e-db';
import { E2E_APP_URL, E2E_CALLBACK_SECRET } from '../support/e2e-env';
import { closeAgents, send, sendJson } from './support/http';
import { signedInCookie, signInOverHttp } from './support/sessions';

/**
 * Issue 14, item 8, each case the report named: bad input is a 4xx with a message, never a 500 — NUL bytes in
 * text, ids made of dashes, malformed percent-encoding, oversized bodies, numbers that are not JSON integers —
 * and a callback with NUL bytes is stored and answered.
 */

test.describe.configure({ mode: 'serial' });

let admin: string;
let tenant: string;
let ownLease: string;
let otherLease: string;

test.beforeAll(async () => {
  admin = await signedInCookie('admin@example.com');
  tenant = await signedInCookie('tenant@example.com');
  ownLease = await getLeaseIdByTenantEmail('tenant@example.com');
  otherLease = await getLeaseIdByTenantEmail('tenant2@example.com');
});
test.afterAll(() => closeAgents());

test('NUL and other control characters in text fields are a 400 naming the field', async () => {
  for (const remarks of ['refund\u0000', 'a\u0007b', 'line\nbreak', 'rtl\u202eoverride']) {
    const res = await sendJson('POST', '/api/v1/mpesa/b2c', { phone: '0712345678', amount: 100, occasion: 'Payout', remarks }, { cookie: admin });
    expect(res.status, JSON.stringify(remarks)).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'invalid_request', details: { fields: [{ path: 'remarks' }] } } });
  }
  // In sign-in credentials too: refused as a failed sign-in, not a crash.
  expect(await signInOverHttp('admin@example.com\u0000', { from: '127.0.0.9' })).toEqual({ ok: false, code: 'invalid' });
  expect(await signInOverHttp('admin@example.com', { password: 'haven-demo\u0000', from: '127.0.0.9' })).toEqual({ ok: false, code: 'invalid' });
});

test('ids made of dashes, or of anything but an id, are 404 — in pages and in the API', async () => {
  const dashes = '-'.repeat(36);
  for (const path of [`/api/v1/mpesa/b2c/${dashes}`, `/api/v1/mpesa/reversal/${dashes}`, `/api/v1/users/${dashes}/revoke-sessions`]) {
    const res = path.endsWith('revoke-sessions') ? await sendJson('POST', path, {}, { cookie: admin }) : await send({ path, headers: { cookie: admin } });
    expect(res.status, path).toBe(404);
  }
  for (const path of [`/leases/${dashes}`, `/receipts/${dashes}`, `/payments/${dashes}/reverse`, `/leases/x'%20or%201=1--/refund`]) {
    expect((await send({ path, headers: { cookie: admin } })).status, path).toBe(404);
  }
  const approve = await sendJson('POST', `/api/v1/mpesa/payouts/${dashes}/approve`, {}, { cookie: admin });
  expect(approve.status).toBe(404);
});

test('malformed percent-encoding in a path segment is a 400, a double-encoded one a plain 404', async () => {
  for (const path of ['/api/v1/mpesa/status/%E0%A4%A', '/leases/%', '/receipts/%zz', '/api/v1/mpesa/events/%00abc']) {
    expect((await send({ path, headers: { cookie: tenant } })).status, path).toBe(400);
  }
  for (const path of ['/api/v1/mpesa/status/%25E0%25A4', '/api/v1/mpesa/status-detailed/%25', '/api/v1/mpesa/events/%25E0']) {
    expect((await send({ path, headers: { cookie: tenant }, headersOnly: true })).status, path).toBe(404);
  }
});

test('amounts are JSON integers, nothing else', async () => {
  const body = (amount: string, leaseId = ownLease) => `{"leaseId":"${leaseId}","phoneNumber":"0712345678","amount":${amount}}`;
  for (const amount of ['[16]', 'true', '"0x10"', '"1e1"', '"16"', '16.5', 'null', '1e400', '{"value":16}']) {
    const res = await send({ method: 'POST', path: '/api/v1/mpesa/stk-push', headers: { cookie: tenant, origin: E2E_APP_URL, 'content-type': 'application/json' }, body: body(amount) });
    expect(res.status, amount).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { details: { fields: [{ path: 'amount' }] } } });
  }
  // 16.0 and 1e1 written as JSON numbers are the integers 16 and 10: they pass validation (here, on to the
  // lease check, which refuses another tenant's lease — so nothing is paid).
  for (const amount of ['16.0', '1e1']) {
    const res = await send({ method: 'POST', path: '/api/v1/mpesa/stk-push', headers: { cookie: tenant, origin: E2E_APP_URL, 'content-type': 'application/json' }, body: body(amount, otherLease) });
    expect(res.status, amount).toBe(404);
  }
});

test('bodies have limits: 256 KB for the API, 64 KB for callbacks, declared or streamed', async () => {
  const big = JSON.stringify({ reason: 'x'.repeat(257 * 1024) });
  const path = '/api/v1/mpesa/payouts/7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b/reject';
  const headers = { cookie: admin, origin: E2E_APP_URL, 'content-type': 'application/json' };
  expect((await send({ method: 'POST', path, headers, body: big })).status).toBe(413);
  expect((await send({ method: 'POST', path, headers, body: big, chunked: true })).status).toBe(413);
  // Just under the limit is read (and refused for what it says, not for its size).
  expect((await send({ method: 'POST', path, headers, body: JSON.stringify({ reason: 'x'.repeat(250 * 1024) }), chunked: true })).status).toBe(400);
  const callback = await send({ method: 'POST', path: `/api/v1/mpesa/callback/${E2E_CALLBACK_SECRET}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(65 * 1024) }) });
  expect(callback.status).toBe(413);
});

test('a callback with NUL bytes is stored and answered, every time it is delivered', async () => {
  const marker = `ws_CO_NUL_${Date.now()}`;
  const raw = Buffer.concat([Buffer.from(`{"Body":{"stkCallback":{"MerchantRequestID":"m\u0000","CheckoutRequestID":"${marker}\\u0000","ResultCode":0,"ResultDesc":"x`), Buffer.from([0]), Buffer.from('"}}}')]);
  for (let delivery = 0; delivery < 2; delivery += 1) {
    const res = await send({ method: 'POST', path: `/api/v1/mpesa/callback/${E2E_CALLBACK_SECRET}`, headers: { 'content-type': 'application/json' }, body: raw });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  }
  const rows = await queryE2eDb<{ body: string; sanitized: string | null }>(
    "select body, headers->>'x-haven-sanitized' as sanitized from callback_inbox where body like $1",
    [`%${marker}%`],
  );
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row.body).not.toContain('\u0000');
    expect(row.body).toContain(`${marker}\\ufffd`);
    expect(row.sanitized).toMatch(/NUL/);
  }
});
