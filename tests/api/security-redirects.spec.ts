import { expect, test } from '@playwright/test';
import { E2E_APP_URL } from '../support/e2e-env';
import { closeAgents, send } from './support/http';

/** Issue 14, item 3: after signing in, only this app's own paths are followed. */

test.afterAll(() => closeAgents());

const app = new URL(E2E_APP_URL);

async function signInThrough(page: import('@playwright/test').Page, query: string) {
  await page.goto(`/sign-in${query}`);
  await page.getByLabel('Email').fill('tenant@example.com');
  await page.getByLabel('Password').fill('haven-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

for (const next of ['%2F%5Cevil.test', '/%09/evil.test', '//evil.test', '/%2F%2Fevil.test%2F', 'https://evil.test/', '/.//evil.test']) {
  test(`next=${next} lands on this app, not another site`, async ({ page }) => {
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.host !== app.host) outside.push(request.url());
    });
    await signInThrough(page, `?next=${next}`);
    expect(new URL(page.url()).host).toBe(app.host);
    expect(outside).toEqual([]);
  });
}

test('a same-site next is followed after signing in', async ({ page }) => {
  await signInThrough(page, '?next=%2Ftenant%2Fpayments');
  await expect(page).toHaveURL(/\/tenant\/payments$/);
});

test('the proxy sends a signed-out visitor to sign-in with the page to come back to', async () => {
  const res = await send({ path: '/tenant/payments?x=1' });
  expect(res.status).toBe(307);
  const location = new URL(res.headers.location!, E2E_APP_URL);
  expect(location.pathname).toBe('/sign-in');
  expect(location.searchParams.get('next')).toBe('/tenant/payments?x=1');
});

test('Auth.js’s own routes refuse a callbackUrl that is not ours (it used to answer 500)', async () => {
  for (const callbackUrl of ['foo', 'javascript:alert(1)', '//evil.test', 'https://evil.test/', '%E0%A4%A']) {
    const res = await send({ path: `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` });
    expect(res.status, callbackUrl).toBe(400);
  }
  const cookie = await send({ path: '/api/auth/signin', headers: { cookie: 'authjs.callback-url=javascript%3Aalert(1)' } });
  expect(cookie.status).toBe(400);
  expect(cookie.setCookies.join('\n')).toMatch(/authjs\.callback-url=;/);
  expect((await send({ path: `/api/auth/signin?callbackUrl=${encodeURIComponent('/tenant')}` })).status).toBe(302);
});
