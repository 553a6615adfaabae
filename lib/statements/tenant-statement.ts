import type { PaymentCorrectionKind, PaymentMethod } from '@/db/schema/ledger';
import { correctionLabels } from '@/lib/ledger/correction-label';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { nairobiDate } from '@/lib/ledger/rent-period';

/**
 * A tenant's statement for a date range, as a pure function of the lease's ledger entries, so pages, CSV and
 * (later) PDF render the same numbers. Each entry is dated: a charge by its due date, a payment by the day it
 * was paid, a credit note or a payment correction by the day it was made (Nairobi). The opening balance is
 * everything dated before `from`; the closing balance is the opening plus the range's entries, which over the
 * whole life of a lease is the ledger's balance to the cent.
 */

export interface StatementSource {
  charges: { id: string; kind: string; period: string | null; description: string; amountCents: number; dueDate: string; createdAt: Date }[];
  creditNotes: { id: string; chargeId: string; amountCents: number; reason: string; createdAt: Date }[];
  payments: { id: string; method: string; amountCents: number; paidAt: Date; mpesaReceiptNumber: string | null; reference: string | null; createdAt: Date }[];
  corrections: { id: string; paymentId: string; kind: PaymentCorrectionKind; reason: string; effectiveAt: Date }[];
}

export interface StatementEntry {
  date: string;
  type: 'Charge' | 'Credit note' | 'Payment' | (typeof correctionLabels)[PaymentCorrectionKind]['statementLine'];
  description: string;
  reference: string;
  /** What the entry adds to what is owed (charges, corrections of payments). */
  debitCents: number;
  /** What it takes off (payments, credit notes). */
  creditCents: number;
  balanceCents: number;
}

export interface TenantStatement {
  from: string;
  to: string;
  openingBalanceCents: number;
  entries: StatementEntry[];
  totals: { debitCents: number; creditCents: number };
  closingBalanceCents: number;
}

const ORDER: Record<StatementEntry['type'], number> = { Charge: 0, 'Credit note': 1, Payment: 2, 'Payment reversed': 3, 'Payment undone': 3, 'Payment merged': 3 };

export function buildTenantStatement(source: StatementSource, { from, to }: { from: string; to: string }): TenantStatement {
  const chargeById = new Map(source.charges.map((c) => [c.id, c]));
  const paymentById = new Map(source.payments.map((p) => [p.id, p]));
  const all: (Omit<StatementEntry, 'balanceCents'> & { at: number })[] = [
    ...source.charges.map((c) => ({ date: c.dueDate, at: c.createdAt.getTime(), type: 'Charge' as const, description: c.description, reference: '', debitCents: c.amountCents, creditCents: 0 })),
    ...source.creditNotes.map((n) => ({
      date: nairobiDate(n.createdAt), at: n.createdAt.getTime(), type: 'Credit note' as const,
      description: `${chargeById.get(n.chargeId)?.description ?? 'Charge'} waived: ${n.reason}`, reference: '', debitCents: 0, creditCents: n.amountCents,
    })),
    ...source.payments.map((p) => ({
      date: nairobiDate(p.paidAt), at: p.createdAt.getTime(), type: 'Payment' as const, description: paymentMethodLabel[p.method as PaymentMethod] ?? 'Payment',
      reference: p.mpesaReceiptNumber ?? p.reference ?? '', debitCents: 0, creditCents: p.amountCents,
    })),
    ...source.corrections.map((c) => {
      const p = paymentById.get(c.paymentId);
      return {
        date: nairobiDate(c.effectiveAt), at: c.effectiveAt.getTime(), type: correctionLabels[c.kind].statementLine,
        description: c.reason, reference: p?.mpesaReceiptNumber ?? p?.reference ?? '', debitCents: p?.amountCents ?? 0, creditCents: 0,
      };
    }),
  ].sort((a, b) => a.date.localeCompare(b.date) || ORDER[a.type] - ORDER[b.type] || a.at - b.at);

  let balance = 0;
  let opening = 0;
  const entries: StatementEntry[] = [];
  const totals = { debitCents: 0, creditCents: 0 };
  for (const e of all) {
    if (e.date > to) break;
    balance += e.debitCents - e.creditCents;
    if (e.date < from) {
      opening = balance;
      continue;
    }
    totals.debitCents += e.debitCents;
    totals.creditCents += e.creditCents;
    entries.push({ date: e.date, type: e.type, description: e.description, reference: e.reference, debitCents: e.debitCents, creditCents: e.creditCents, balanceCents: balance });
  }
  return { from, to, openingBalanceCents: opening, entries, totals, closingBalanceCents: opening + totals.debitCents - totals.creditCents };
}
