import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { E2E_DATABASE_URL } from '../support/e2e-env';
import { signIn } from './sign-in';

/**
 * The overviews no longer render every lease of the agency: they list the leases that owe (a page at a time,
 * largest debt first) and link to the paged lease list. What they show must still be what the books say.
 */

const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });

test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});

/** Leases of the caller's scope that owe, computed straight from the ledger tables. */
async function owingLeases(email: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    with me as (select id, agency_id, role from users where email = ${email}),
    scoped as (
      select l.id from leases l join units u on u.id = l.unit_id join properties p on p.id = u.property_id, me
      where l.agency_id = me.agency_id and (me.role = 'admin' or p.landlord_id = me.id)
    )
    select count(*)::int as n from scoped s
    where coalesce((select sum(amount_cents) from charges where lease_id = s.id), 0)
        - coalesce((select sum(amount_cents) from credit_notes where lease_id = s.id), 0)
        - coalesce((select sum(amount_cents) from payments where lease_id = s.id and status = 'completed'), 0) > 0`;
  return row!.n;
}

async function expectArrearsListMatchesBooks(page: Page, email: string) {
  const arrears = page.locator('section', { has: page.getByRole('heading', { name: /^Leases (in|with) arrears$/ }) });
  const owing = await owingLeases(email);
  expect(owing).toBeGreaterThan(0);
  // The demo agency's debtors fit on one page, so every one of them is listed, each with what it owes.
  await expect(arrears.getByTestId('lease-row-text')).toHaveCount(owing);
  await expect(arrears.getByText(/^Owes KES/)).toHaveCount(owing);
  const allLeases = page.locator('section', { has: page.getByRole('heading', { name: 'All leases' }) });
  await expect(allLeases.getByTestId('lease-row-text')).toHaveCount(0);
  await allLeases.getByRole('link', { name: 'See all leases' }).click();
  await expect(page).toHaveURL(/\/leases$/);
  await expect(page.getByTestId('lease-list').locator('li').first()).toBeVisible();
}

test('the admin overview lists the leases that owe, as the books say, and links to all leases', async ({ page }) => {
  await signIn(page, 'admin@example.com');
  await page.goto('/admin');
  await expect(page.getByText('Leases in arrears', { exact: true }).first()).toBeVisible();
  await expectArrearsListMatchesBooks(page, 'admin@example.com');
});

test('the landlord overview lists their leases that owe and links to all their leases', async ({ page }) => {
  await signIn(page, 'landlord@example.com');
  await page.goto('/landlord');
  await expectArrearsListMatchesBooks(page, 'landlord@example.com');
});
