import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { resetStkThrottle } from '../support/e2e-db';
import { E2E_SANDBOX_URL } from '../support/e2e-env';
import { sandboxControl } from '../support/sandbox-process';
import { signIn } from './sign-in';

/**
 * axe-core (every rule it runs by default, offline) on the sign-in page and on the pay page in each state a tenant
 * sees: the form, "Check your phone" while the prompt is open, and the outcome. Fails on any violation, so an
 * accessibility regression on these pages is caught here rather than by a Lighthouse run.
 */

const control = sandboxControl(E2E_SANDBOX_URL);
const TENANT = { email: 'tenant@example.com', phone: '254712345678' };

/** Each violation as `rule: selector, selector (help)`, so a failure says what to fix. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.help})`);
}

test('the sign-in page has no accessibility violations, empty and after a failed attempt', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter a valid email address', { exact: false }).or(page.getByText('Enter your email address'))).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the pay page has no accessibility violations: the form, the open prompt and its outcome', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await resetStkThrottle(TENANT.email);
  const before = await control.subscriber(TENANT.phone);
  // The prompt stays on the phone until the test answers it, so the waiting state can be checked.
  await control.setSubscriber(TENANT.phone, { behaviour: 'manual' });
  try {
    await signIn(page, TENANT.email);
    await page.goto('/tenant/pay');
    await expect(page.getByRole('heading', { name: 'Pay with M-Pesa' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.getByLabel('Amount (KES)').fill('1.5');
    await page.getByRole('button', { name: /with M-Pesa$/ }).click();
    await expect(page.getByText('M-Pesa moves whole shillings only', { exact: false })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.getByLabel('Amount (KES)').fill('10');
    await page.getByRole('button', { name: /with M-Pesa$/ }).click();
    await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
    await control.waitForPrompt(TENANT.phone, 20_000);
    expect(await violations(page)).toEqual([]);

    // A reload shows the open prompt, not a second form.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await control.answerPrompt(TENANT.phone, { cancel: true });
    await expect(page.getByText('Payment cancelled', { exact: true })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  } finally {
    await control.setSubscriber(TENANT.phone, { behaviour: before.behaviour });
    await resetStkThrottle(TENANT.email);
  }
});
