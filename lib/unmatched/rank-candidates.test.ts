import { describe, expect, it } from 'vitest';
import { compactReference, editDistance, rankCandidates } from './rank-candidates';

const lease = (id: string, over: Partial<{ accountReference: string; monthlyRentCents: number; balanceCents: number; tenantPhone: string | null }> = {}) => ({
  id,
  accountReference: 'KH-A1',
  monthlyRentCents: 2_500_000,
  balanceCents: 0,
  tenantPhone: null,
  ...over,
});

describe('compactReference', () => {
  it('ignores case, spaces, dashes and leading zeros', () => {
    expect(['kh a1', 'KHA1', 'KH-A01', ' kh-a1 '].map(compactReference)).toEqual(['KHA1', 'KHA1', 'KHA1', 'KHA1']);
    expect(compactReference('A10')).toBe('A10');
  });
});

describe('editDistance', () => {
  it('counts typos and caps the rest', () => {
    expect(editDistance('KHA1', 'KHA2')).toBe(1);
    expect(editDistance('KHA1', 'KHA1')).toBe(0);
    expect(editDistance('KHA1', 'ZZZZZZZ')).toBe(3);
  });
});

describe('rankCandidates', () => {
  it('ranks the tenant’s phone and a close reference above an amount that merely matches', () => {
    const ranked = rankCandidates({
      payment: { amountCents: 2_500_000, payerMsisdn: '254711000001', accountReference: 'kh a1' },
      leases: [
        lease('rent-only', { accountReference: 'RG-03' }),
        lease('phone', { accountReference: 'RG-04', tenantPhone: '254711000001' }),
        lease('reference', { accountReference: 'KH-A1', monthlyRentCents: 1_000_000 }),
        lease('nothing', { accountReference: 'ZZ-99', monthlyRentCents: 1_000_000 }),
      ],
    });
    expect(ranked.map((r) => r.leaseId)).toEqual(['phone', 'reference', 'rent-only']);
    expect(ranked[0]!.reasons).toContain('Paid from the tenant’s phone');
    expect(ranked[1]!.reasons[0]).toMatch(/reads as KH-A1/);
    expect(ranked[2]!.reasons[0]).toMatch(/monthly rent/);
  });

  it('prefers the lease that owes exactly the amount, and names a one-character typo', () => {
    const ranked = rankCandidates({
      payment: { amountCents: 1_200_000, payerMsisdn: null, accountReference: 'KH-A2' },
      leases: [lease('owes', { accountReference: 'RG-01', balanceCents: 1_200_000 }), lease('typo', { accountReference: 'KH-A1' })],
    });
    expect(ranked.map((r) => r.leaseId)).toEqual(['typo', 'owes']);
    expect(ranked[0]!.reasons[0]).toMatch(/one character away/);
    expect(ranked[1]!.reasons[0]).toMatch(/exactly what this lease owes/);
  });

  it('suggests nothing when nothing points at a lease', () => {
    expect(rankCandidates({ payment: { amountCents: 777, payerMsisdn: null, accountReference: null }, leases: [lease('a')] })).toEqual([]);
  });
});
