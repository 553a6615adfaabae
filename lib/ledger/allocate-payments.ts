/**
 * Oldest-first allocation of a lease's payments to its charges. Pure and deterministic: the ledger recomputes it
 * from scratch whenever a payment or charge is added or a payment is reversed, so the result never depends on
 * the order things happened to be recorded in, and a reversed payment simply stops settling anything.
 */

export interface LedgerCharge {
  id: string;
  amountCents: number;
  dueDate: string; // YYYY-MM-DD
  createdAt: Date;
}

export interface LedgerPayment {
  id: string;
  amountCents: number;
  paidAt: Date;
  createdAt: Date;
}

export interface Allocation {
  paymentId: string;
  chargeId: string;
  amountCents: number;
}

export interface AllocationResult {
  allocations: Allocation[];
  /** What each charge still owes after allocation, by charge id. */
  outstandingByCharge: Map<string, number>;
  /** Money paid in that no charge has claimed yet: the lease's credit. */
  creditCents: number;
}

const byDueThenCreated = (a: LedgerCharge, b: LedgerCharge) =>
  a.dueDate.localeCompare(b.dueDate) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
const byPaidThenCreated = (a: LedgerPayment, b: LedgerPayment) =>
  a.paidAt.getTime() - b.paidAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

export function allocatePayments({ charges, payments }: { charges: LedgerCharge[]; payments: LedgerPayment[] }): AllocationResult {
  const queue = [...charges].sort(byDueThenCreated).map((c) => ({ id: c.id, remaining: c.amountCents }));
  const allocations: Allocation[] = [];
  let creditCents = 0;
  let cursor = 0;

  for (const payment of [...payments].sort(byPaidThenCreated)) {
    let left = payment.amountCents;
    while (left > 0 && cursor < queue.length) {
      const charge = queue[cursor]!;
      const take = Math.min(left, charge.remaining);
      if (take > 0) {
        allocations.push({ paymentId: payment.id, chargeId: charge.id, amountCents: take });
        charge.remaining -= take;
        left -= take;
      }
      if (charge.remaining === 0) cursor += 1;
    }
    creditCents += left;
  }

  return { allocations, outstandingByCharge: new Map(queue.map((c) => [c.id, c.remaining])), creditCents };
}
