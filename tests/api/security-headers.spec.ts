import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { E2E_APP_URL } from '../support/e2e-env';
import { signIn } from '../e2e/sign-in';
import { closeAgents, send } from './support/http';
import { signedInCookie } from './support/sessions';

/** Issue 14, item 6: the security headers on a page, an API response and a static file; a CSP pages live with. */

test.afterAll(() => closeAgents());

const FIXED = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function expectFixedHeaders(headers: Record<string, string>) {
  for (const [name, value] of Object.entries(FIXED)) expect(headers[name], name).toBe(value);
  expect(headers['permissions-policy']).toMatch(/camera=\(\)/);
  expect(headers['permissions-policy']).toMatch(/geolocation=\(\)/);
  expect(headers['permissions-policy']).toMatch(/payment=\(\)/);
}

test('a page: nonce CSP that allows nothing third-party and no framing, and the fixed headers', async () => {
  const first = await send({ path: '/sign-in' });
  const second = await send({ path: '/sign-in' });
  expectFixedHeaders(first.headers);
  const csp = first.headers['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  // Every script in the page carries this response's nonce, and the next response has another.
  const scripts = [...first.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(second.headers['content-security-policy']).not.toBe(csp);
});

test('an API response: no-store, a CSP that loads nothing, and the fixed headers', async () => {
  const admin = await signedInCookie('admin@example.com');
  const res = await send({ path: '/api/v1/mpesa/balance/latest', headers: { cookie: admin } });
  expect(res.status).toBe(200);
  expectFixedHeaders(res.headers);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  // Refusals made by the proxy itself carry them too.
  const refused = await send({ method: 'POST', path: '/api/v1/mpesa/balance', headers: { cookie: admin, 'content-type': 'application/json', origin: 'https://evil.test' }, body: '{}' });
  expect(refused.status).toBe(403);
  expectFixedHeaders(refused.headers);
  expect(refused.headers['cache-control']).toBe('no-store');
});

test('a static file carries the fixed headers', async () => {
  const page = await send({ path: '/sign-in' });
  const src = /<script[^>]*src="(\/_next\/static\/[^"]+)"/.exec(page.text)?.[1];
  expect(src).toBeTruthy();
  const asset = await send({ path: src! });
  expect(asset.status).toBe(200);
  expectFixedHeaders(asset.headers);
});

/** Every CSP violation the page reports, and every console complaint about one. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('the app works under its CSP: pages, client islands and forms raise no violation', async ({ page }) => {
  const violations = watchCsp(page);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  await signIn(page, 'admin@example.com');
  // The balance widget is a client island that fetches on load.
  await expect(page.getByRole('heading', { name: 'Agency overview' })).toBeVisible();
  await page.goto('/payouts/new');
  // Only a hydrated client island answers an empty submit with its own field error.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Enter a whole number of shillings, like 5000')).toBeVisible();
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, 'tenant@example.com');
  await page.goto('/tenant/pay');
  await expect(page.getByRole('button', { name: /Pay .* with M-Pesa/ })).toBeEnabled();
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('no page can be framed, even by another port of the same host', async ({ page }) => {
  const framer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><iframe id="app" src="${E2E_APP_URL}/sign-in" width="400" height="400"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  try {
    const refused = page.waitForEvent('console', (m) => /frame-ancestors|Refused to (display|frame)/i.test(m.text()));
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame?.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
  } finally {
    await new Promise((resolve) => framer.close(resolve));
  }
});
