/** The daily proof as the JSON endpoint returns it and the admin page shows it (client-safe: types only). */

export type ProofDifferenceKind =
  | 'missing-from-books'
  | 'not-in-statement'
  | 'amount'
  | 'awaiting-receipt'
  | 'unsettled-payout'
  | 'unsettled-reversal'
  | 'balance'
  | 'statement-not-read'
  | 'no-balance-check';

export interface ProofDifference {
  kind: ProofDifferenceKind;
  receipt?: string;
  amountCents?: number;
  message: string;
  /** The record to open, when there is one. */
  link?: string;
}

export interface DailyProof {
  day: string;
  from: string;
  to: string;
  moneyIn: { stkCallbackCents: number; paybillConfirmationCents: number; statementOnlyCents: number; otherCents: number; totalCents: number; count: number };
  moneyOut: { payoutsCents: number; reversalsCents: number; totalCents: number };
  statement: { totalCents: number; rows: number; readUntil: string | null };
  books: { totalCents: number };
  balance: {
    openingCents: number;
    openingAt: string;
    closingCents: number;
    closingAt: string;
    inCents: number;
    outCents: number;
    expectedClosingCents: number;
    differenceCents: number;
  } | null;
  differences: ProofDifference[];
  /** True only when there is no difference at all. */
  green: boolean;
}
