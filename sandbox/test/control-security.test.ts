import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../tests/support/sandbox-process';
import { getToken, post, stkBody } from './daraja-client';

/** Issue 14 item 10: the control API and the virtual phone cannot be driven by other machines or other web pages. */

const TOKEN = 'control-token-for-tests';
let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ env: { SANDBOX_CONTROL_TOKEN: TOKEN, SANDBOX_AUTO_APPROVE_DELAY_MS: '60000' } });
});
afterAll(async () => {
  await sb.stop();
});

const control = (path: string, init: RequestInit = {}) => fetch(`${sb.url}/__sandbox${path}`, init);
const withToken = { 'x-sandbox-control-token': TOKEN };

/** fetch() will not let a test forge Host, so this goes through node:http. */
function rawRequest(path: string, headers: Record<string, string>, method = 'GET', body = ''): Promise<number> {
  const url = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('control token', () => {
  it('is required on every control call when SANDBOX_CONTROL_TOKEN is set, and the test helper sends it', async () => {
    expect((await control('/state')).status).toBe(401);
    expect((await control('/state', { headers: { 'x-sandbox-control-token': 'wrong-token-xx' } })).status).toBe(401);
    expect((await control('/state', { headers: withToken })).status).toBe(200);
    await sb.control.reset();
    expect((await sb.control.config()).stkTwinConfirmation).toBe(true);
    // The certificate is public, as on the Daraja portal.
    expect((await control('/certificate.cer')).status).toBe(200);
  });
});

describe('JSON only', () => {
  it('refuses form, text and type-less bodies on state-changing calls with 415', async () => {
    const form = await control('/subscribers/254712345678', { method: 'POST', headers: withToken, body: new URLSearchParams({ balance: '999999' }) });
    expect(form.status).toBe(415);
    const text = await control('/reset', { method: 'POST', headers: { ...withToken, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const bare = await control('/tokens/expire', { method: 'POST', headers: withToken });
    expect(bare.status).toBe(415);
    expect((await sb.control.subscriber('254712345678')).balance).toBe(80_000);
    const json = await control('/subscribers/254712345678', { method: 'POST', headers: { ...withToken, 'content-type': 'application/json' }, body: JSON.stringify({ balance: 79_000 }) });
    expect(json.status).toBe(200);
  });
});

describe('loopback only', () => {
  it('answers control and phone calls only for loopback Host names (DNS rebinding)', async () => {
    expect(await rawRequest('/__sandbox/state', { host: 'evil.test', ...withToken })).toBe(403);
    expect(await rawRequest('/__sandbox/state', { host: `localhost:${sb.port}`, ...withToken })).toBe(200);
    expect(await rawRequest('/phone/254712345678/answer', { host: 'evil.test', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'pin=1234')).toBe(403);
  });

  it('refuses to listen on a non-loopback address unless told to', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      env: { ...process.env, DARAJA_SANDBOX_PORT: '0', SANDBOX_HOST: '0.0.0.0', SANDBOX_ALLOW_NON_LOOPBACK: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('not a loopback address');
  });
});

describe('virtual phone form', () => {
  it('refuses a cross-site answer and accepts the same-origin one', async () => {
    const token = await getToken(sb.url);
    const ack = await post(sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({ Amount: 10, CallBackURL: 'http://127.0.0.1:9/cb' }));
    const id = (ack.json as { CheckoutRequestID: string }).CheckoutRequestID;
    const form = new URLSearchParams({ checkoutRequestId: id, pin: '1234', action: 'send' });
    const answer = (headers: Record<string, string>) => fetch(`${sb.url}/phone/254712345678/answer`, { method: 'POST', body: form, headers, redirect: 'manual' });

    expect((await answer({ origin: 'http://127.0.0.1:3000' })).status).toBe(403);
    expect((await answer({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await answer({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await answer({ origin: 'null' })).status).toBe(403);
    expect((await sb.control.stk(id)).status).toBe('pending');

    expect((await answer({ origin: sb.url, 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await sb.control.stk(id)).resultCode).toBe('0');
  });

  it('refreshes from its own signature endpoint, not from the control API', async () => {
    const page = await (await fetch(`${sb.url}/phone/254712345678`)).text();
    expect(page).toContain("fetch('/phone/254712345678/signature')");
    expect(page).not.toContain('/__sandbox/');
    const sig = (await (await fetch(`${sb.url}/phone/254712345678/signature`)).json()) as { signature: string };
    expect(sig.signature).toMatch(/^-\|\d+\|\d+$/);
  });
});
