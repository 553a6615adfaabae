import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../support/e2e-db';
import { signIn } from '../e2e/sign-in';
import { closeAgents, send } from './support/http';
import { ensureDemoAgencyUser, signedInCookie, signInOverHttp, userIdOf } from './support/sessions';
import { E2E_AUTH_SECRET, forgeSessionCookie } from './support/tokens';

/**
 * Issue 14, item 7: sessions end on the server. Sign-out, a password change and an admin's "sign out everywhere"
 * make every existing cookie worthless at once; an idle or too old session ends; a token from before the latest
 * change of session version is refused even though its signature is good.
 */

test.afterAll(() => closeAgents());

const canUse = async (cookie: string, path = '/api/v1/mpesa/b2c') => (await send({ path, headers: { cookie } })).status;

test('an old cookie is refused after signing out — on every device', async ({ page, context }) => {
  const otherDevice = await signedInCookie('landlord2@example.com');
  await signIn(page, 'landlord2@example.com');
  const cookie = (await context.cookies()).find((c) => c.name === 'authjs.session-token');
  expect(cookie).toBeDefined();
  const copied = `authjs.session-token=${cookie!.value}`;
  expect(await canUse(copied)).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await canUse(copied)).toBe(401);
  expect(await canUse(otherDevice)).toBe(401);
  const pageAfter = await send({ path: '/landlord', headers: { cookie: copied } });
  expect(pageAfter.status).toBe(307);
  // Signing in again works.
  expect(await canUse(await signedInCookie('landlord2@example.com'))).toBe(200);
});

test('an admin signs a person out everywhere from the People page', async ({ page }) => {
  const email = 'revoke-me@example.com';
  await ensureDemoAgencyUser(email, 'landlord');
  const victim = await signedInCookie(email);
  expect(await canUse(victim)).toBe(200);

  await signIn(page, 'admin@example.com');
  await page.goto('/admin/users');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign Test revoke-me out everywhere' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out everywhere' })).toBeVisible();
  expect(await canUse(victim)).toBe(401);
  const audit = await queryE2eDb<{ n: string }>("select count(*)::text as n from audit_log where action = 'user.sessions_revoked' and target_id = $1", [await userIdOf(email)]);
  expect(Number(audit[0]!.n)).toBeGreaterThan(0);
  // The admin's own session is untouched.
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Agency overview' })).toBeVisible();
});

test('changing the password ends every other session; this device stays signed in', async ({ page }) => {
  const email = 'change-password@example.com';
  await ensureDemoAgencyUser(email, 'landlord');
  const otherDevice = await signedInCookie(email);
  await signIn(page, email);
  await page.goto('/account');

  await page.getByLabel('Current password').fill('haven-demo');
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();

  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('New password again').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('That is not your current password')).toBeVisible();

  await page.getByLabel('Current password').fill('haven-demo');
  await page.getByLabel('New password', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('New password again').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

  expect(await canUse(otherDevice)).toBe(401);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  expect(await signInOverHttp(email, { from: '127.0.0.8' })).toEqual({ ok: false, code: 'invalid' });
  expect((await signInOverHttp(email, { password: 'correct horse battery staple', from: '127.0.0.8' })).ok).toBe(true);
});

test('a genuinely signed token is refused once idle too long, too old, or of an older session version', async () => {
  const adminId = await userIdOf('admin@example.com');
  const [user] = await queryE2eDb<{ session_version: number }>('select session_version from users where id = $1', [adminId]);
  const sv = user!.session_version;
  const now = Math.floor(Date.now() / 1000);
  const forge = (claims: { sv?: number; authAt?: number; seenAt?: number }) => forgeSessionCookie({ secret: E2E_AUTH_SECRET, sub: adminId, sv, ...claims });

  // The control: a current token with the app's own secret works, so the refusals below are about the claims.
  expect(await canUse(await forge({}))).toBe(200);
  expect(await canUse(await forge({ seenAt: now - 31 * 60 }))).toBe(401);
  expect(await canUse(await forge({ authAt: now - 13 * 3600 }))).toBe(401);
  expect(await canUse(await forge({ sv: sv + 1 }))).toBe(401);
  if (sv > 0) expect(await canUse(await forge({ sv: sv - 1 }))).toBe(401);
  // The proxy refreshes last-seen on activity: the response carries a renewed cookie.
  const res = await send({ path: '/api/v1/mpesa/b2c', headers: { cookie: await forge({ seenAt: now - 20 * 60 }) } });
  expect(res.status).toBe(200);
  expect(res.setCookies.some((line) => line.startsWith('authjs.session-token='))).toBe(true);
});
