/**
 * THE ROUTE TABLE — every page and route handler of the app, with the exact HTTP status each kind of caller gets.
 *
 * route-matrix.spec.ts finds every `app/**\/page.tsx` and `app/**\/route.ts` on disk (and every HTTP method a
 * route.ts exports) and fails, naming the file, when one has no row here. fuzz.spec.ts sends generated bad
 * input to every row. So: **a new page or route handler gets a row here in the same commit.**
 *
 * How to add a row
 * - `file`: the file's path from the repository root; `method`: one row per exported method (pages: 'GET').
 * - `kind`: 'page' | 'api' (JSON route handler; state-changing methods must pass the CSRF rule: same-origin
 *   `Origin` and `Content-Type: application/json`, which the matrix checks for you) | 'callback' (a Daraja
 *   callback under a secret path: exempt from CSRF; also add its path to CALLBACK_PATHS in
 *   lib/api/request-policy.ts) | 'auth' (Auth.js's routes).
 * - `cases`: the first case states a status for every principal (anonymous, tenant, landlord, admin,
 *   foreignAdmin = the admin of another agency). Further cases may list only some principals.
 *   `params` fill the `[segments]` of the path: an `IdRef` (ids created in fixtures.ts: the principals' own
 *   and other people's) or a literal string; `query` is appended to the path. `body` is sent as JSON. Prefer bodies that do not move money: an
 *   invalid body (400) proves the caller got past authorisation; use ids of others to prove 404.
 * - Statuses as the app answers them: a page without a session → 307 (to /sign-in), a role or id that is not
 *   yours → 404 (never 403: existence is not revealed), an API call without a session → 401.
 * - `fuzz.body`: the fields of a valid body and their kinds; the fuzzer corrupts at least one field of every
 *   body it sends, so the request stays invalid. Without it, a state-changing route is fuzzed only with
 *   requests the request policy refuses (wrong content type, cross-origin, oversize, bad paths).
 * - `stream: true` for event streams (only the status is read).
 */

export const PRINCIPALS = ['anonymous', 'tenant', 'landlord', 'admin', 'foreignAdmin'] as const;
export type Principal = (typeof PRINCIPALS)[number];
export type Expectation = Record<Principal, number>;

/** Ids the matrix creates or looks up before it runs (tests/api/support/fixtures.ts). */
export type IdRef =
  | 'lease.own' // Amina's lease (tenant@), on a property of landlord@
  | 'lease.other' // Brian's lease (tenant2@), on landlord2@'s property
  | 'payment.own'
  | 'payment.other'
  | 'payout.own' // a refund landlord@ asked for on Amina's lease, rejected by the admin
  | 'payout.other' // a payout on Brian's lease, rejected
  | 'reversal.own' // a reversal landlord@ asked for on Amina's payment, rejected
  | 'stk.own' // Amina's STK push
  | 'stk.other' // Brian's STK push
  | 'user.other' // george@, a tenant of the demo agency
  | 'lease.foreign' // Joseph's lease at Umoja Lettings, the seeded second agency: another agency's to everyone here
  | 'property.own' // Kilimani Heights, landlord@'s
  | 'property.other' // Rongai Gardens, landlord2@'s
  | 'property.foreign' // Umoja Court
  | 'unit.own' // Kilimani Heights C1, vacant
  | 'unit.other' // Rongai Gardens 03, vacant
  | 'unit.foreign' // Umoja Court 1B, vacant
  | 'tenant.own' // Amina (tenant@), on landlord@'s property
  | 'tenant.other' // Brian (tenant2@), on landlord2@'s property
  | 'tenant.foreign' // Joseph, Umoja's tenant
  | 'tenant.invitee' // a tenant landlord@ added for the matrix, invited by it
  | 'landlord.foreign' // Umoja's landlord
  | 'charge.own' // the first charge of Amina's lease
  | 'charge.other' // the first charge of Brian's lease
  | 'charge.foreign' // the first charge of Joseph's lease
  | 'recurring.own' // a metered charge on Amina's lease
  | 'recurring.other' // a metered charge on Brian's lease
  | 'deduction.own' // a deposit deduction on Amina's lease, already withdrawn
  | 'deduction.other' // the same on Brian's lease
  | 'evidence.own' // an evidence file of Amina's deduction
  | 'evidence.other' // an evidence file of Brian's deduction
  | 'dispute.own' // Amina's deposit dispute, already answered
  | 'dispute.other' // Brian's deposit dispute, already answered
  | 'malformed' // 36 dashes
  | 'missing'; // a well-formed id that matches nothing

export type FieldKind = 'id' | 'text' | 'kes' | 'boolean' | 'enum';

export interface RouteCase {
  name: string;
  params?: Record<string, IdRef | { literal: string }>;
  /** Replaces the path derived from the file (catch-all routes). */
  path?: string;
  /** Appended to the path, e.g. `?from=2030-01-01`. */
  query?: string;
  body?: unknown;
  /** Sent as multipart/form-data instead of a JSON body (upload routes). */
  form?: Record<string, string>;
  expect: Partial<Expectation>;
}

export interface RouteRow {
  file: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  kind: 'page' | 'api' | 'callback' | 'auth';
  cases: [RouteCase & { expect: Expectation }, ...RouteCase[]];
  fuzz?: { body?: Record<string, FieldKind> };
  stream?: boolean;
}

// Shorthands for the common shapes of a first case.
const page = (allowed: readonly Principal[], denied = 404): Expectation => ({
  anonymous: 307,
  tenant: allowed.includes('tenant') ? 200 : denied,
  landlord: allowed.includes('landlord') ? 200 : denied,
  admin: allowed.includes('admin') ? 200 : denied,
  foreignAdmin: allowed.includes('foreignAdmin') ? 200 : denied,
});
const api = (allowed: readonly Principal[], ok: number): Expectation => ({
  anonymous: 401,
  tenant: allowed.includes('tenant') ? ok : 404,
  landlord: allowed.includes('landlord') ? ok : 404,
  admin: allowed.includes('admin') ? ok : 404,
  foreignAdmin: allowed.includes('foreignAdmin') ? ok : 404,
});
const everyone = (status: number): Expectation => ({ anonymous: status, tenant: status, landlord: status, admin: status, foreignAdmin: status });
const signedIn = (status: number, anonymous: number): Expectation => ({ ...everyone(status), anonymous });
const ALL: readonly Principal[] = ['tenant', 'landlord', 'admin', 'foreignAdmin'];
const STAFF: readonly Principal[] = ['landlord', 'admin', 'foreignAdmin'];
const DEDUCTION_FORM = { category: 'cleaning', description: 'Matrix: deep clean', amount: '1' };
const ADMINS: readonly Principal[] = ['admin', 'foreignAdmin'];

/** The bad ids every id route gets, besides its own and others' ids. */
const badIds = (param: string, expectSignedIn: number, anonymous: number): RouteCase[] => [
  { name: 'malformed id', params: { [param]: 'malformed' }, expect: signedIn(expectSignedIn, anonymous) },
  { name: 'id of nothing', params: { [param]: 'missing' }, expect: signedIn(expectSignedIn, anonymous) },
];

/**
 * A page showing one record at `[id]`: the principals in `sees` get 200 and the others 404 (signed out: 307),
 * for the principals' own record and for someone else's; malformed and unknown ids are 404.
 */
const recordPage = (file: string, own: { name: string; id: IdRef; sees: readonly Principal[] }, other: { name: string; id: IdRef; sees: readonly Principal[] }): RouteRow => ({
  file,
  method: 'GET',
  kind: 'page',
  cases: [{ name: own.name, params: { id: own.id }, expect: page(own.sees) }, { name: other.name, params: { id: other.id }, expect: page(other.sees) }, ...badIds('id', 404, 307)],
});

/** The same record page or route, asked with another agency's id: nobody here may see it (signed out: 307/401). */
const foreign = (param: string, id: IdRef, anonymous: number, body?: unknown): RouteCase => ({ name: 'another agency’s record', params: { [param]: id }, body, expect: signedIn(404, anonymous) });
const withForeign = (row: RouteRow, id: IdRef): RouteRow => ({ ...row, cases: [...row.cases, foreign('id', id, row.kind === 'page' ? 307 : 401)] });

/**
 * An `[id]` route that staff (landlords on their own properties, admins) may call: the first case is an invalid
 * body (400 once past authorisation), then a valid one on records that are not the caller's (404, and nothing
 * changes; the body is one the service would refuse anyway should a scope check ever be missing, where it can).
 */
const staffIdRoute = (
  file: string,
  {
    method = 'POST',
    own,
    other,
    foreignId,
    valid,
    invalid = {},
    fuzz,
  }: { method?: RouteRow['method']; own: IdRef; other: IdRef; foreignId?: IdRef; valid: unknown; invalid?: unknown; fuzz?: Record<string, FieldKind> },
): RouteRow => ({
  file,
  method,
  kind: 'api',
  cases: [
    { name: 'invalid body', params: { id: own }, body: invalid, expect: api(STAFF, 400) },
    { name: 'another landlord’s or agency’s record', params: { id: other }, body: valid, expect: { landlord: 404, foreignAdmin: 404, tenant: 404 } },
    { name: 'a record of the agency, as another agency’s admin', params: { id: own }, body: valid, expect: { foreignAdmin: 404 } },
    ...(foreignId ? [foreign('id', foreignId, 401, valid)] : []),
    ...badIds('id', 404, 401).map((c) => ({ ...c, body: valid })),
  ],
  ...(fuzz ? { fuzz: { body: fuzz } } : {}),
});

/** A push is seen by its tenant, the landlord of the lease and the agency's admins. */
const stkPushCases = (): RouteRow['cases'] => [
  { name: 'own push', params: { checkoutRequestId: 'stk.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
  { name: 'another tenant’s push', params: { checkoutRequestId: 'stk.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
  { name: 'no such push', params: { checkoutRequestId: { literal: 'ws_CO_000000000000000000' } }, expect: signedIn(404, 401) },
];

/**
 * approve / reject / withdraw under `/payouts/{id}` or `/reversals/{id}`: `own` is a decided request of that kind
 * (an admin, or for withdraw its requester landlord@, gets past authorisation: 409); `otherKind` is a request of the
 * other kind, which is 404 to everyone there.
 */
function decisionRows(resource: 'payouts' | 'reversals', own: IdRef, otherKind: IdRef): RouteRow[] {
  const file = (action: string) => `app/api/v1/${resource}/[id]/${action}/route.ts`;
  return [
    {
      file: file('approve'),
      method: 'POST',
      kind: 'api',
      cases: [
        { name: 'a decided request', params: { id: own }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 409, foreignAdmin: 404 } },
        { name: 'the other kind’s id', params: { id: otherKind }, body: {}, expect: signedIn(404, 401) },
        ...badIds('id', 404, 401),
      ],
    },
    {
      file: file('reject'),
      method: 'POST',
      kind: 'api',
      cases: [
        { name: 'a decided request', params: { id: own }, body: { reason: 'Matrix' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 409, foreignAdmin: 404 } },
        { name: 'the other kind’s id', params: { id: otherKind }, body: { reason: 'Matrix' }, expect: signedIn(404, 401) },
        { name: 'invalid body', params: { id: own }, body: { reason: 'x\u0000' }, expect: { admin: 400 } },
        ...badIds('id', 404, 401).map((c) => ({ ...c, body: { reason: 'Matrix' } })),
      ],
      fuzz: { body: { reason: 'text' } },
    },
    {
      file: file('withdraw'),
      method: 'POST',
      kind: 'api',
      cases: [
        { name: 'a decided request', params: { id: own }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 404, foreignAdmin: 404 } },
        { name: 'the other kind’s id', params: { id: otherKind }, body: {}, expect: signedIn(404, 401) },
        { name: 'invalid body', params: { id: own }, body: { reason: 'no fields here' }, expect: { landlord: 400 } },
        ...badIds('id', 404, 401).map((c) => ({ ...c, body: {} })),
      ],
    },
  ];
}

const CALLBACK = (file: string): RouteRow => ({
  file,
  method: 'POST',
  kind: 'callback',
  // A wrong secret is a URL that does not exist, whoever asks (cookies give no authority here).
  cases: [{ name: 'wrong secret', params: { secret: { literal: 'not-the-secret' } }, body: { Body: {} }, expect: everyone(404) }],
});

export const routeTable: RouteRow[] = [
  // ---- Pages -------------------------------------------------------------------------------------------------
  { file: 'app/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'home redirects by role', expect: everyone(307) }] },
  { file: 'app/(auth)/sign-in/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'sign-in', expect: signedIn(307, 200) }] },
  { file: 'app/(app)/tenant/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'tenant home', expect: page(['tenant']) }] },
  { file: 'app/(app)/tenant/pay/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'pay rent', expect: page(['tenant']) }] },
  { file: 'app/(app)/tenant/payments/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'payment history', expect: page(['tenant']) }] },
  { file: 'app/(app)/landlord/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'landlord home', expect: page(['landlord']) }] },
  { file: 'app/(app)/admin/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'agency overview', expect: page(ADMINS) }] },
  {
    file: 'app/(app)/admin/mpesa/page.tsx',
    method: 'GET',
    kind: 'page',
    cases: [
      { name: 'M-Pesa log', expect: page(ADMINS) },
      { name: 'after a replay, with an id that is not one or matches nothing', query: '?replayed=nope', expect: page(ADMINS) },
      { name: 'after a replay of nothing', query: '?replayed=00000000-0000-4000-8000-000000000000', expect: page(ADMINS) },
    ],
  },
  { file: 'app/(app)/admin/unmatched/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'unmatched queue', expect: page(ADMINS) }] },
  {
    file: 'app/(app)/admin/audit/page.tsx',
    method: 'GET',
    kind: 'page',
    cases: [
      { name: 'audit log', expect: page(ADMINS) },
      { name: 'filtered', query: '?action=payout.rejected&from=2020-01-01&to=2040-01-01', expect: page(ADMINS) },
      { name: 'bad filters are an error state', query: '?actorId=nope&from=2030-02-30&after=notacursor', expect: page(ADMINS) },
    ],
  },
  { file: 'app/(app)/admin/users/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'people', expect: page(ADMINS) }] },
  { file: 'app/(app)/account/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'account', expect: page(ALL) }] },
  {
    file: 'app/(app)/payments/page.tsx',
    method: 'GET',
    kind: 'page',
    cases: [
      { name: 'payment search', expect: page(STAFF) },
      { name: 'a search with filters', query: '?q=0712345678&from=2020-01-01&method=mpesa_stk', expect: page(STAFF) },
      // Bad filters are told on the page (an error state), not a crash.
      { name: 'bad filters', query: '?method=bitcoin&from=2030-02-30', expect: page(STAFF) },
    ],
  },
  { file: 'app/api-docs/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'the API reference is public', expect: everyone(200) }] },
  { file: 'app/(app)/payouts/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'payouts', expect: page(STAFF) }] },
  { file: 'app/(app)/payouts/new/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'new payout', expect: page(ADMINS) }] },
  recordPage('app/(app)/leases/[id]/page.tsx', { name: 'own lease', id: 'lease.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s and landlord’s lease', id: 'lease.other', sees: ['admin'] }),
  recordPage('app/(app)/leases/[id]/refund/page.tsx', { name: 'own lease', id: 'lease.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s lease', id: 'lease.other', sees: ['admin'] }),
  recordPage('app/(app)/payments/[id]/reverse/page.tsx', { name: 'own payment', id: 'payment.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s payment', id: 'payment.other', sees: ['admin'] }),
  recordPage('app/(app)/payments/[id]/page.tsx', { name: 'own payment', id: 'payment.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s payment', id: 'payment.other', sees: ['admin'] }),
  recordPage('app/(app)/receipts/[id]/page.tsx', { name: 'own receipt', id: 'payment.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s receipt', id: 'payment.other', sees: ['admin'] }),

  // Agency, messaging, proof and statement pages.
  { file: 'app/(app)/admin/settings/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'agency settings', expect: page(ADMINS) }] },
  { file: 'app/(app)/admin/messages/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'messages', expect: page(ADMINS) }] },
  { file: 'app/(app)/admin/messages/settings/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'messaging settings', expect: page(ADMINS) }] },
  { file: 'app/(app)/admin/proof/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'daily proof', expect: page(ADMINS) }] },
  { file: 'app/(app)/notifications/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'notifications', expect: page(ALL) }] },
  { file: 'app/(app)/leases/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'leases', expect: page(ALL) }] },
  { file: 'app/(app)/leases/new/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'new lease', expect: page(STAFF) }] },
  withForeign(recordPage('app/(app)/leases/[id]/statement/page.tsx', { name: 'own lease', id: 'lease.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s and landlord’s lease', id: 'lease.other', sees: ['admin'] }), 'lease.foreign'),
  { file: 'app/(app)/properties/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'properties', expect: page(STAFF) }] },
  { file: 'app/(app)/properties/new/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'new property', expect: page(STAFF) }] },
  withForeign(recordPage('app/(app)/properties/[id]/page.tsx', { name: 'own property', id: 'property.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s property', id: 'property.other', sees: ['admin'] }), 'property.foreign'),
  withForeign(recordPage('app/(app)/properties/[id]/edit/page.tsx', { name: 'own property', id: 'property.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s property', id: 'property.other', sees: ['admin'] }), 'property.foreign'),
  withForeign(recordPage('app/(app)/properties/[id]/statement/page.tsx', { name: 'own property', id: 'property.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s property', id: 'property.other', sees: ['admin'] }), 'property.foreign'),
  { file: 'app/(app)/tenants/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'tenants', expect: page(STAFF) }] },
  { file: 'app/(app)/tenants/new/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'new tenant', expect: page(STAFF) }] },
  withForeign(recordPage('app/(app)/tenants/[id]/page.tsx', { name: 'own tenant', id: 'tenant.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s tenant', id: 'tenant.other', sees: ['admin'] }), 'tenant.foreign'),

  // Public pages: anyone, signed in or not, gets the page (an unknown token or code is told so on it).
  { file: 'app/(auth)/forgot-password/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'forgot password', expect: everyone(200) }] },
  { file: 'app/(auth)/invite/[token]/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'unknown invite', params: { token: { literal: 'x'.repeat(43) } }, expect: everyone(200) }] },
  { file: 'app/(auth)/reset-password/[token]/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'unknown reset link', params: { token: { literal: 'x'.repeat(43) } }, expect: everyone(200) }] },
  { file: 'app/r/[code]/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'unknown receipt code', params: { code: { literal: 'HVN-0000-0000' } }, expect: everyone(200) }] },

  // ---- Auth.js and health ------------------------------------------------------------------------------------
  {
    file: 'app/api/auth/[...nextauth]/route.ts',
    method: 'GET',
    kind: 'auth',
    cases: [
      { name: 'session', path: '/api/auth/session', expect: everyone(200) },
      { name: 'csrf token', path: '/api/auth/csrf', expect: { anonymous: 200 } },
      { name: 'a callbackUrl that is not ours', path: '/api/auth/signin?callbackUrl=javascript%3Aalert(1)', expect: { anonymous: 400, admin: 400 } },
      { name: 'unknown action', path: '/api/auth/nope', expect: { anonymous: 400 } },
    ],
  },
  {
    file: 'app/api/auth/[...nextauth]/route.ts',
    method: 'POST',
    kind: 'auth',
    // Auth.js answers a form without its CSRF token by redirecting to its error page; nothing is signed in or out.
    cases: [{ name: 'credentials without a CSRF token', path: '/api/auth/callback/credentials', body: { email: 'admin@example.com', password: 'haven-demo' }, expect: everyone(302) }],
  },
  { file: 'app/api/health/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'health', expect: everyone(200) }] },
  { file: 'app/api/ping/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'ping (no-op reference for the benches)', expect: everyone(204) }] },
  { file: 'app/api/v1/openapi.json/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'the OpenAPI document is public', expect: everyone(200) }] },

  // ---- Payments API ------------------------------------------------------------------------------------------
  {
    file: 'app/api/v1/mpesa/stk-push/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(ALL, 400) },
      { name: 'another tenant’s lease', body: { leaseId: '$lease.other', amount: 10, phoneNumber: '0712345678' }, expect: { tenant: 404 } },
      { name: 'another agency’s lease', body: { leaseId: '$lease.own', amount: 10, phoneNumber: '0712345678' }, expect: { foreignAdmin: 404 } },
      { name: 'an account number no lease has', body: { accountReference: 'ZZ-99', amount: 10, phoneNumber: '0712345678' }, expect: signedIn(404, 401) },
    ],
    fuzz: { body: { leaseId: 'id', amount: 'kes', phoneNumber: 'text', accountReference: 'text' } },
  },
  { file: 'app/api/v1/mpesa/status/[checkoutRequestId]/route.ts', method: 'GET', kind: 'api', cases: stkPushCases() },
  { file: 'app/api/v1/mpesa/status-detailed/[checkoutRequestId]/route.ts', method: 'GET', kind: 'api', cases: stkPushCases() },
  { file: 'app/api/v1/mpesa/events/[checkoutRequestId]/route.ts', method: 'GET', kind: 'api', stream: true, cases: stkPushCases() },
  {
    file: 'app/api/v1/mpesa/b2c/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [{ name: 'list payouts', expect: api(STAFF, 200) }],
  },
  {
    file: 'app/api/v1/mpesa/b2c/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      {
        name: 'another landlord’s or agency’s lease',
        body: { leaseId: '$lease.other', phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Matrix: not mine' },
        expect: { landlord: 404, foreignAdmin: 404, tenant: 404 },
      },
    ],
    fuzz: { body: { leaseId: 'id', phone: 'text', phoneNumber: 'text', amount: 'kes', occasion: 'enum', remarks: 'text', requestApproval: 'boolean', idempotencyKey: 'text' } },
  },
  {
    file: 'app/api/v1/mpesa/b2c/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own payout', params: { id: 'payout.own' }, expect: { anonymous: 401, tenant: 404, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another landlord’s payout', params: { id: 'payout.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, expect: { ...c.expect, tenant: 404 } })),
    ],
  },
  {
    file: 'app/api/v1/mpesa/payouts/[id]/approve/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Already rejected: an admin of the agency gets past authorisation and is told it is decided (409).
      { name: 'a decided payout', params: { id: 'payout.own' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 409, foreignAdmin: 404 } },
      { name: 'a decided reversal', params: { id: 'reversal.own' }, body: {}, expect: { admin: 409, foreignAdmin: 404, landlord: 404 } },
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/mpesa/payouts/[id]/reject/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'a decided payout', params: { id: 'payout.own' }, body: { reason: 'Matrix' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 409, foreignAdmin: 404 } },
      { name: 'invalid body', params: { id: 'payout.own' }, body: { reason: 'x\u0000' }, expect: { admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { reason: 'Matrix' } })),
    ],
    fuzz: { body: { reason: 'text' } },
  },
  {
    file: 'app/api/v1/mpesa/payouts/[id]/withdraw/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Only the requester may withdraw (landlord@ asked for payout.own; it is already rejected: 409). To anyone else it is not theirs (404).
      { name: 'a decided payout', params: { id: 'payout.own' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 404, foreignAdmin: 404 } },
      { name: 'a decided reversal', params: { id: 'reversal.own' }, body: {}, expect: { landlord: 409, admin: 404, foreignAdmin: 404 } },
      { name: 'another landlord’s payout', params: { id: 'payout.other' }, body: {}, expect: { landlord: 404 } },
      { name: 'invalid body', params: { id: 'payout.own' }, body: { reason: 'no fields here' }, expect: { landlord: 400, admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: {} })),
    ],
  },
  {
    file: 'app/api/v1/mpesa/callbacks/[id]/replay/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Admins only; the body is parsed before the callback is looked up (400 proves authorisation passed).
      { name: 'invalid body', params: { id: 'missing' }, body: { again: true }, expect: api(ADMINS, 400) },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: {} })),
    ],
  },
  {
    file: 'app/api/v1/payments/export/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'payments CSV', expect: api(STAFF, 200) },
      // Another agency's property id (Umoja Court's is not known here): any id outside the caller's scope gives an empty file, still 200.
      { name: 'filtered by a property that is not theirs', query: '?propertyId=00000000-0000-4000-8000-000000000000', expect: api(STAFF, 200) },
      { name: 'invalid filters', query: '?method=bitcoin', expect: { landlord: 400, admin: 400, foreignAdmin: 400, tenant: 404, anonymous: 401 } },
      { name: 'a range that ends before it starts', query: '?from=2030-01-02&to=2030-01-01', expect: { admin: 400 } },
    ],
  },
  {
    file: 'app/api/v1/mpesa/reverse/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      { name: 'a receipt that is not yours', body: { transactionId: '$receipt.other', remarks: 'Matrix: not mine' }, expect: { landlord: 404, foreignAdmin: 404 } },
    ],
    fuzz: { body: { transactionId: 'text', amount: 'kes', remarks: 'text' } },
  },
  {
    file: 'app/api/v1/mpesa/reversal/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own reversal', params: { id: 'reversal.own' }, expect: { anonymous: 401, tenant: 404, landlord: 200, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/mpesa/balance/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [{ name: 'balance history', expect: api(ADMINS, 200) }],
  },
  {
    file: 'app/api/v1/mpesa/balance/route.ts',
    method: 'POST',
    kind: 'api',
    // Starts (or joins) an Account Balance query: no money moves. The foreign admin's agency has no M-Pesa
    // credentials to ask with (409).
    cases: [{ name: 'check the balance', body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 202, foreignAdmin: 409 } }],
  },
  {
    file: 'app/api/v1/mpesa/balance/latest/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [{ name: 'latest balance', expect: api(ADMINS, 200) }],
  },

  // ---- Agency -------------------------------------------------------------------------------------------------
  // Always the caller's own agency (no id in the path): invalid bodies only, so that no setting changes.
  { file: 'app/api/v1/agency/settings/route.ts', method: 'PUT', kind: 'api', cases: [{ name: 'invalid body', body: {}, expect: api(ADMINS, 400) }] },
  { file: 'app/api/v1/agency/mpesa-credentials/route.ts', method: 'PUT', kind: 'api', cases: [{ name: 'invalid body', body: {}, expect: api(ADMINS, 400) }] },

  // ---- Properties, units, tenants -------------------------------------------------------------------------------
  {
    file: 'app/api/v1/properties/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      // Would create a property if the landlord's agency were not checked.
      { name: 'another agency’s landlord', body: { name: 'Matrix Court', location: 'Nowhere', code: 'MXQ', commissionPercent: '10', landlordId: '$landlord.foreign' }, expect: { admin: 400, foreignAdmin: 400 } },
    ],
  },
  staffIdRoute('app/api/v1/properties/[id]/route.ts', {
    method: 'PATCH', own: 'property.own', other: 'property.other', foreignId: 'property.foreign',
    valid: { name: 'Matrix', location: 'Matrix', code: 'KH', commissionPercent: '10' },
    fuzz: { name: 'text', location: 'text', code: 'text', commissionPercent: 'text', landlordId: 'id' },
  }),
  {
    file: 'app/api/v1/properties/[id]/archive/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Its leases are in force: staff get past authorisation and are told to end them first; nothing changes.
      { name: 'own property with leases in force', params: { id: 'property.own' }, body: { archived: true }, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s property', params: { id: 'property.other' }, body: { archived: true }, expect: { landlord: 404, admin: 409, foreignAdmin: 404 } },
      { name: 'invalid body', params: { id: 'property.own' }, body: {}, expect: { landlord: 400, admin: 400 } },
      foreign('id', 'property.foreign', 401, { archived: true }),
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { archived: true } })),
    ],
    fuzz: { body: { archived: 'boolean' } },
  },
  staffIdRoute('app/api/v1/properties/[id]/units/route.ts', {
    own: 'property.own', other: 'property.other', foreignId: 'property.foreign',
    valid: { labels: 'Z9', unitType: 'studio', rent: '1000', deposit: '0' },
    fuzz: { labels: 'text', unitType: 'enum', rent: 'kes', deposit: 'kes' },
  }),
  staffIdRoute('app/api/v1/units/[id]/route.ts', {
    // `let` is refused for a vacant unit once past authorisation: a valid body that changes nothing.
    method: 'PATCH', own: 'unit.own', other: 'unit.other', foreignId: 'unit.foreign',
    valid: { unitType: 'studio', rent: '25000', deposit: '25000', status: 'let' },
    fuzz: { unitType: 'enum', rent: 'kes', deposit: 'kes', status: 'enum' },
  }),
  { file: 'app/api/v1/tenants/route.ts', method: 'POST', kind: 'api', cases: [{ name: 'invalid body', body: {}, expect: api(STAFF, 400) }] },
  staffIdRoute('app/api/v1/tenants/[id]/route.ts', {
    // Brian's email is taken: refused once past authorisation, so nothing changes whoever asks.
    method: 'PATCH', own: 'tenant.own', other: 'tenant.other', foreignId: 'tenant.foreign',
    valid: { name: 'Matrix', phone: '0712345678', email: 'tenant2@example.com', idNumber: '' },
    fuzz: { name: 'text', phone: 'text', email: 'text', idNumber: 'text' },
  }),
  {
    file: 'app/api/v1/tenants/[id]/invite/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // A new one-time link (the last one stops working) for a tenant added by landlord@ for the matrix.
      { name: 'a tenant the landlord added', params: { id: 'tenant.invitee' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 201, admin: 201, foreignAdmin: 404 } },
      { name: 'another landlord’s tenant', params: { id: 'tenant.other' }, body: {}, expect: { landlord: 404, foreignAdmin: 404 } },
      foreign('id', 'tenant.foreign', 401, {}),
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/invites/accept/route.ts',
    method: 'POST',
    kind: 'api',
    // Public: the token is the credential, whoever is signed in.
    cases: [
      { name: 'invalid body', body: {}, expect: everyone(400) },
      { name: 'unknown token', body: { token: 'x'.repeat(43), password: 'matrix-password', confirm: 'matrix-password' }, expect: everyone(409) },
    ],
    fuzz: { body: { token: 'text', password: 'text', confirm: 'text' } },
  },

  // ---- Leases -------------------------------------------------------------------------------------------------
  {
    file: 'app/api/v1/leases/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      {
        name: 'another landlord’s or agency’s unit and tenant',
        body: { unitId: '$unit.other', tenantId: '$tenant.other', startDate: '2030-01-01', monthlyRent: '10000', deposit: '0', dueDay: '5', billingDay: '1' },
        expect: { landlord: 400, foreignAdmin: 400 },
      },
      {
        name: 'another agency’s unit and tenant',
        body: { unitId: '$unit.foreign', tenantId: '$tenant.foreign', startDate: '2030-01-01', monthlyRent: '10000', deposit: '0', dueDay: '5', billingDay: '1' },
        expect: { admin: 400 },
      },
    ],
  },
  {
    file: 'app/api/v1/leases/[id]/activate/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Already active: staff get past authorisation and are told so; nothing changes.
      { name: 'own active lease', params: { id: 'lease.own' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s lease', params: { id: 'lease.other' }, body: {}, expect: { landlord: 404, admin: 409 } },
      foreign('id', 'lease.foreign', 401, {}),
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/leases/[id]/notice/withdraw/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'own lease, not under notice', params: { id: 'lease.own' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s lease', params: { id: 'lease.other' }, body: {}, expect: { landlord: 404, admin: 409 } },
      foreign('id', 'lease.foreign', 401, {}),
      ...badIds('id', 404, 401),
    ],
  },
  // Move-out in 1999, before the lease started: refused once past authorisation.
  staffIdRoute('app/api/v1/leases/[id]/notice/route.ts', { own: 'lease.own', other: 'lease.other', foreignId: 'lease.foreign', valid: { endDate: '1999-01-01' }, fuzz: { endDate: 'text', reason: 'text' } }),
  staffIdRoute('app/api/v1/leases/[id]/end/route.ts', { own: 'lease.own', other: 'lease.other', foreignId: 'lease.foreign', valid: { endDate: '1999-01-01', reason: 'Matrix' }, fuzz: { endDate: 'text', reason: 'text' } }),
  // January 1999 is charged already: refused once past authorisation.
  staffIdRoute('app/api/v1/leases/[id]/rent-changes/route.ts', {
    own: 'lease.own', other: 'lease.other', foreignId: 'lease.foreign', valid: { effectivePeriod: '1999-01', monthlyRent: '1000', reason: 'Matrix' },
    fuzz: { effectivePeriod: 'text', monthlyRent: 'kes', reason: 'text' },
  }),
  staffIdRoute('app/api/v1/leases/[id]/charges/route.ts', {
    own: 'lease.own', other: 'lease.other', foreignId: 'lease.foreign', valid: { description: 'Matrix', amount: '100', dueDate: '1999-01-01' },
    fuzz: { description: 'text', amount: 'kes', dueDate: 'text' },
  }),
  // A fixed charge from January 1999, long charged: refused once past authorisation.
  staffIdRoute('app/api/v1/leases/[id]/recurring-charges/route.ts', {
    own: 'lease.own', other: 'lease.other', foreignId: 'lease.foreign', valid: { kind: 'garbage', description: 'Matrix', metered: 'fixed', amount: '100', startPeriod: '1999-01' },
    fuzz: { kind: 'enum', description: 'text', metered: 'enum', amount: 'kes', startPeriod: 'text' },
  }),
  {
    file: 'app/api/v1/leases/[id]/payments/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', params: { id: 'lease.own' }, body: {}, expect: api(ADMINS, 400) },
      // Dated in 2999: refused once past authorisation.
      { name: 'another agency’s lease', params: { id: 'lease.own' }, body: { method: 'cash', amount: '100', paidOn: '2999-01-01' }, expect: { foreignAdmin: 404, landlord: 404 } },
      foreign('id', 'lease.foreign', 401, { method: 'cash', amount: '100', paidOn: '2999-01-01' }),
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { method: 'cash', amount: '100', paidOn: '2999-01-01' } })),
    ],
    fuzz: { body: { method: 'enum', amount: 'kes', paidOn: 'text', reference: 'text', note: 'text' } },
  },
  {
    file: 'app/api/v1/charges/[id]/waive/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', params: { id: 'charge.own' }, body: {}, expect: api(ADMINS, 400) },
      // More than is left to waive: refused once past authorisation.
      { name: 'a charge of the agency', params: { id: 'charge.other' }, body: { amount: '999999999', reason: 'Matrix' }, expect: { admin: 400, foreignAdmin: 404, landlord: 404 } },
      foreign('id', 'charge.foreign', 401, { amount: '999999999', reason: 'Matrix' }),
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { amount: '999999999', reason: 'Matrix' } })),
    ],
    fuzz: { body: { amount: 'kes', reason: 'text' } },
  },
  {
    file: 'app/api/v1/payments/[id]/timeline/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own payment', params: { id: 'payment.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another tenant’s payment', params: { id: 'payment.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/payments/find/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(['tenant'], 400) },
      // A well-formed code for another tenant's lease: refused before anything is looked up with M-Pesa.
      { name: 'another tenant’s lease', body: { code: 'MTX0000001', leaseId: '$lease.other' }, expect: { tenant: 404 } },
    ],
    fuzz: { body: { code: 'text', leaseId: 'id' } },
  },
  {
    file: 'app/api/v1/payments/[id]/void/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // An M-Pesa payment is reversed on M-Pesa, not voided: refused once past authorisation.
      { name: 'own M-Pesa payment', params: { id: 'payment.own' }, body: { reason: 'Matrix' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 409, foreignAdmin: 404 } },
      { name: 'invalid body', params: { id: 'payment.own' }, body: {}, expect: { admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { reason: 'Matrix' } })),
    ],
    fuzz: { body: { reason: 'text' } },
  },
  {
    file: 'app/api/v1/recurring-charges/[id]/readings/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', params: { id: 'recurring.own' }, body: {}, expect: api(STAFF, 400) },
      // A reading below the meter's reading at move-in: refused once past authorisation.
      { name: 'a meter of the agency', params: { id: 'recurring.other' }, body: { period: '2030-01', reading: 1, previousReading: 5, readOn: '2030-01-31' }, expect: { landlord: 404, admin: 400, foreignAdmin: 404 } },
      { name: 'own meter, as another agency’s admin', params: { id: 'recurring.own' }, body: { period: '2030-01', reading: 1, previousReading: 5, readOn: '2030-01-31' }, expect: { landlord: 400, foreignAdmin: 404 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { period: '2030-01', reading: 1, previousReading: 5, readOn: '2030-01-31' } })),
    ],
    fuzz: { body: { period: 'text', reading: 'kes', previousReading: 'kes', readOn: 'text' } },
  },

  // ---- Deposits -----------------------------------------------------------------------------------------------
  {
    file: 'app/api/v1/leases/[id]/deposit/deductions/route.ts',
    method: 'POST',
    kind: 'api',
    // Takes multipart forms (evidence files). The seeded leases are active, and deductions are made at move-out:
    // a valid form on a lease the caller may see is 409, on any other lease 404 — nothing is deducted.
    cases: [
      { name: 'a valid form on own active lease', params: { id: 'lease.own' }, form: DEDUCTION_FORM, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s lease', params: { id: 'lease.other' }, form: DEDUCTION_FORM, expect: { landlord: 404, admin: 409 } },
      { name: 'another agency’s lease', params: { id: 'lease.foreign' }, form: DEDUCTION_FORM, expect: { landlord: 404, admin: 404 } },
      { name: 'not a form', params: { id: 'lease.own' }, body: {}, expect: { landlord: 400, admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, form: DEDUCTION_FORM })),
    ],
  },
  {
    file: 'app/api/v1/leases/[id]/deposit/disputes/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', params: { id: 'lease.own' }, body: {}, expect: api(['tenant'], 400) },
      { name: 'another tenant’s lease', params: { id: 'lease.other' }, body: { message: 'Matrix: not mine' }, expect: { tenant: 404 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { message: 'Matrix' } })),
    ],
    fuzz: { body: { message: 'text' } },
  },
  {
    file: 'app/api/v1/leases/[id]/deposit/refund/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // The lease has not ended: staff get past authorisation and are told so; no money moves.
      { name: 'own lease in force', params: { id: 'lease.own' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s lease', params: { id: 'lease.other' }, body: {}, expect: { landlord: 404, admin: 409 } },
      { name: 'invalid body', params: { id: 'lease.own' }, body: { requestApproval: 'yes' }, expect: { landlord: 400, admin: 400 } },
      foreign('id', 'lease.foreign', 401, {}),
      ...badIds('id', 404, 401),
    ],
    fuzz: { body: { phone: 'text', requestApproval: 'boolean' } },
  },
  {
    file: 'app/api/v1/deposit/deductions/[id]/withdraw/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Withdrawn already: staff get past authorisation and are told so.
      { name: 'own deduction', params: { id: 'deduction.own' }, body: { reason: 'Matrix' }, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s deduction', params: { id: 'deduction.other' }, body: { reason: 'Matrix' }, expect: { landlord: 404, admin: 409 } },
      { name: 'invalid body', params: { id: 'deduction.own' }, body: {}, expect: { landlord: 400, admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { reason: 'Matrix' } })),
    ],
    fuzz: { body: { reason: 'text' } },
  },
  {
    file: 'app/api/v1/deposit/disputes/[id]/respond/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Answered already: staff get past authorisation and are told so.
      { name: 'own dispute', params: { id: 'dispute.own' }, body: { response: 'Matrix' }, expect: { anonymous: 401, tenant: 404, landlord: 409, admin: 409, foreignAdmin: 404 } },
      { name: 'another landlord’s dispute', params: { id: 'dispute.other' }, body: { response: 'Matrix' }, expect: { landlord: 404, admin: 409 } },
      { name: 'invalid body', params: { id: 'dispute.own' }, body: {}, expect: { landlord: 400, admin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { response: 'Matrix' } })),
    ],
    fuzz: { body: { response: 'text' } },
  },
  {
    file: 'app/api/v1/deposit/evidence/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own lease’s evidence', params: { id: 'evidence.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another lease’s evidence', params: { id: 'evidence.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },

  // ---- Receipts and statements --------------------------------------------------------------------------------
  {
    file: 'app/api/v1/receipts/[id]/pdf/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own receipt', params: { id: 'payment.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another tenant’s receipt', params: { id: 'payment.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/statements/tenant/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own lease', params: { id: 'lease.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another tenant’s lease', params: { id: 'lease.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      { name: 'a range that ends before it starts', params: { id: 'lease.own' }, query: '?from=2030-01-01&to=2029-01-01', expect: { tenant: 400, admin: 400, foreignAdmin: 404 } },
      foreign('id', 'lease.foreign', 401),
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/statements/landlord/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own property', params: { id: 'property.own' }, expect: { anonymous: 401, tenant: 404, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another landlord’s property', params: { id: 'property.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      foreign('id', 'property.foreign', 401),
      ...badIds('id', 404, 401),
    ],
  },

  // ---- M-Pesa statement and daily proof (the caller's own agency) ---------------------------------------------
  // The foreign admin's agency has no M-Pesa credentials: there is no statement to prove or read (409).
  {
    file: 'app/api/v1/mpesa/daily-proof/[day]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'a past day', params: { day: { literal: '2026-01-15' } }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 409 } },
      { name: 'not a day', params: { day: { literal: '2026-02-30' } }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 400, foreignAdmin: 400 } },
    ],
  },
  // ---- The unmatched queue (the caller's own agency; items of another agency are not found) ---------------------
  { file: 'app/api/v1/unmatched/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'the queue', expect: api(ADMINS, 200) }] },
  {
    file: 'app/api/v1/unmatched/[id]/actions/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      // Marking a payment not ours moves no money; none of the matrix's ids is a queued payment, so past authorisation it is 404.
      { name: 'a payment that is not queued', params: { id: 'missing' }, body: { action: 'not_ours', reason: 'Matrix' }, expect: api(ADMINS, 404) },
      { name: 'invalid body', params: { id: 'missing' }, body: {}, expect: api(ADMINS, 400) },
      { name: 'unknown action', params: { id: 'missing' }, body: { action: 'merge', reason: 'Matrix' }, expect: { admin: 400, foreignAdmin: 400 } },
      ...badIds('id', 404, 401).map((c) => ({ ...c, body: { action: 'not_ours', reason: 'Matrix' } })),
    ],
    fuzz: { body: { action: 'enum', leaseId: 'id', reason: 'text' } },
  },
  { file: 'app/api/v1/mpesa/statement/runs/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'reconciliation runs', expect: api(ADMINS, 200) }] },
  // Reads M-Pesa's statement for the caller's agency now, as the sweep does on its own: no money moves.
  // ---- REST resources (lib/api/resources/*): the write-up's paths above export the same handlers -------------
  {
    file: 'app/api/v1/payments/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      // Tenants list their own payments here (the console's search is staff only).
      { name: 'list payments', expect: api(ALL, 200) },
      { name: 'filtered and paged', query: '?method=mpesa_stk&limit=2&cursor=not-a-cursor', expect: api(ALL, 200) },
      { name: 'invalid filters', query: '?method=bitcoin', expect: signedIn(400, 401) },
      { name: 'a page too large', query: '?limit=1000', expect: signedIn(400, 401) },
    ],
  },
  {
    file: 'app/api/v1/payments/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own payment', params: { id: 'payment.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another landlord’s payment', params: { id: 'payment.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },
  {
    file: 'app/api/v1/leases/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'list leases', expect: api(ALL, 200) },
      { name: 'invalid status', query: '?status=paused', expect: signedIn(400, 401) },
    ],
  },
  withForeign(
    {
      file: 'app/api/v1/leases/[id]/route.ts',
      method: 'GET',
      kind: 'api',
      cases: [
        { name: 'own lease', params: { id: 'lease.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
        { name: 'another landlord’s lease', params: { id: 'lease.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
        ...badIds('id', 404, 401),
      ],
    },
    'lease.foreign',
  ),
  { file: 'app/api/v1/payouts/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'list payouts', expect: api(STAFF, 200) }] },
  {
    file: 'app/api/v1/payouts/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      {
        name: 'another landlord’s or agency’s lease',
        body: { leaseId: '$lease.other', phoneNumber: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Matrix: not mine' },
        expect: { landlord: 404, foreignAdmin: 404, tenant: 404 },
      },
    ],
    fuzz: { body: { leaseId: 'id', phone: 'text', phoneNumber: 'text', amount: 'kes', occasion: 'enum', remarks: 'text', requestApproval: 'boolean', idempotencyKey: 'text' } },
  },
  {
    file: 'app/api/v1/payouts/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own payout', params: { id: 'payout.own' }, expect: { anonymous: 401, tenant: 404, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'another landlord’s payout', params: { id: 'payout.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      { name: 'a reversal’s id', params: { id: 'reversal.own' }, expect: signedIn(404, 401) },
      ...badIds('id', 404, 401),
    ],
  },
  ...decisionRows('payouts', 'payout.own', 'reversal.own'),
  { file: 'app/api/v1/reversals/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'list reversals', expect: api(STAFF, 200) }] },
  {
    file: 'app/api/v1/reversals/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      { name: 'a receipt that is not yours', body: { transactionId: '$receipt.other', remarks: 'Matrix: not mine' }, expect: { landlord: 404, foreignAdmin: 404 } },
    ],
    fuzz: { body: { transactionId: 'text', amount: 'kes', remarks: 'text' } },
  },
  {
    file: 'app/api/v1/reversals/[id]/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [
      { name: 'own reversal', params: { id: 'reversal.own' }, expect: { anonymous: 401, tenant: 404, landlord: 200, admin: 200, foreignAdmin: 404 } },
      { name: 'a payout’s id', params: { id: 'payout.own' }, expect: signedIn(404, 401) },
      ...badIds('id', 404, 401),
    ],
  },
  ...decisionRows('reversals', 'reversal.own', 'payout.own'),
  { file: 'app/api/v1/balance-checks/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'list balance checks', expect: api(ADMINS, 200) }] },
  {
    file: 'app/api/v1/balance-checks/route.ts',
    method: 'POST',
    kind: 'api',
    // As POST /mpesa/balance: no money moves; the foreign admin's agency has no M-Pesa credentials (409).
    cases: [{ name: 'check the balance', body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 202, foreignAdmin: 409 } }],
  },
  { file: 'app/api/v1/balance-checks/[id]/route.ts', method: 'GET', kind: 'api', cases: badIds('id', 404, 401) as RouteRow['cases'] },

  { file: 'app/api/v1/mpesa/statement/reconcile/route.ts', method: 'POST', kind: 'api', cases: [{ name: 'reconcile now', body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 409 } }] },
  { file: 'app/api/v1/mpesa/statement/register/route.ts', method: 'POST', kind: 'api', cases: [{ name: 'invalid body', body: {}, expect: api(ADMINS, 400) }] },

  // ---- Users ---------------------------------------------------------------------------------------------------
  // ---- API tokens (a session only: token-scopes.ts refuses every token here) -------------------------------------
  { file: 'app/api/v1/tokens/route.ts', method: 'GET', kind: 'api', cases: [{ name: 'own tokens', expect: api(STAFF, 200) }] },
  {
    file: 'app/api/v1/tokens/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(STAFF, 400) },
      { name: 'a scope the role cannot give', body: { name: 'Matrix', scopes: ['nonsense'] }, expect: { landlord: 400, admin: 400 } },
    ],
    fuzz: { body: { name: 'text', expiresInDays: 'kes' } },
  },
  {
    file: 'app/api/v1/tokens/[id]/revoke/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [{ name: 'a token that is not the caller’s', params: { id: 'missing' }, body: {}, expect: signedIn(404, 401) }, ...badIds('id', 404, 401)],
  },
  {
    file: 'app/api/v1/users/[id]/revoke-sessions/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'a person of the agency', params: { id: 'user.other' }, body: {}, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
      ...badIds('id', 404, 401),
    ],
  },

  // ---- Daraja callbacks ----------------------------------------------------------------------------------------
  CALLBACK('app/api/v1/mpesa/callback/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/b2c/result/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/b2c/timeout/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/reversal/result/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/reversal/timeout/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/balance/result/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/balance/timeout/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/transaction-status/result/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/transaction-status/timeout/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/c2b/confirmation/[secret]/route.ts'),
  CALLBACK('app/api/v1/mpesa/c2b/validation/[secret]/route.ts'),
  // The same handlers at the paths Haven registers (Safaricom refuses callback URLs containing "mpesa").
  ...['callback', 'b2c/result', 'b2c/timeout', 'reversal/result', 'reversal/timeout', 'balance/result', 'balance/timeout', 'transaction-status/result', 'transaction-status/timeout', 'c2b/confirmation', 'c2b/validation'].map((path) =>
    CALLBACK(`app/api/v1/hooks/${path}/[secret]/route.ts`),
  ),
];
