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
 *   and other people's) or a literal string. `body` is sent as JSON. Prefer bodies that do not move money: an
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
  | 'malformed' // 36 dashes
  | 'missing'; // a well-formed id that matches nothing

export type FieldKind = 'id' | 'text' | 'kes' | 'boolean' | 'enum';

export interface RouteCase {
  name: string;
  params?: Record<string, IdRef | { literal: string }>;
  /** Replaces the path derived from the file (catch-all routes). */
  path?: string;
  body?: unknown;
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

/** A push is seen by its tenant, the landlord of the lease and the agency's admins. */
const stkPushCases = (): RouteRow['cases'] => [
  { name: 'own push', params: { checkoutRequestId: 'stk.own' }, expect: { anonymous: 401, tenant: 200, landlord: 200, admin: 200, foreignAdmin: 404 } },
  { name: 'another tenant’s push', params: { checkoutRequestId: 'stk.other' }, expect: { anonymous: 401, tenant: 404, landlord: 404, admin: 200, foreignAdmin: 404 } },
  { name: 'no such push', params: { checkoutRequestId: { literal: 'ws_CO_000000000000000000' } }, expect: signedIn(404, 401) },
];

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
  { file: 'app/(app)/admin/mpesa/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'M-Pesa log', expect: page(ADMINS) }] },
  { file: 'app/(app)/admin/users/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'people', expect: page(ADMINS) }] },
  { file: 'app/(app)/account/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'account', expect: page(ALL) }] },
  { file: 'app/(app)/payouts/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'payouts', expect: page(STAFF) }] },
  { file: 'app/(app)/payouts/new/page.tsx', method: 'GET', kind: 'page', cases: [{ name: 'new payout', expect: page(ADMINS) }] },
  recordPage('app/(app)/leases/[id]/page.tsx', { name: 'own lease', id: 'lease.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s and landlord’s lease', id: 'lease.other', sees: ['admin'] }),
  recordPage('app/(app)/leases/[id]/refund/page.tsx', { name: 'own lease', id: 'lease.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s lease', id: 'lease.other', sees: ['admin'] }),
  recordPage('app/(app)/payments/[id]/reverse/page.tsx', { name: 'own payment', id: 'payment.own', sees: ['landlord', 'admin'] }, { name: 'another landlord’s payment', id: 'payment.other', sees: ['admin'] }),
  recordPage('app/(app)/receipts/[id]/page.tsx', { name: 'own receipt', id: 'payment.own', sees: ['tenant', 'landlord', 'admin'] }, { name: 'another tenant’s receipt', id: 'payment.other', sees: ['admin'] }),

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

  // ---- Payments API ------------------------------------------------------------------------------------------
  {
    file: 'app/api/v1/mpesa/stk-push/route.ts',
    method: 'POST',
    kind: 'api',
    cases: [
      { name: 'invalid body', body: {}, expect: api(ALL, 400) },
      { name: 'another tenant’s lease', body: { leaseId: '$lease.other', amount: 10, phoneNumber: '0712345678' }, expect: { tenant: 404 } },
      { name: 'another agency’s lease', body: { leaseId: '$lease.own', amount: 10, phoneNumber: '0712345678' }, expect: { foreignAdmin: 404 } },
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
    fuzz: { body: { leaseId: 'id', phone: 'text', amount: 'kes', occasion: 'enum', remarks: 'text', requestApproval: 'boolean', idempotencyKey: 'text' } },
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
    // Starts (or joins) an Account Balance query: no money moves.
    cases: [{ name: 'check the balance', body: {}, expect: api(ADMINS, 202) }],
  },
  {
    file: 'app/api/v1/mpesa/balance/latest/route.ts',
    method: 'GET',
    kind: 'api',
    cases: [{ name: 'latest balance', expect: api(ADMINS, 200) }],
  },

  // ---- Users ---------------------------------------------------------------------------------------------------
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
];
