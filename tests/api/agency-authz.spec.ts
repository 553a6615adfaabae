import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { queryE2eDb } from '../support/e2e-db';
import { signIn } from '../e2e/sign-in';

/**
 * Authorisation over every agency route and page: anonymous callers, each role, another landlord of the same
 * agency and another agency's admin. A caller with no business gets 401 (no session) or 404 — the same answer
 * whether the record exists or not — and nothing changes. Requests carry valid bodies, so the refusal is the
 * scope check, not validation.
 */

type Ids = { property: string; unit: string; tenant: string; lease: string; payment: string; charge: string };
let ids: Ids;

test.beforeAll(async () => {
  const [row] = await queryE2eDb<Ids>(`
    select p.id as property, u.id as unit, t.id as tenant, l.id as lease,
      (select id from payments where lease_id = l.id order by paid_at limit 1) as payment,
      (select id from charges where lease_id = l.id order by due_date limit 1) as charge
    from leases l join users t on t.id = l.tenant_id join units u on u.id = l.unit_id join properties p on p.id = u.property_id
    where t.email = 'tenant@example.com'`);
  ids = row!;
});

async function as(browser: Browser, email: string | null): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (email) await signIn(await context.newPage(), email);
  return context.request;
}

const routes = (i: Ids): { name: string; method: 'post' | 'patch' | 'put' | 'get'; url: string; data?: Record<string, unknown>; allowed: string[] }[] => [
  { name: 'edit property', method: 'patch', url: `/api/v1/properties/${i.property}`, data: { name: 'X', location: 'Y', code: 'KH', commissionPercent: '10' }, allowed: ['admin@example.com', 'landlord@example.com'] },
  { name: 'archive property', method: 'post', url: `/api/v1/properties/${i.property}/archive`, data: { archived: false }, allowed: ['admin@example.com', 'landlord@example.com'] },
  { name: 'add units', method: 'post', url: `/api/v1/properties/${i.property}/units`, data: { labels: 'Z9', unitType: 'studio', rent: '1000', deposit: '0' }, allowed: [] },
  { name: 'edit unit', method: 'patch', url: `/api/v1/units/${i.unit}`, data: { unitType: 'studio', rent: '25000', deposit: '25000', status: 'let' }, allowed: [] },
  { name: 'edit tenant', method: 'patch', url: `/api/v1/tenants/${i.tenant}`, data: { name: 'Amina Wanjiru', phone: '0712345678', email: 'tenant@example.com', idNumber: '' }, allowed: [] },
  { name: 'invite tenant', method: 'post', url: `/api/v1/tenants/${i.tenant}/invite`, data: {}, allowed: [] },
  { name: 'give notice', method: 'post', url: `/api/v1/leases/${i.lease}/notice`, data: { endDate: '1999-01-01' }, allowed: [] },
  { name: 'end lease', method: 'post', url: `/api/v1/leases/${i.lease}/end`, data: { endDate: '1999-01-01', reason: 'authz' }, allowed: [] },
  { name: 'change rent', method: 'post', url: `/api/v1/leases/${i.lease}/rent-changes`, data: { effectivePeriod: '1999-01', monthlyRent: '1000', reason: 'authz' }, allowed: [] },
  { name: 'one-off charge', method: 'post', url: `/api/v1/leases/${i.lease}/charges`, data: { description: 'authz', amount: '100', dueDate: '1999-01-01' }, allowed: [] },
  { name: 'manual payment', method: 'post', url: `/api/v1/leases/${i.lease}/payments`, data: { method: 'cash', amount: '100', paidOn: '2999-01-01' }, allowed: [] },
  { name: 'waive charge', method: 'post', url: `/api/v1/charges/${i.charge}/waive`, data: { amount: '999999999', reason: 'authz' }, allowed: [] },
  { name: 'void payment', method: 'post', url: `/api/v1/payments/${i.payment}/void`, data: { reason: 'authz' }, allowed: [] },
  { name: 'dispute deposit', method: 'post', url: `/api/v1/leases/${i.lease}/deposit/disputes`, data: { message: 'authz' }, allowed: [] },
  { name: 'refund the rest', method: 'post', url: `/api/v1/leases/${i.lease}/deposit/refund`, data: {}, allowed: [] },
  { name: 'tenant statement CSV', method: 'get', url: `/api/v1/statements/tenant/${i.lease}`, allowed: ['admin@example.com', 'landlord@example.com', 'tenant@example.com'] },
  { name: 'landlord statement CSV', method: 'get', url: `/api/v1/statements/landlord/${i.property}`, allowed: ['admin@example.com', 'landlord@example.com'] },
];

const outsiders = ['tenant2@example.com', 'landlord2@example.com', 'admin@umoja.example.com', 'landlord@umoja.example.com', 'tenant@umoja.example.com'];

test('anonymous callers get 401 from every agency route', async ({ browser }) => {
  const anon = await as(browser, null);
  for (const r of routes(ids)) {
    const res = await anon[r.method](r.url, { data: r.data, maxRedirects: 0 });
    expect(res.status(), r.name).toBe(401);
  }
});

test('callers outside the lease, property or agency get 404 and change nothing', async ({ browser }) => {
  // What these callers did, not what the app's own sweeps write meanwhile (balance checks, statement runs).
  const countTheirs = () => queryE2eDb<{ n: number }>('select count(*)::int as n from audit_log where actor_id in (select id from users where email = any($1))', [`{${outsiders.join(',')}}`]);
  const before = await countTheirs();
  for (const email of outsiders) {
    const request = await as(browser, email);
    for (const r of routes(ids)) {
      const res = await request[r.method](r.url, { data: r.data, maxRedirects: 0 });
      // 404 hides the record; a landlord asking for an admin-only action of their own agency may get 403.
      expect([403, 404], `${email}: ${r.name} → ${res.status()}`).toContain(res.status());
      if (res.status() === 403) expect(email.endsWith('@example.com') && email.startsWith('landlord')).toBe(true);
    }
  }
  const after = await countTheirs();
  expect(after[0]!.n).toBe(before[0]!.n);
});

test('pages of another property, lease or tenant are 404 to outsiders; staff pages 404 to tenants', async ({ browser }) => {
  const pages = [`/properties/${ids.property}`, `/properties/${ids.property}/statement`, `/leases/${ids.lease}`, `/leases/${ids.lease}/statement`, `/tenants/${ids.tenant}`];
  for (const email of ['admin@umoja.example.com', 'landlord2@example.com', 'tenant2@example.com']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), `${email} ${path}`).toBe(404);
    }
    await context.close();
  }
  const context = await browser.newContext();
  const tenantPage = await context.newPage();
  await signIn(tenantPage, 'tenant@example.com');
  for (const path of ['/properties', '/tenants', '/leases/new', '/admin/settings', `/properties/${ids.property}`]) {
    expect((await tenantPage.goto(path))?.status(), path).toBe(404);
  }
  // The tenant's own lease and statement are theirs to see.
  expect((await tenantPage.goto(`/leases/${ids.lease}/statement`))?.status()).toBe(200);
  await context.close();
});

test('each agency lists only its own properties, tenants and leases', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'admin@umoja.example.com');
  await page.goto('/properties');
  await expect(page.getByTestId('property-list')).toContainText('Umoja Court');
  await expect(page.getByTestId('property-list')).not.toContainText('Kilimani');
  await page.goto('/tenants');
  await expect(page.getByTestId('tenant-list')).toContainText('Joseph Mutiso');
  await expect(page.getByTestId('tenant-list')).not.toContainText('Amina');
  await page.goto('/leases?q=KH');
  await expect(page.getByText('No lease matches.')).toBeVisible();
  await context.close();
});
