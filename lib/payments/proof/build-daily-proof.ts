import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  listBookedMpesaPayments,
  listReceiptlessPayments,
  listSettledPayouts,
  listSettledReversals,
  listStatementRowsInWindow,
  listSuccessfulBalanceChecks,
  listUnsettledMoneyOut,
} from '@/db/queries/daily-proof';
import { getStatementCursor } from '@/db/queries/mpesa-statement';
import { mpesaStatementRows } from '@/db/schema';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { nairobiDayBounds } from '@/lib/nairobi-day';
import type { DailyProof, ProofDifference } from './daily-proof-types';

/**
 * The daily proof (ARCHITECTURE invariant 7): for one Nairobi day, M-Pesa's statement against the books, receipt by
 * receipt, and the paybill's balance continuity (opening + in − out = closing) between the first and the last
 * balance check Haven made that day. Every difference is listed with a link to its record; a day is green only when
 * there is none.
 */

const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
const within = (t: Date | null, from: Date, to: Date) => t !== null && t > from && t <= to;

type BookedPayment = Awaited<ReturnType<typeof listBookedMpesaPayments>>[number];

/**
 * Money in is counted once per receipt: a receipt placed, undone (its payment voided) and placed again is one
 * payment into the paybill. The first entry keeps the route it came by; the link goes to the one in force.
 */
function countEachReceiptOnce(rows: BookedPayment[]): BookedPayment[] {
  const indexByReceipt = new Map<string, number>();
  const result: BookedPayment[] = [];
  for (const row of rows) {
    const at = row.receipt === null ? undefined : indexByReceipt.get(row.receipt);
    if (at === undefined) {
      if (row.receipt !== null) indexByReceipt.set(row.receipt, result.length);
      result.push(row);
    } else if (row.status === 'completed') {
      result[at] = { ...result[at]!, id: row.id, status: row.status };
    }
  }
  return result;
}

export async function buildDailyProof(db: DbOrTx, { agencyId, shortcode, day, now = new Date() }: { agencyId: string; shortcode: string; day: string; now?: Date }): Promise<DailyProof> {
  const { from, to } = nairobiDayBounds(day);
  const window = { agencyId, from, to };
  const [bookedRows, statement, payouts, reversals, unsettled, receiptless, checks, cursor] = await Promise.all([
    listBookedMpesaPayments(db, window),
    listStatementRowsInWindow(db, window),
    listSettledPayouts(db, window),
    listSettledReversals(db, window),
    listUnsettledMoneyOut(db, window),
    listReceiptlessPayments(db, window),
    listSuccessfulBalanceChecks(db, window),
    getStatementCursor(db, { shortcode }),
  ]);
  const booked = countEachReceiptOnce(bookedRows);
  const differences: ProofDifference[] = [];

  // The statement must have been read past the end of the day; for today, past every payment the books hold (money
  // that came in after the last read, and is in no book yet, shows up as a balance difference instead).
  const lastKnown = Math.max(from.getTime(), ...booked.map((p) => p.paidAt.getTime()));
  const mustCover = to < now ? to : new Date(Math.min(lastKnown, now.getTime()));
  const readUntil = cursor?.coveredUntil ?? null;
  if (!readUntil || readUntil < mustCover) {
    differences.push({ kind: 'statement-not-read', message: `M-Pesa’s statement has been read up to ${readUntil ? formatDateTime(readUntil) : 'never'}; check it now to prove this day` });
  }

  // Receipt by receipt: everything M-Pesa lists is in the books once, for the same amount, and nothing more.
  const bookedReceipts = booked.filter((p) => p.receipt !== null).map((p) => p.receipt!);
  const listedElsewhere = bookedReceipts.length
    ? await db.select({ receipt: mpesaStatementRows.receipt, amountCents: mpesaStatementRows.amountCents }).from(mpesaStatementRows).where(inArray(mpesaStatementRows.receipt, bookedReceipts))
    : [];
  const statementByReceipt = new Map([...listedElsewhere, ...statement].map((r) => [r.receipt, r]));
  const bookedByReceipt = new Map(booked.filter((p) => p.receipt).map((p) => [p.receipt!, p]));
  for (const row of statement) {
    const inBooks = bookedByReceipt.get(row.receipt);
    if (!inBooks) {
      differences.push({ kind: 'missing-from-books', receipt: row.receipt, amountCents: row.amountCents, message: `${row.receipt}: ${formatKes(row.amountCents)} paid into the paybill (account ${row.billReference || '—'}) is not in the books` });
    } else if (inBooks.amountCents !== row.amountCents) {
      differences.push({ kind: 'amount', receipt: row.receipt, amountCents: inBooks.amountCents - row.amountCents, message: `${row.receipt}: the books say ${formatKes(inBooks.amountCents)}, M-Pesa says ${formatKes(row.amountCents)}`, link: `/receipts/${inBooks.id}` });
    }
  }
  const statementCovers = (t: Date) => readUntil !== null && t <= readUntil;
  for (const p of booked) {
    if (!p.receipt || statementByReceipt.has(p.receipt) || !statementCovers(p.paidAt)) continue;
    differences.push({ kind: 'not-in-statement', receipt: p.receipt, amountCents: p.amountCents, message: `${p.receipt}: ${formatKes(p.amountCents)} is in the books but not in M-Pesa’s statement`, link: `/receipts/${p.id}` });
  }
  for (const p of receiptless) {
    differences.push({ kind: 'awaiting-receipt', amountCents: p.amountCents, message: `${formatKes(p.amountCents)} confirmed by the STK query at ${formatDateTime(p.paidAt)} is still waiting for its proven receipt`, link: `/receipts/${p.id}` });
  }
  for (const p of unsettled.payouts) differences.push({ kind: 'unsettled-payout', amountCents: p.amountCents, message: `A payout of ${formatKes(p.amountCents)} has no final answer yet`, link: `/payouts#${p.id}` });
  for (const r of unsettled.reversals) differences.push({ kind: 'unsettled-reversal', amountCents: r.amountCents, message: `A reversal of ${formatKes(r.amountCents)} has no final answer yet`, link: `/payouts#${r.id}` });

  // Balance continuity between the first and the last balance check of the day.
  let balance: DailyProof['balance'] = null;
  const opening = checks[0];
  const closing = checks.at(-1);
  if (!opening || !closing || opening === closing || opening.availableBalanceCents === null || closing.availableBalanceCents === null) {
    differences.push({ kind: 'no-balance-check', message: 'Two balance checks are needed (one at the start of the day, one at its end) to prove the balance' });
  } else {
    const [t0, t1] = [opening.completedAt!, closing.completedAt!];
    const inCents = sum(statement.filter((r) => within(r.occurredAt, t0, t1)));
    const outCents = sum(payouts.filter((p) => within(p.completedAt, t0, t1))) + sum(reversals.filter((r) => within(r.completedAt, t0, t1)));
    const expected = opening.availableBalanceCents + inCents - outCents;
    balance = {
      openingCents: opening.availableBalanceCents,
      openingAt: t0.toISOString(),
      closingCents: closing.availableBalanceCents,
      closingAt: t1.toISOString(),
      inCents,
      outCents,
      expectedClosingCents: expected,
      differenceCents: closing.availableBalanceCents - expected,
    };
    if (balance.differenceCents !== 0) {
      differences.push({ kind: 'balance', amountCents: balance.differenceCents, message: `Opening ${formatKes(opening.availableBalanceCents)} + in ${formatKes(inCents)} − out ${formatKes(outCents)} = ${formatKes(expected)}, but M-Pesa says ${formatKes(closing.availableBalanceCents)}` });
    }
  }

  const byRoute = (route: 'stk-callback' | 'c2b-confirmation' | 'statement') => sum(booked.filter((p) => p.source === route));
  const routed = byRoute('stk-callback') + byRoute('c2b-confirmation') + byRoute('statement');
  return {
    day,
    from: from.toISOString(),
    to: to.toISOString(),
    moneyIn: {
      stkCallbackCents: byRoute('stk-callback'),
      paybillConfirmationCents: byRoute('c2b-confirmation'),
      statementOnlyCents: byRoute('statement'),
      otherCents: sum(booked) - routed,
      totalCents: sum(booked),
      count: booked.length,
    },
    moneyOut: { payoutsCents: sum(payouts), reversalsCents: sum(reversals), totalCents: sum(payouts) + sum(reversals) },
    statement: { totalCents: sum(statement), rows: statement.length, readUntil: readUntil?.toISOString() ?? null },
    books: { totalCents: sum(booked) },
    balance,
    differences,
    green: differences.length === 0,
  };
}
