import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listMergeCandidates, type MergeCandidateRow } from '@/db/queries/merge-candidates';
import { listCandidateLeases } from '@/db/queries/unplaced-candidates';
import { listAgencyDeadLetters, listInboxBodies, listUnplacedActions, listUnplacedPayments, type UnplacedListRow } from '@/db/queries/unplaced-payments';
import type { UnplacedAction, UnplacedState } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { maskPhone } from './mask-phone';
import { assertQueueAdmin } from './lock-unplaced-item';
import { rankCandidates, type RankedCandidate } from './rank-candidates';

/**
 * The unmatched queue as an admin reads it: each payment with what M-Pesa proved, the evidence (the raw paybill
 * confirmation, the Transaction Status answer, the statement row), the leases it most likely belongs to and why, its
 * history, and which actions make sense now. Decided items stay listed for a while so they can be undone.
 */

const DECIDED_SHOWN_DAYS = 30;

export interface QueueCandidate extends RankedCandidate {
  label: string;
}

export interface QueueItem {
  id: string;
  receipt: string;
  state: UnplacedState;
  source: string;
  reason: string;
  amountCents: number | null;
  proven: boolean;
  proof: string;
  paidAt: Date;
  payer: string | null;
  payerName: string | null;
  accountReference: string | null;
  evidence: { confirmation: string | null; transactionStatus: string | null; statement: string | null };
  candidates: QueueCandidate[];
  history: { action: UnplacedAction; reason: string; at: Date }[];
  /** For a flagged receipt: receiptless payments on its lease of the same amount that may be the same money. */
  mergeCandidates: { paymentId: string; label: string }[];
  actions: UnplacedAction[];
}

function proofOf(row: UnplacedListRow): { proven: boolean; proof: string } {
  const check = row.check;
  if (!check || check.status === 'PENDING') return { proven: false, proof: 'Waiting for M-Pesa to confirm it (Transaction Status)' };
  if (check.status === 'NOT_FOUND') return { proven: false, proof: check.reviewReason ?? 'M-Pesa says this receipt does not exist' };
  if (check.status === 'UNRESOLVED') return { proven: false, proof: check.reviewReason ?? 'M-Pesa could not be asked about it' };
  if (check.transactionStatus && check.transactionStatus !== 'completed') return { proven: false, proof: `M-Pesa shows it as ${check.transactionStatus}` };
  return { proven: true, proof: 'Confirmed by M-Pesa (Transaction Status)' };
}

function actionsFor(state: UnplacedState, proven: boolean, canMerge: boolean): UnplacedAction[] {
  switch (state) {
    case 'verifying':
      return ['not_ours'];
    case 'open':
      return proven ? ['place', 'refund', 'not_ours'] : ['not_ours'];
    case 'review':
      return canMerge ? ['keep', 'merge', 'undo'] : ['keep', 'undo'];
    case 'placed':
    case 'not_ours':
    case 'merged':
      return ['undo'];
    case 'refunding':
      return [];
  }
}

const mergeLabel = (m: MergeCandidateRow) =>
  `${formatKes(m.amountCents)} · ${m.method === 'mpesa_stk' ? 'STK payment credited from the STK query, no receipt' : 'paybill payment without a receipt'} · ${formatDateTime(m.paidAt)}${m.payerPhone ? ` · ${maskPhone(m.payerPhone)}` : ''}`;

const pretty = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value, null, 2));

export async function listUnmatchedQueue(db: DbOrTx, { caller, now = new Date() }: { caller: Caller; now?: Date }) {
  assertQueueAdmin(caller);
  const agencyId = caller.agencyId;
  const [rows, deadLetters] = await Promise.all([
    listUnplacedPayments(db, { agencyId, decidedSince: new Date(now.getTime() - DECIDED_SHOWN_DAYS * 86_400_000) }),
    listAgencyDeadLetters(db, { agencyId }),
  ]);
  // The candidates (every live lease with its balance) only matter when there is something to place.
  const leases = rows.length > 0 ? await listCandidateLeases(db, { agencyId }) : [];
  const inboxIds = rows.map((r) => r.check?.evidence?.['inboxId']).filter((id): id is string => typeof id === 'string');
  const reviewed = rows.filter((r) => r.item.state === 'review' && r.item.paymentId).map((r) => r.item.paymentId!);
  const [bodies, actions, mergeRows] = await Promise.all([
    listInboxBodies(db, { ids: inboxIds }),
    listUnplacedActions(db, { itemIds: rows.map((r) => r.item.id) }),
    listMergeCandidates(db, { agencyId, keptIds: reviewed }),
  ]);
  const leaseLabel = new Map(leases.map((l) => [l.id, `${l.accountReference} · ${l.tenantName} · ${l.propertyName} ${l.unitLabel}`]));

  const items: QueueItem[] = rows.map((row) => {
    const { item, check } = row;
    const { proven, proof } = proofOf(row);
    const amountCents = check?.amountCents ?? item.claimedAmountCents;
    const payer = check?.payerMsisdn ?? item.payerMsisdn;
    const inboxId = check?.evidence?.['inboxId'];
    const waiting = item.state === 'open' || item.state === 'verifying';
    const mergeCandidates = item.state === 'review' ? mergeRows.filter((m) => m.keptId === item.paymentId).map((m) => ({ paymentId: m.id, label: mergeLabel(m) })) : [];
    return {
      id: item.id,
      receipt: item.receipt,
      state: item.state,
      source: item.source,
      reason: item.reason,
      amountCents,
      proven,
      proof,
      paidAt: check?.completedAt ?? row.statement?.occurredAt ?? row.confirmationAt ?? item.createdAt,
      payer: maskPhone(payer),
      payerName: check?.payerName ?? row.statement?.sender ?? null,
      accountReference: item.accountReference ?? check?.claimedAccountReference ?? null,
      evidence: {
        confirmation: pretty(row.confirmationRaw),
        transactionStatus: typeof inboxId === 'string' ? (bodies.get(inboxId) ?? null) : null,
        statement: row.statement ? pretty(row.statement) : null,
      },
      candidates: waiting
        ? rankCandidates({ payment: { amountCents, payerMsisdn: payer, accountReference: item.accountReference ?? check?.claimedAccountReference ?? null }, leases }).map((c) => ({
            ...c,
            label: leaseLabel.get(c.leaseId) ?? c.leaseId,
          }))
        : [],
      history: actions.filter((a) => a.itemId === item.id).map((a) => ({ action: a.action, reason: a.reason, at: a.createdAt })),
      mergeCandidates,
      actions: actionsFor(item.state, proven, mergeCandidates.length > 0),
    };
  });
  return {
    items,
    leases: leases.map((l) => ({ id: l.id, label: leaseLabel.get(l.id) ?? l.accountReference })),
    deadLetters: deadLetters.map((d) => ({ id: d.id, kind: d.kind, body: d.body, error: d.error, receivedAt: d.receivedAt, attempts: d.attempts })),
  };
}

export type UnmatchedQueue = Awaited<ReturnType<typeof listUnmatchedQueue>>;
