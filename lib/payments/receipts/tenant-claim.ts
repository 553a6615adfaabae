import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getLeaseWithTenantPhone } from '@/db/queries/leases';
import type { ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import { leaseAcceptsPayments } from '@/lib/leases/lease-status';
import { normalizeKenyanPhone } from '@/lib/phone';

/**
 * A tenant said "I paid this" (find-my-payment). Their word places nothing: the lease they named gets the money only
 * when M-Pesa proves the payer is the phone on file for that lease's tenant, the money went to that lease's agency's
 * paybill, and the lease can take payments. Otherwise the receipt stays for a person, like any unmatched one.
 */
export type TenantClaimVerdict = { ok: true; leaseId: string; agencyId: string } | { ok: false; reason: string };

const samePhone = (a: string | null, b: string | null) => {
  if (!a || !b) return false;
  const x = normalizeKenyanPhone(a);
  const y = normalizeKenyanPhone(b);
  return x.ok && y.ok && x.msisdn === y.msisdn;
};

export async function checkTenantClaim(db: DbOrTx, { check, leaseId }: { check: ReceiptCheckRow; leaseId: string }): Promise<TenantClaimVerdict> {
  const lease = await getLeaseWithTenantPhone(db, { leaseId });
  if (!lease || lease.agencyId !== check.agencyId) return { ok: false, reason: 'the lease a tenant named is not on the paybill that received the money' };
  if (!leaseAcceptsPayments(lease.status)) return { ok: false, reason: `the lease a tenant named is ${lease.status}` };
  if (!samePhone(lease.tenantPhone, check.payerMsisdn)) return { ok: false, reason: 'a tenant claimed it, but M-Pesa says another phone paid' };
  return { ok: true, leaseId: lease.id, agencyId: lease.agencyId };
}
