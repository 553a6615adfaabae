import type { PaymentTimelineRows } from '@/db/queries/payment-timeline';
import type { Caller } from '@/lib/auth/caller';
import { formatPeriod } from '@/lib/format-time';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { formatKes } from '@/lib/money';
import { requestStatusLabel, statusLabel } from '@/lib/payments/b2c/payout-status';
import { summariseCallback } from '@/lib/payments/log/callback-summary';
import { formatKenyanPhone } from '@/lib/phone';
import type { PaymentTimeline, TimelineAction, TimelineEvent } from './timeline-schema';

/**
 * Turns a payment's rows into the timeline a person reads: one event per thing that happened, oldest first, each
 * saying who and when. Tenants see what happened to their money, not the staff's internal trail: no audit rows
 * and no raw callbacks.
 */

type Tone = NonNullable<TimelineEvent['badge']>['tone'];
const stkTone: Record<string, Tone> = { SUCCESS: 'green', FAILED: 'red', CANCELLED: 'red', TIMEOUT: 'amber', PENDING: 'blue' };
const checkTone: Record<string, Tone> = { CONFIRMED: 'green', NOT_FOUND: 'red', UNRESOLVED: 'amber', PENDING: 'blue' };
const queryTone: Record<string, Tone> = { ANSWERED: 'green', FAILED: 'red', TIMEOUT: 'amber', UNKNOWN: 'amber', QUEUED: 'blue', PENDING: 'blue' };

type EventInput = Partial<Omit<TimelineEvent, 'at'>> & Pick<TimelineEvent, 'id' | 'kind' | 'title'> & { at: Date };
const event = ({ at, ...e }: EventInput): TimelineEvent => ({
  detail: null, actor: null, badge: null, amountCents: null, receipt: null, raw: null, href: null, ...e, at: at.toISOString(),
});

const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ') || null;
const person = (name: string | null, role: string | null) => (name ? `${name}${role ? ` (${role})` : ''}` : role === 'system' || !role ? 'Haven (automatic)' : role);

/** `payment.credited` reads "Payment credited"; the code itself stays in the detail, as the audit view shows it. */
function describeAction(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeAuditDetails(details: Record<string, unknown>): string | null {
  const shown = ['reason', 'receipt', 'outcome', 'status', 'error'].flatMap((k) => (typeof details[k] === 'string' && details[k] ? [`${k}: ${String(details[k])}`] : []));
  return shown.length > 0 ? shown.join(' · ') : null;
}

function pushEvents(rows: PaymentTimelineRows): TimelineEvent[] {
  if (!rows.push) return [];
  const { push, initiatorName, initiatorRole } = rows.push;
  const out = [
    event({
      id: `stk-request:${push.id}`, kind: 'stk-request', at: push.createdAt, title: 'Payment prompt (STK push) requested',
      detail: join(`${formatKes(push.amountCents)} from ${formatKenyanPhone(push.phone)}`, `account ${push.accountReference}`, `paybill ${push.shortcode}`),
      actor: person(initiatorName, initiatorRole), amountCents: push.amountCents,
    }),
  ];
  if (push.checkoutRequestId) {
    out.push(event({
      id: `stk-acknowledged:${push.id}`, kind: 'stk-acknowledged', at: push.sentAt ?? push.createdAt, title: 'Daraja accepted the request',
      detail: join(push.customerMessage, `CheckoutRequestID ${push.checkoutRequestId}`),
    }));
  }
  if (push.queryCount > 0 && push.lastQueriedAt) {
    out.push(event({
      id: `stk-query:${push.id}`, kind: 'stk-query', at: push.lastQueriedAt, title: 'Asked M-Pesa for the outcome (STK query)',
      detail: `${push.queryCount} ${push.queryCount === 1 ? 'query' : 'queries'}, the last one now`,
    }));
  }
  if (push.status !== 'PENDING') {
    out.push(event({
      id: `stk-result:${push.id}`, kind: 'stk-result', at: push.completedAt ?? push.callbackReceivedAt ?? push.updatedAt, title: 'Prompt settled',
      badge: { label: push.status.toLowerCase(), tone: stkTone[push.status] ?? 'slate' },
      detail: join(push.resultDescription, push.needsReview && (push.reviewReason ?? 'Flagged for review')), receipt: push.mpesaReceiptNumber,
    }));
  }
  return out;
}

function mpesaEvidenceEvents(rows: PaymentTimelineRows, staff: boolean): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const c of rows.callbacks) {
    const s = summariseCallback({ kind: c.kind, body: c.body, outcome: c.outcome });
    out.push(event({
      id: `callback:${c.id}`, kind: 'callback', at: c.receivedAt, title: `Callback: ${s.what}`, badge: s.badge, amountCents: s.amountCents, receipt: s.receipt,
      detail: join(s.reason, staff && c.error), raw: staff ? c.body : null, href: staff && c.outcome === 'dead' ? '/admin/mpesa' : null,
    }));
  }
  const conf = rows.confirmation;
  if (conf) {
    out.push(event({
      id: `paybill:${conf.id}`, kind: 'paybill', at: conf.createdAt, title: 'Paybill payment confirmed by M-Pesa', amountCents: conf.amountCents, receipt: conf.transId,
      // Daraja sends the payer's number hashed on most paybills: shown only when it is a number.
      detail: join(conf.billRefNumber && `account ${conf.billRefNumber}`, conf.msisdn && /^\d{9,12}$/.test(conf.msisdn) && `from ${formatKenyanPhone(conf.msisdn)}`, conf.payerName),
      badge: { label: conf.outcome, tone: 'slate' },
    }));
  }
  const st = rows.statementRow;
  if (st) {
    out.push(event({
      id: `statement:${st.receipt}`, kind: 'statement', at: st.firstSeenAt, title: 'Listed on M-Pesa’s statement', amountCents: st.amountCents, receipt: st.receipt,
      detail: join(`paid ${st.occurredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, `account ${st.billReference}`, st.transactionType),
    }));
  }
  const check = rows.check;
  if (check) {
    out.push(event({
      id: `receipt-check:${check.id}`, kind: 'receipt-check', at: check.resolvedAt ?? check.createdAt, title: `Receipt checked with M-Pesa (${check.source.replace('-', ' ')})`,
      receipt: check.receipt, amountCents: check.amountCents ?? check.claimedAmountCents, badge: { label: check.status.toLowerCase().replace('_', ' '), tone: checkTone[check.status] ?? 'slate' },
      detail: join(check.resolution && `books: ${check.resolution}`, check.reviewReason),
    }));
  }
  for (const q of rows.statusQueries) {
    out.push(event({
      id: `status-query:${q.id}`, kind: 'status-query', at: q.answeredAt ?? q.sentAt ?? q.createdAt, title: `Transaction Status query (${q.targetKind})`,
      badge: { label: q.status.toLowerCase(), tone: queryTone[q.status] ?? 'slate' }, receipt: q.transactionId, detail: join(q.resultDescription),
    }));
  }
  return out;
}

function bookEvents(rows: PaymentTimelineRows, staff: boolean): TimelineEvent[] {
  const p = rows.payment;
  const out = [
    event({
      id: `ledger:${p.id}`, kind: 'ledger', at: p.createdAt, title: 'Credited to the lease’s books', amountCents: p.amountCents, receipt: p.receipt,
      detail: join(paymentMethodLabel[p.method], p.reference && `reference ${p.reference}`, staff && p.note), actor: rows.recorderName,
    }),
  ];
  if (rows.allocations.length > 0) {
    out.push(event({
      id: `allocation:${p.id}`, kind: 'allocation', at: p.createdAt, title: 'Applied to charges, oldest first',
      detail: rows.allocations.map((a) => `${a.period ? `${a.description} ${formatPeriod(a.period)}` : a.description} ${formatKes(a.amountCents)}`).join(' · '),
    }));
  }
  if (rows.receiptIssued) out.push(event({ id: `receipt-issued:${p.id}`, kind: 'receipt-issued', at: rows.receiptIssued.issuedAt, title: 'Receipt issued', href: `/receipts/${p.id}` }));
  for (const { correction, byName } of rows.corrections) {
    out.push(event({
      id: `correction:${correction.id}`, kind: 'correction', at: correction.createdAt, title: correction.kind === 'void' ? 'Payment undone in the books' : 'Reversal entered in the books',
      badge: { label: 'corrected', tone: 'red' }, detail: correction.reason, actor: byName, amountCents: p.amountCents,
    }));
  }
  for (const { reversal, requesterName } of rows.reversals) {
    out.push(event({
      id: `reversal:${reversal.id}`, kind: 'reversal', at: reversal.createdAt, title: 'Reversal requested', actor: requesterName, amountCents: reversal.amountCents,
      badge: { label: requestStatusLabel(reversal), tone: statusLabel[reversal.status].tone }, href: staff ? '/payouts' : null,
      detail: join(reversal.remarks, reversal.rejectionReason && `rejected: ${reversal.rejectionReason}`, reversal.resultDescription),
    }));
  }
  return out;
}

function auditEvents(rows: PaymentTimelineRows): TimelineEvent[] {
  return rows.audit.map(({ entry, actorName }) =>
    event({ id: `audit:${entry.id}`, kind: 'audit', at: entry.createdAt, title: describeAction(entry.action), actor: person(actorName, entry.actorRole), detail: join(describeAuditDetails(entry.details), entry.action) }),
  );
}

function actionsFor(rows: PaymentTimelineRows, caller: Pick<Caller, 'role'>): TimelineAction[] {
  const p = rows.payment;
  const actions: TimelineAction[] = [{ kind: 'receipt', label: 'Open the receipt', href: `/receipts/${p.id}` }];
  if (caller.role === 'tenant') return actions;
  const live = rows.reversals.some(({ reversal }) => reversal.status !== 'FAILED' && reversal.status !== 'REJECTED');
  if (p.receipt && p.status === 'completed' && !live) actions.push({ kind: 'reverse', label: 'Reverse this payment', href: `/payments/${p.id}/reverse` });
  if (rows.reversals.length > 0) actions.push({ kind: 'payouts', label: 'Reversal status', href: '/payouts' });
  actions.push({ kind: 'refund', label: 'Refund to the tenant', href: `/leases/${p.leaseId}/refund` });
  if (caller.role === 'admin' && rows.unplaced && ['verifying', 'open', 'review'].includes(rows.unplaced.state)) {
    actions.push({ kind: 'place', label: 'Place it (unmatched queue)', href: '/admin/unmatched' });
  }
  return actions;
}

export function buildPaymentTimeline(rows: PaymentTimelineRows, { caller }: { caller: Pick<Caller, 'role'> }): PaymentTimeline {
  const staff = caller.role !== 'tenant';
  const events = [...pushEvents(rows), ...mpesaEvidenceEvents(rows, staff), ...bookEvents(rows, staff), ...(staff ? auditEvents(rows) : [])];
  // Oldest first; ties keep the order above (request, M-Pesa's answers, then the books).
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i).map(({ e }) => e);
  const p = rows.payment;
  return {
    payment: {
      id: p.id, leaseId: p.leaseId, amountCents: p.amountCents, method: p.method, status: p.status, receipt: p.receipt, reference: p.reference,
      payerPhone: p.payerPhone, paidAt: p.paidAt.toISOString(), tenantName: p.tenantName, propertyName: p.propertyName, unitLabel: p.unitLabel, accountReference: p.accountReference,
    },
    events: ordered,
    actions: actionsFor(rows, caller),
  };
}
