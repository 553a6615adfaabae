import { expect, test } from '@playwright/test';
import { getLeaseIdByTenantEmail } from '../support/e2e-db';
import { signIn } from './sign-in';

test.describe('sign-in and roles', () => {
  test('an unauthenticated visit goes to sign-in', async ({ page }) => {
    await page.goto('/tenant');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftenant/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('each role signs in and sees their own page', async ({ page }) => {
    await signIn(page, 'tenant@example.com');
    await expect(page).toHaveURL(/\/tenant$/);
    await expect(page.getByRole('heading', { name: 'Hello, Amina' })).toBeVisible();
    await expect(page.getByTestId('amount-due')).toHaveText(/KES [1-9]/);
    await expect(page.getByText('Kilimani Heights · Unit A1')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, 'landlord@example.com');
    await expect(page).toHaveURL(/\/landlord$/);
    await expect(page.getByRole('heading', { name: 'My properties' })).toBeVisible();
    await expect(page.getByText('Kilimani Heights').first()).toBeVisible();
    // Another landlord's property is not listed.
    await expect(page.getByText('Rongai Gardens')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, 'admin@example.com');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { name: 'Agency overview' })).toBeVisible();
    await expect(page.getByText('Rongai Gardens').first()).toBeVisible();
    await expect(page.getByText('Kilimani Heights').first()).toBeVisible();
  });

  test('a wrong password shows a clear error and creates no session', async ({ page, context }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('tenant@example.com');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toContainText('That email and password do not match');
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes('session-token'))).toBe(false);
    await page.goto('/tenant');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  // An account no other test signs in with: its wait grows with each failure and the e2e world is shared.
  test('repeated failed sign-ins are throttled with a clear message', async ({ page }) => {
    const email = 'locked-out@example.com';
    await page.goto('/sign-in');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /./ })).toContainText('do not match');
      // The form resets once the action has answered; only then is the next attempt a new one.
      await expect(page.getByLabel('Password')).toHaveValue('');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('haven-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toContainText(/Too many attempts\. Wait \d+ seconds/);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('a tenant cannot open admin or landlord pages, nor another tenant’s lease', async ({ page }) => {
    const ownLease = await getLeaseIdByTenantEmail('tenant@example.com');
    const otherLease = await getLeaseIdByTenantEmail('tenant2@example.com');
    await signIn(page, 'tenant@example.com');

    for (const path of ['/admin', '/admin/mpesa', '/landlord', '/payouts', `/leases/${otherLease}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByText('Brian Otieno')).toHaveCount(0);
    }

    const own = await page.goto(`/leases/${ownLease}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Kilimani Heights · A1' })).toBeVisible();
  });

  test('a landlord cannot open another landlord’s lease', async ({ page }) => {
    const otherLease = await getLeaseIdByTenantEmail('tenant2@example.com');
    await signIn(page, 'landlord@example.com');
    const response = await page.goto(`/leases/${otherLease}`);
    expect(response?.status()).toBe(404);
  });
});
