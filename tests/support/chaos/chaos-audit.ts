import type { Sql } from 'postgres';
import type { SandboxControl } from '../sandbox-process';
import type { ChaosFixture } from './chaos-fixture';

/**
 * Haven's books against M-Pesa's own ledger (the sandbox's), per lease and for money out:
 * - lost: M-Pesa moved it, the books do not have it (a receipt not credited, a reversal or payout not recorded);
 * - double: the books have it more than once, or credited without its receipt (money without identity);
 * - forged: the books have it, M-Pesa never moved it (a receipt M-Pesa does not know on that account, a payout
 *   or reversal recorded as done that never happened);
 * - still pending: money requests Haven has not settled (pushes, payouts, reversals, receipt checks).
 * Callbacks stored but not finished (claimed by the instance that was killed, or waiting for ids it never stored)
 * are counted apart: the money they speak of is settled by other paths, but they too must end.
 */

interface LedgerReceipt {
  kind: string;
  amountCents: number;
  accountReference: string | null;
  status: 'completed' | 'reversed';
  originalReceipt: string | null;
  originatorConversationId: string | null;
}

export interface LeaseLine {
  accountReference: string;
  ledgerInCents: number;
  booksInCents: number;
  ledgerReversedCents: number;
  booksReversedCents: number;
  lost: string[];
  double: string[];
  forged: string[];
}

export interface ChaosAudit {
  lost: number;
  double: number;
  forged: number;
  pending: number;
  pendingDetail: Record<string, number>;
  /** Inbox rows not finished: claimed by a dead instance (300 s claim) or waiting for a request (10 min). */
  unfinishedCallbacks: number;
  leases: LeaseLine[];
  /** Leases whose books differ from the ledger in money in or reversed. */
  unequalLeases: number;
  moneyOut: { ledgerCents: number; booksCents: number; payouts: number; lost: string[]; double: string[]; forged: string[] };
  totals: { ledgerInCents: number; booksInCents: number; ledgerReversedCents: number; booksReversedCents: number };
  needsReview: number;
}

export async function auditChaos(sql: Sql, control: SandboxControl, fixture: ChaosFixture, since: Date): Promise<ChaosAudit> {
  const leaseIds = fixture.leases.map((l) => l.leaseId);
  const paybill = await control.ledger({ since });
  const receipts = paybill.receipts as Record<string, LedgerReceipt>;
  const payments = await sql<{ lease_id: string; receipt: string | null; amount_cents: number; status: string }[]>`
    select lease_id, mpesa_receipt_number as receipt, amount_cents::int, status::text from payments where lease_id = any(${leaseIds}::uuid[])`;

  const leases: LeaseLine[] = fixture.leases.map((lease) => {
    const account = paybill.accounts[lease.accountReference] ?? { receivedCents: 0, reversedCents: 0, receipts: [] };
    const mine = payments.filter((p) => p.lease_id === lease.leaseId);
    const books = new Map<string, number>();
    for (const p of mine) if (p.receipt) books.set(p.receipt, (books.get(p.receipt) ?? 0) + 1);
    const ledgerSet = new Set(account.receipts);
    const lost = account.receipts.filter((r) => !books.has(r));
    const forged = [...books.keys()].filter((r) => !ledgerSet.has(r));
    const double = [...[...books].filter(([, n]) => n > 1).map(([r]) => r), ...mine.filter((p) => !p.receipt).map((p) => `no receipt (KES ${p.amount_cents / 100})`)];
    // Reversals: a receipt M-Pesa reversed must be reversed in the books, and the other way round.
    for (const r of account.receipts) {
      const reversedAtMpesa = receipts[r]?.status === 'reversed';
      const reversedInBooks = mine.some((p) => p.receipt === r && p.status === 'reversed');
      if (reversedAtMpesa && !reversedInBooks && books.has(r)) lost.push(`${r} reversal`);
      if (!reversedAtMpesa && reversedInBooks) forged.push(`${r} reversal`);
    }
    return {
      accountReference: lease.accountReference,
      ledgerInCents: account.receivedCents,
      booksInCents: mine.reduce((s, p) => s + p.amount_cents, 0),
      ledgerReversedCents: account.reversedCents,
      booksReversedCents: mine.filter((p) => p.status === 'reversed').reduce((s, p) => s + p.amount_cents, 0),
      lost,
      double,
      forged,
    };
  });

  // Money out: every payout the chaos admin asked for, against M-Pesa's B2C transactions by our idempotency id.
  const payouts = await sql<{ originator: string; status: string; receipt: string | null; amount_cents: number; shortcode: string }[]>`
    select b.originator_conversation_id as originator, b.status::text, b.transaction_id as receipt, b.amount_cents::int, b.shortcode
    from mpesa_b2c_transactions b join users u on u.id = b.requested_by where u.email = ${fixture.adminEmail}`;
  // Payouts leave from whichever shortcode the agency pays out of (its paybill, or a separate B2C shortcode).
  const shortcodes = [...new Set(payouts.map((p) => p.shortcode))];
  const ledgers = await Promise.all(shortcodes.map((shortcode) => (shortcode === paybill.shortcode ? paybill : control.ledger({ shortcode, since }))));
  const sent = ledgers.flatMap((l) => Object.entries(l.receipts as Record<string, LedgerReceipt>)).filter(([, r]) => r.kind === 'b2c');
  const ours = new Set(payouts.map((p) => p.originator));
  const moneyOut = { ledgerCents: 0, booksCents: 0, payouts: payouts.length, lost: [] as string[], double: [] as string[], forged: [] as string[] };
  const byOriginator = new Map<string, string[]>();
  for (const [receipt, r] of sent) {
    if (!r.originatorConversationId || !ours.has(r.originatorConversationId)) continue;
    byOriginator.set(r.originatorConversationId, [...(byOriginator.get(r.originatorConversationId) ?? []), receipt]);
    moneyOut.ledgerCents += r.amountCents;
  }
  for (const p of payouts) {
    const atMpesa = byOriginator.get(p.originator) ?? [];
    if (atMpesa.length > 1) moneyOut.double.push(`${p.originator} paid ${atMpesa.length} times`);
    if (p.status === 'SUCCESS') {
      moneyOut.booksCents += p.amount_cents;
      if (atMpesa.length === 0) moneyOut.forged.push(`${p.originator} SUCCESS, never paid`);
      else if (p.receipt && !atMpesa.includes(p.receipt)) moneyOut.forged.push(`${p.originator} receipt ${p.receipt} not M-Pesa's`);
    } else if (atMpesa.length > 0 && p.status !== 'UNKNOWN' && p.status !== 'PENDING' && p.status !== 'QUEUED') {
      moneyOut.lost.push(`${p.originator} ${p.status}, but M-Pesa paid ${atMpesa.join(',')}`);
    }
  }

  const [pending] = await sql<{ pushes: number; payouts: number; reversals: number; receipts: number; inbox: number; review: number }[]>`
    select
      (select count(*)::int from mpesa_transactions where lease_id = any(${leaseIds}::uuid[]) and status = 'PENDING') as pushes,
      (select count(*)::int from mpesa_b2c_transactions b join users u on u.id = b.requested_by
        where u.email = ${fixture.adminEmail} and b.status in ('AWAITING_APPROVAL', 'QUEUED', 'PENDING', 'UNKNOWN')) as payouts,
      (select count(*)::int from mpesa_reversals r join users u on u.id = r.requested_by
        where u.email = ${fixture.adminEmail} and r.status in ('AWAITING_APPROVAL', 'QUEUED', 'PENDING', 'UNKNOWN')) as reversals,
      (select count(*)::int from mpesa_receipt_checks where status = 'PENDING' and created_at >= ${since}) as receipts,
      (select count(*)::int from callback_inbox where (processed_at is null or outcome = 'dead') and received_at >= ${since}) as inbox,
      (select count(*)::int from mpesa_transactions where lease_id = any(${leaseIds}::uuid[]) and needs_review) as review`;
  const pendingDetail = { pushes: pending!.pushes, payouts: pending!.payouts, reversals: pending!.reversals, receiptChecks: pending!.receipts };
  const sum = (f: (l: LeaseLine) => number) => leases.reduce((s, l) => s + f(l), 0);
  return {
    lost: sum((l) => l.lost.length) + moneyOut.lost.length,
    double: sum((l) => l.double.length) + moneyOut.double.length,
    forged: sum((l) => l.forged.length) + moneyOut.forged.length,
    pending: Object.values(pendingDetail).reduce((s, n) => s + n, 0),
    pendingDetail,
    unfinishedCallbacks: pending!.inbox,
    leases,
    unequalLeases: leases.filter((l) => l.ledgerInCents !== l.booksInCents || l.ledgerReversedCents !== l.booksReversedCents).length + (moneyOut.ledgerCents === moneyOut.booksCents ? 0 : 1),
    moneyOut,
    totals: { ledgerInCents: sum((l) => l.ledgerInCents), booksInCents: sum((l) => l.booksInCents), ledgerReversedCents: sum((l) => l.ledgerReversedCents), booksReversedCents: sum((l) => l.booksReversedCents) },
    needsReview: pending!.review,
  };
}

/** Money clean: nothing lost, doubled, forged or pending, every lease equal; `callbacks` also wants every inbox row ended. */
export const auditIsClean = (a: ChaosAudit, { callbacks = true }: { callbacks?: boolean } = {}): boolean =>
  a.lost === 0 && a.double === 0 && a.forged === 0 && a.pending === 0 && a.unequalLeases === 0 && (!callbacks || a.unfinishedCallbacks === 0);

const kes = (cents: number) => `${(cents / 100).toLocaleString('en-KE')}`;

/** The per-lease table (every lease with a difference, and the first few of the rest) and the totals. */
export function formatAudit(a: ChaosAudit, { allLeases = false }: { allLeases?: boolean } = {}): string {
  const lines = ['account        in: ledger / books     reversed: ledger / books   lost double forged'];
  const shown = a.leases.filter((l, i) => allLeases || i < 10 || l.lost.length + l.double.length + l.forged.length > 0 || l.ledgerInCents !== l.booksInCents || l.ledgerReversedCents !== l.booksReversedCents);
  for (const l of shown) {
    const eq = l.ledgerInCents === l.booksInCents && l.ledgerReversedCents === l.booksReversedCents ? '=' : '≠';
    lines.push(
      `${l.accountReference.padEnd(12)} ${eq} ${kes(l.ledgerInCents).padStart(8)} / ${kes(l.booksInCents).padEnd(8)}   ${kes(l.ledgerReversedCents).padStart(8)} / ${kes(l.booksReversedCents).padEnd(8)}   ${String(l.lost.length).padStart(4)} ${String(l.double.length).padStart(6)} ${String(l.forged.length).padStart(6)}` +
        (l.lost.length + l.double.length + l.forged.length > 0 ? `   ${[...l.lost.map((r) => `lost ${r}`), ...l.double.map((r) => `double ${r}`), ...l.forged.map((r) => `forged ${r}`)].join('; ')}` : ''),
    );
  }
  if (shown.length < a.leases.length) lines.push(`… ${a.leases.length - shown.length} more leases, all equal`);
  const t = a.totals;
  lines.push(`TOTAL (${a.leases.length} leases)  in ${kes(t.ledgerInCents)} / ${kes(t.booksInCents)}   reversed ${kes(t.ledgerReversedCents)} / ${kes(t.booksReversedCents)}`);
  const mo = a.moneyOut;
  lines.push(`money out (B2C, ${mo.payouts} payouts): ledger KES ${kes(mo.ledgerCents)} / books KES ${kes(mo.booksCents)}${[...mo.lost, ...mo.double, ...mo.forged].map((s) => `\n  ${s}`).join('')}`);
  lines.push(`lost ${a.lost} · double ${a.double} · forged ${a.forged} · still pending ${a.pending} ${JSON.stringify(a.pendingDetail)} · leases unequal ${a.unequalLeases} · callbacks unfinished ${a.unfinishedCallbacks} · pushes marked for review ${a.needsReview}`);
  return lines.join('\n');
}
