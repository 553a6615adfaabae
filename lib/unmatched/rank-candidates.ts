import { formatKes } from '@/lib/money';

/**
 * Which leases an unplaced payment most likely belongs to, each with the reasons a person can check: paid from the
 * tenant's phone, an account number close to the lease's, the amount the lease owes or its rent. A suggestion only:
 * nothing is placed without an admin choosing it (two tenants can owe the same rent).
 */

export interface CandidateInput {
  id: string;
  accountReference: string;
  monthlyRentCents: number;
  balanceCents: number;
  tenantPhone: string | null;
}

export interface PaymentFacts {
  amountCents: number | null;
  payerMsisdn: string | null;
  accountReference: string | null;
}

export interface RankedCandidate {
  leaseId: string;
  score: number;
  reasons: string[];
}

const MAX_CANDIDATES = 5;

/** Upper case, letters and digits only, and no leading zeros in a run of digits: `kh-a01` → `KHA1`. */
export function compactReference(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/(^|[A-Z])0+(?=\d)/g, '$1');
}

/** Edit distance, capped: anything above `cap` is reported as cap + 1 (only "one or two typos" matters here). */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return Math.min(previous[b.length]!, cap + 1);
}

function referenceReason(typed: string, lease: string): { score: number; reason: string } | null {
  const a = compactReference(typed);
  const b = compactReference(lease);
  if (!a || !b) return null;
  if (a === b) return { score: 3, reason: `The account typed, “${typed}”, reads as ${lease}` };
  if (b.length >= 3 && a.includes(b)) return { score: 2.5, reason: `The account typed, “${typed}”, contains ${lease}` };
  const distance = editDistance(a, b);
  if (distance === 1) return { score: 2, reason: `The account typed, “${typed}”, is one character away from ${lease}` };
  return null;
}

export function rankCandidates({ payment, leases }: { payment: PaymentFacts; leases: CandidateInput[] }): RankedCandidate[] {
  const ranked: RankedCandidate[] = [];
  for (const lease of leases) {
    let score = 0;
    const reasons: string[] = [];
    if (payment.payerMsisdn && lease.tenantPhone && payment.payerMsisdn === lease.tenantPhone) {
      score += 3;
      reasons.push('Paid from the tenant’s phone');
    }
    const reference = payment.accountReference ? referenceReason(payment.accountReference, lease.accountReference) : null;
    if (reference) {
      score += reference.score;
      reasons.push(reference.reason);
    }
    if (payment.amountCents !== null && payment.amountCents > 0) {
      if (lease.balanceCents > 0 && payment.amountCents === lease.balanceCents) {
        score += 1.5;
        reasons.push(`${formatKes(payment.amountCents)} is exactly what this lease owes`);
      } else if (payment.amountCents === lease.monthlyRentCents) {
        score += 1;
        reasons.push(`${formatKes(payment.amountCents)} is this lease’s monthly rent`);
      }
    }
    if (score > 0) ranked.push({ leaseId: lease.id, score, reasons });
  }
  return ranked.sort((x, y) => y.score - x.score || x.leaseId.localeCompare(y.leaseId)).slice(0, MAX_CANDIDATES);
}
