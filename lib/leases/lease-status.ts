import type { LeaseStatus } from '@/db/schema/leases';

/**
 * The lease lifecycle: draft → active → notice → ended. A draft is being prepared (no charges, no payments); an
 * active lease is billed; under notice it is still billed (up to its end date) and paid; an ended lease is only
 * settled (its deposit). These are the only transitions.
 */
export const LEASE_TRANSITIONS: Record<LeaseStatus, readonly LeaseStatus[]> = {
  draft: ['active', 'ended'],
  active: ['notice', 'ended'],
  notice: ['active', 'ended'],
  ended: [],
};

/** Statuses in which the lease is in force: billed, payable, holding its unit. */
export const LIVE_LEASE_STATUSES = ['active', 'notice'] as const satisfies readonly LeaseStatus[];

export function leaseAcceptsPayments(status: LeaseStatus): boolean {
  return status === 'active' || status === 'notice';
}

export const leaseStatusLabel: Record<LeaseStatus, string> = { draft: 'Draft', active: 'Active', notice: 'Under notice', ended: 'Ended' };
