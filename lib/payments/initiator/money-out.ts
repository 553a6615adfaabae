import 'server-only';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getEnv } from '@/lib/env';
import type { PayoutStatus } from '@/db/schema/mpesa';
import type { StatusFacts } from '@/lib/mpesa/status-facts';
import type { ProcessResult } from '../inbox-processors';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { requestStatusQuery } from './request-status-query';

/**
 * Settling money that went out (B2C payouts, reversals). A result callback is a claim like any other callback
 * (invariant 4): it is recorded as *reported* and the request is settled only by Transaction Status. A result that
 * contradicts an earlier one, or the settled state, is kept and sends the request back to Transaction Status —
 * never dropped as a duplicate — so a forged failure cannot hide the real success that follows it.
 */

export interface MoneyOutRow {
  id: string;
  agencyId: string;
  status: PayoutStatus;
  amountCents: number;
  sentAt: Date | null;
  lastQueriedAt: Date | null;
  reportedOutcome: 'SUCCESS' | 'FAILED' | null;
  reportedResultCode: string | null;
  reportedResultDescription: string | null;
  needsReview: boolean;
  reviewReason: string | null;
}

type MoneyOutSet = Partial<Pick<MoneyOutRow, 'reportedOutcome' | 'reportedResultCode' | 'reportedResultDescription' | 'needsReview' | 'reviewReason' | 'lastQueriedAt'>> & {
  reportedAt?: Date;
  resultCode?: string | null;
  resultDescription?: string | null;
  completedAt?: Date;
};

export type Judgement = { outcome: 'success' | 'failure' | 'pending'; reason: string; mismatch?: string };

export interface MoneyOutAdapter<Row extends MoneyOutRow> {
  target: 'payout' | 'reversal';
  audit: { targetType: string; prefix: string };
  lock(tx: Tx, id: string): Promise<Row | null>;
  update(db: DbOrTx, id: string, set: MoneyOutSet): Promise<Row | null>;
  transition(db: DbOrTx, args: { id: string; from: PayoutStatus[]; to: PayoutStatus; set?: MoneyOutSet }): Promise<Row | null>;
  /** What Transaction Status is asked about: our OriginatorConversationID (B2C) or the original receipt (reversal). */
  statusQuery(row: Row, ctx: MpesaContext): { shortcode: string; transactionId?: string; originalConversationId?: string };
  /** What M-Pesa's facts prove about this request. */
  judge(row: Row, facts: StatusFacts, clock: { now: Date; graceMs: number }): Judgement;
  /** The books' side of a proven success (deposit refund, payment reversed); idempotent. Returns audit details. */
  onSuccess(tx: Tx, row: Row, facts: StatusFacts): Promise<Record<string, unknown>>;
}

const appendReason = (current: string | null, reason: string) => (current && !current.includes(reason) ? `${current}; ${reason}` : reason);

/** Asks Transaction Status about a request now (stamping it, so the overdue sweep does not ask again at once). */
export async function requestMoneyOutStatus<Row extends MoneyOutRow>(db: Db, adapter: MoneyOutAdapter<Row>, row: Row): Promise<void> {
  const ctx = await getMpesaContext(db, { agencyId: row.agencyId });
  const query = adapter.statusQuery(row, ctx);
  await adapter.update(db, row.id, { lastQueriedAt: new Date() });
  await recordAudit(db, { actor: null, agencyId: row.agencyId, action: `${adapter.audit.prefix}.status_query`, targetType: adapter.audit.targetType, targetId: row.id, details: { status: row.status, reported: row.reportedOutcome, ...query } });
  await requestStatusQuery(db, {
    agencyId: row.agencyId,
    targetKind: adapter.target,
    targetId: row.id,
    ...query,
    mpesa: ctx,
  });
}

/** A result callback: recorded as reported, then Transaction Status is asked (at once when it changes anything). */
export async function recordReportedResult<Row extends MoneyOutRow>(
  db: Db,
  adapter: MoneyOutAdapter<Row>,
  { id, outcome, code, description, inboxId, details = {} }: { id: string; outcome: 'SUCCESS' | 'FAILED'; code: string; description: string; inboxId: string; details?: Record<string, unknown> },
): Promise<ProcessResult> {
  const recorded = await db.transaction(async (tx) => {
    const row = await adapter.lock(tx, id);
    if (!row) return null;
    const previous = row.reportedOutcome;
    if (previous === outcome && row.reportedResultCode === code) return { row, changed: false };
    const settled = row.status === 'SUCCESS' || row.status === 'FAILED' ? row.status : null;
    const contradicts = (previous !== null && previous !== outcome) || (settled !== null && settled !== outcome);
    const reason = contradicts ? `M-Pesa sent contradicting results (${previous ?? settled} then ${outcome}); settled by Transaction Status` : null;
    const updated = await adapter.update(tx, id, {
      reportedOutcome: outcome,
      reportedResultCode: code,
      reportedResultDescription: description,
      reportedAt: new Date(),
      ...(reason ? { needsReview: true, reviewReason: appendReason(row.reviewReason, reason) } : {}),
    });
    await recordAudit(tx, {
      actor: null,
      agencyId: row.agencyId,
      action: `${adapter.audit.prefix}.result_reported`,
      targetType: adapter.audit.targetType,
      targetId: id,
      details: { inboxId, outcome, code, description, contradicts, ...details },
    });
    return { row: updated ?? row, changed: true, contradicts };
  });
  if (!recorded) return { outcome: 'unmatched', correlationId: id };
  const { row, changed } = recorded;
  if (!changed) return { outcome: 'duplicate', correlationId: id, agencyId: row.agencyId };
  await requestMoneyOutStatus(db, adapter, row);
  return { outcome: 'applied', correlationId: id, agencyId: row.agencyId };
}

/** A queue timeout: the request's fate is unknown until Transaction Status says; never resent. */
export async function recordQueueTimeout<Row extends MoneyOutRow>(db: Db, adapter: MoneyOutAdapter<Row>, { row, inboxId }: { row: Row; inboxId: string }): Promise<ProcessResult> {
  const moved = await adapter.transition(db, { id: row.id, from: ['PENDING'], to: 'UNKNOWN' });
  if (!moved) return { outcome: 'duplicate', correlationId: row.id, agencyId: row.agencyId };
  await recordAudit(db, { actor: null, agencyId: row.agencyId, action: `${adapter.audit.prefix}.queue_timeout`, targetType: adapter.audit.targetType, targetId: row.id, details: { inboxId } });
  await requestMoneyOutStatus(db, adapter, moved);
  return { outcome: 'applied', correlationId: row.id, agencyId: row.agencyId };
}

/** Applies what Transaction Status proved. The only way a payout or reversal becomes SUCCESS or FAILED. */
export async function settleMoneyOutFromStatus<Row extends MoneyOutRow>(
  db: Db,
  adapter: MoneyOutAdapter<Row>,
  { id, facts, inboxId, now = new Date() }: { id: string; facts: StatusFacts; inboxId: string; now?: Date },
): Promise<ProcessResult> {
  return db.transaction(async (tx): Promise<ProcessResult> => {
    const row = await adapter.lock(tx, id);
    if (!row) return { outcome: 'unmatched', correlationId: id };
    const base = { correlationId: id, agencyId: row.agencyId };
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(tx, { actor: null, agencyId: row.agencyId, action: `${adapter.audit.prefix}.${action}`, targetType: adapter.audit.targetType, targetId: id, details: { inboxId, settledBy: 'transaction-status', ...details } });
    const judgement = adapter.judge(row, facts, { now, graceMs: getEnv().mpesa.moneyOutGraceSeconds * 1000 });

    if (judgement.outcome === 'success') {
      if (row.status === 'SUCCESS') return { ...base, outcome: 'duplicate' };
      // A success proven after a failure was recorded (a forged or premature failure) still counts, for a person to see.
      const late = row.status === 'FAILED' ? `Transaction Status shows it completed after it was marked failed` : null;
      const done = await adapter.transition(tx, {
        id,
        from: ['PENDING', 'UNKNOWN', 'FAILED'],
        to: 'SUCCESS',
        set: {
          resultCode: '0',
          resultDescription: row.reportedOutcome === 'SUCCESS' ? (row.reportedResultDescription ?? judgement.reason) : judgement.reason,
          completedAt: facts.completedAt ?? now,
          ...(late ? { needsReview: true, reviewReason: appendReason(row.reviewReason, late) } : {}),
        },
      });
      if (!done) return { ...base, outcome: 'duplicate' };
      const effects = await adapter.onSuccess(tx, done, facts);
      await audit('succeeded', { receipt: facts.receipt, ...effects });
      return { ...base, outcome: 'applied' };
    }

    if (judgement.outcome === 'failure') {
      if (row.status === 'FAILED') return { ...base, outcome: 'duplicate' };
      if (row.status === 'SUCCESS') {
        const reason = `Transaction Status contradicts the recorded success: ${judgement.reason}`;
        await adapter.update(tx, id, { needsReview: true, reviewReason: appendReason(row.reviewReason, reason) });
        await audit('status_contradiction', { reason });
        return { ...base, outcome: 'mismatch', error: reason };
      }
      const failed = await adapter.transition(tx, {
        id,
        from: ['PENDING', 'UNKNOWN'],
        to: 'FAILED',
        set: { resultCode: row.reportedResultCode ?? facts.resultCode, resultDescription: row.reportedResultDescription ?? judgement.reason, completedAt: now },
      });
      if (!failed) return { ...base, outcome: 'duplicate' };
      await audit('failed', { resultCode: failed.reportedResultCode ?? facts.resultCode, reason: judgement.reason });
      return { ...base, outcome: 'applied' };
    }

    if (judgement.mismatch) {
      await adapter.update(tx, id, { needsReview: true, reviewReason: appendReason(row.reviewReason, judgement.mismatch) });
    }
    await audit('status_unsettled', { reason: judgement.reason, mismatch: judgement.mismatch ?? null, resultCode: facts.resultCode });
    return { ...base, outcome: 'applied', error: `not settled: ${judgement.reason}` };
  });
}
