/**
 * What an API token may do. A token acts as its owner (the same role checks and data scoping as a signed-in
 * session) and, on top of that, only within its scopes:
 *
 * - `read`: every GET (and HEAD).
 * - `collect`: asking a tenant to pay (STK push).
 * - `payout`: money out and what decides it: payouts (B2C), deposit refunds, reversals, approving or rejecting
 *   them, and balance checks of the money-out account.
 * - `admin`: every other change (agency settings, people, properties, leases, charges, the unmatched queue…).
 *
 * The scope a request needs is decided here from its method and path alone, so a new route is covered by
 * default: a GET needs `read`, any other method `admin` unless it is listed below. Token management itself is
 * never open to a token: a read-only token must not be able to mint itself a payout token.
 */

export const API_SCOPES = ['read', 'collect', 'payout', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  read: 'Read: see leases, payments, payouts and their status',
  collect: 'Collect: send M-Pesa payment prompts (STK push)',
  payout: 'Payout: send payouts and refunds, reverse payments, approve them, check the balance',
  admin: 'Admin: change settings, people, properties, leases and charges',
};

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Paths a token can never use, whatever its scopes. */
const SESSION_ONLY: readonly RegExp[] = [/^\/api\/v1\/tokens(\/|$)/];

const WRITE_SCOPES: readonly { pattern: RegExp; scope: ApiScope }[] = [
  { pattern: /^\/api\/v1\/mpesa\/stk-push$/, scope: 'collect' },
  { pattern: /^\/api\/v1\/mpesa\/(b2c|payouts|reverse|reversals?|balance)(\/|$)/, scope: 'payout' },
  { pattern: /^\/api\/v1\/leases\/[^/]+\/deposit\/refund$/, scope: 'payout' },
  { pattern: /^\/api\/v1\/(payouts|reversals|balance-checks)(\/|$)/, scope: 'payout' },
];

/** The scope a token needs for this request, or null when no token may make it. */
export function requiredScopeFor({ method, pathname }: { method: string; pathname: string }): ApiScope | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (SESSION_ONLY.some((pattern) => pattern.test(path))) return null;
  if (READ_METHODS.has(method.toUpperCase())) return 'read';
  return WRITE_SCOPES.find(({ pattern }) => pattern.test(path))?.scope ?? 'admin';
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Landlords have no admin routes: offering them the scope would only mislead. */
export function scopesForRole(role: 'admin' | 'landlord' | 'tenant'): readonly ApiScope[] {
  if (role === 'admin') return API_SCOPES;
  if (role === 'landlord') return ['read', 'collect', 'payout'];
  return [];
}
