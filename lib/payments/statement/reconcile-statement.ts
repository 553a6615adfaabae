import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import {
  claimStatementCursor,
  closeInterruptedStatementRuns,
  countKnownReceiptsInWindow,
  finishStatementRun,
  insertStatementRow,
  insertStatementRun,
  releaseStatementCursor,
  renewStatementCursor,
  type StatementRunRow,
} from '@/db/queries/mpesa-statement';
import { getPaymentByReceipt } from '@/db/queries/payments';
import { PULL_MAX_WINDOW_MS, type PullTransaction } from '@/lib/mpesa/pull-transactions';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { claimReceipt } from '../receipts/claim-receipt';

/**
 * The statement reconciler (ARCHITECTURE invariant 7). Daraja does not retry callbacks, and an outage on either side
 * loses them for good; M-Pesa's own statement (Pull Transactions) still lists every payment into the paybill for 48
 * hours. Each run pulls a window overlapping the last one and makes sure every receipt in it is in the books exactly
 * once: a receipt the books lack goes through the same path as a paybill confirmation (proven by Transaction Status,
 * placed by its account number, or kept unmatched for a person).
 */

/** Each window starts this long before the last one ended: a payment that M-Pesa lists late is not skipped. */
const OVERLAP_MS = 30 * 60_000;
/**
 * A run holds the paybill this long past its last sign of life (the claim is renewed as each statement row is
 * taken in): a run killed mid-way (kill -9, a crashed instance) blocks the next one for a minute at most. It was a
 * fixed ten minutes, in which payments whose callbacks were lost while the app was down stayed out of the books.
 */
export const STATEMENT_CLAIM_SECONDS = 60;

export type ReconcileResult =
  | { skipped: true; reason: string }
  | { skipped: false; run: StatementRunRow };

async function takeInRows(db: Db, { ctx, agencyId, transactions, runId }: { ctx: MpesaContext; agencyId: string; transactions: PullTransaction[]; runId: string }) {
  let rowsNew = 0;
  let claimed = 0;
  for (const t of transactions) {
    await renewStatementCursor(db, { shortcode: ctx.shortcode, leaseSeconds: STATEMENT_CLAIM_SECONDS });
    const isNew = await insertStatementRow(db, {
      receipt: t.receipt,
      agencyId,
      shortcode: ctx.shortcode,
      occurredAt: t.occurredAt,
      msisdn: t.msisdn,
      sender: t.sender,
      billReference: t.billReference,
      amountCents: t.amountCents,
      transactionType: t.transactionType,
      firstSeenRunId: runId,
    });
    if (isNew) rowsNew += 1;
    // In the books already (credited by its callback): nothing to do. Otherwise it is a claim like a confirmation.
    if (await getPaymentByReceipt(db, { receipt: t.receipt })) continue;
    const { created } = await claimReceipt(db, { receipt: t.receipt, shortcode: ctx.shortcode, source: 'statement', amountCents: t.amountCents, accountReference: t.billReference || null });
    if (created || isNew) claimed += 1;
  }
  return { rowsNew, claimed };
}

export async function reconcileStatement(
  db: Db,
  { agencyId, trigger, now = new Date(), mpesa }: { agencyId: string; trigger: 'sweep' | 'admin'; now?: Date; mpesa?: MpesaContext },
): Promise<ReconcileResult> {
  const ctx = mpesa ?? (await getMpesaContext(db, { agencyId }));
  const cursor = await claimStatementCursor(db, { shortcode: ctx.shortcode, agencyId, leaseSeconds: STATEMENT_CLAIM_SECONDS });
  if (!cursor) return { skipped: true, reason: 'Another instance is reconciling this paybill right now' };
  // We hold the claim, so a run still open for this paybill belongs to an instance that died.
  await closeInterruptedStatementRuns(db, { shortcode: ctx.shortcode });

  const earliest = new Date(now.getTime() - PULL_MAX_WINDOW_MS + 60_000);
  const from = cursor.coveredUntil ? new Date(Math.max(cursor.coveredUntil.getTime() - OVERLAP_MS, earliest.getTime())) : earliest;
  // Dates go to Daraja in whole seconds: round the end up, or a payment made this second would fall outside.
  const to = new Date(Math.ceil(now.getTime() / 1000) * 1000);
  const run = await insertStatementRun(db, { agencyId, shortcode: ctx.shortcode, trigger, windowFrom: from, windowTo: to });
  let coveredUntil: Date | null = null;
  try {
    const result = await ctx.client.queryPullTransactions({ from, to, shortcode: ctx.shortcode });
    let finished: StatementRunRow | null;
    if (result.outcome === 'ok') {
      const { rowsNew, claimed } = await takeInRows(db, { ctx, agencyId, transactions: result.transactions, runId: run.id });
      const skipped = result.skippedRows.length;
      // A statement we could not read to the end leaves the cursor where it was: the next run reads the window again.
      if (result.complete && skipped === 0) coveredUntil = now;
      finished = await finishStatementRun(db, {
        id: run.id,
        set: {
          outcome: result.complete && skipped === 0 ? 'ok' : 'failed',
          rowsSeen: result.transactions.length,
          rowsNew,
          receiptsClaimed: claimed,
          error: skipped ? `${skipped} statement row(s) could not be read` : result.complete ? null : 'The statement was longer than one run reads; the rest is read next run',
        },
      });
    } else if (result.outcome === 'no-records-or-not-registered') {
      // 1001 means "no records" and also "not registered for Pull": only the books can tell which.
      const known = await countKnownReceiptsInWindow(db, { shortcode: ctx.shortcode, agencyId, from, to });
      if (known === 0) coveredUntil = now;
      finished = await finishStatementRun(db, {
        id: run.id,
        set:
          known === 0
            ? { outcome: 'empty' }
            : { outcome: 'failed', error: `M-Pesa's statement answered 1001 ("${result.message}") for a window in which Haven holds ${known} payment(s): the paybill may not be registered for Pull Transactions` },
      });
    } else {
      finished = await finishStatementRun(db, { id: run.id, set: { outcome: 'failed', error: `Pull Transactions failed: ${result.responseCode ?? result.httpStatus ?? ''} ${result.message}`.trim() } });
    }
    await recordAudit(db, {
      actor: null,
      agencyId,
      action: 'statement.reconciled',
      targetType: 'mpesa_statement_run',
      targetId: run.id,
      details: { outcome: finished?.outcome, rowsSeen: finished?.rowsSeen, rowsNew: finished?.rowsNew, receiptsClaimed: finished?.receiptsClaimed, error: finished?.error },
    });
    return { skipped: false, run: finished ?? run };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await finishStatementRun(db, { id: run.id, set: { outcome: 'failed', error: message } });
    return { skipped: false, run: failed ?? run };
  } finally {
    await releaseStatementCursor(db, { shortcode: ctx.shortcode, coveredUntil });
  }
}
