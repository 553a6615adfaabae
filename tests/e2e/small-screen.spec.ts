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
