import { describe, expect, it } from 'vitest';
import { allocatePayments, type LedgerCharge, type LedgerPayment } from './allocate-payments';

const t0 = new Date('2026-01-01T00:00:00Z');
const charge = (id: string, amountCents: number, dueDate: string): LedgerCharge => ({ id, amountCents, dueDate, createdAt: t0 });
const payment = (id: string, amountCents: number, paidAt: string): LedgerPayment => ({ id, amountCents, paidAt: new Date(paidAt), createdAt: t0 });

describe('allocatePayments', () => {
  it('settles the oldest charge first, whatever order the charges are listed in', () => {
    const result = allocatePayments({
      charges: [charge('nov', 2_500_000, '2026-11-05'), charge('oct', 2_500_000, '2026-10-05')],
      payments: [payment('p1', 3_000_000, '2026-11-06T10:00:00Z')],
    });
    expect(result.allocations).toEqual([
      { paymentId: 'p1', chargeId: 'oct', amountCents: 2_500_000 },
      { paymentId: 'p1', chargeId: 'nov', amountCents: 500_000 },
    ]);
    expect(result.outstandingByCharge.get('oct')).toBe(0);
    expect(result.outstandingByCharge.get('nov')).toBe(2_000_000);
    expect(result.creditCents).toBe(0);
  });

  it('keeps an overpayment as credit, and uses credit for a charge added later', () => {
    const first = allocatePayments({ charges: [charge('oct', 1_000_000, '2026-10-05')], payments: [payment('p1', 1_500_000, '2026-10-01T00:00:00Z')] });
    expect(first.creditCents).toBe(500_000);
    const later = allocatePayments({
      charges: [charge('oct', 1_000_000, '2026-10-05'), charge('nov', 1_000_000, '2026-11-05')],
      payments: [payment('p1', 1_500_000, '2026-10-01T00:00:00Z')],
    });
    expect(later.creditCents).toBe(0);
    expect(later.outstandingByCharge.get('nov')).toBe(500_000);
  });

  it('splits several payments across several charges and never allocates more than was paid or owed', () => {
    const charges = [charge('a', 700, '2026-01-01'), charge('b', 700, '2026-02-01'), charge('c', 700, '2026-03-01')];
    const payments = [payment('p1', 500, '2026-01-02T00:00:00Z'), payment('p2', 1_000, '2026-02-02T00:00:00Z')];
    const { allocations, outstandingByCharge, creditCents } = allocatePayments({ charges, payments });
    const allocated = allocations.reduce((s, a) => s + a.amountCents, 0);
    expect(allocated).toBe(1_500);
    expect([...outstandingByCharge.values()].reduce((s, v) => s + v, 0)).toBe(2_100 - 1_500);
    expect(outstandingByCharge.get('a')).toBe(0);
    expect(outstandingByCharge.get('b')).toBe(0);
    expect(outstandingByCharge.get('c')).toBe(600);
    expect(creditCents).toBe(0);
  });

  it('with no payments everything is outstanding', () => {
    const result = allocatePayments({ charges: [charge('a', 100, '2026-01-01')], payments: [] });
    expect(result.allocations).toEqual([]);
    expect(result.outstandingByCharge.get('a')).toBe(100);
  });
});
