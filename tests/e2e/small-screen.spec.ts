import { expect, test } from '@playwright/test';
import { getLeaseIdByTenantEmail } from '../support/e2e-db';
import { signIn } from './sign-in';

// Most tenants use cheap phones: every first page must fit 360 px without sideways scrolling.
test.use({ viewport: { width: 360, height: 740 } });

const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

for (const { email, paths } of [
  { email: 'tenant@example.com', paths: ['/tenant'] },
  { email: 'landlord@example.com', paths: ['/landlord'] },
  { email: 'admin@example.com', paths: ['/admin'] },
]) {
  test(`${email}'s pages fit a 360 px screen`, async ({ page }) => {
    await signIn(page, email);
    const lease = await getLeaseIdByTenantEmail('tenant@example.com');
    for (const path of [...paths, `/leases/${lease}`]) {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
      expect(await page.evaluate(overflow), path).toBeLessThanOrEqual(0);
    }
  });
}

test('the sign-in page works with the keyboard alone', async ({ page }) => {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('tenant@example.com');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('haven-demo');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tenant$/);
});

test('Haven can sit on a phone’s home screen: the page links a web app manifest and an icon that are served', async ({ page }) => {
  await page.goto('/sign-in');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const iconHref = await page.locator('link[rel="icon"]').first().getAttribute('href');
  const manifest = await page.request.get(manifestHref!);
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { short_name: string; start_url: string; icons: { src: string }[] };
  expect(body).toMatchObject({ short_name: 'Haven', start_url: '/' });
  const icon = await page.request.get(iconHref!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(body.icons.map((i) => i.src)).toContain(iconHref);
});
