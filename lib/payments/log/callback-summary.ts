import type { InboxKind, InboxOutcome } from '@/db/schema/inbox';
import { parseC2bConfirmation, parseC2bValidation, parseResultEnvelope, parseStkCallback } from '@/lib/mpesa/callbacks';
import { describeResult } from '@/lib/mpesa/result-codes';

/**
 * One callback as a person reads it in the M-Pesa log. The inbox outcome says what processing did with the row
 * ("applied" = it reached its request); it says nothing about the money: a cancelled STK push is applied too.
 * So the badge combines both, and an applied failure is never green.
 */

export type MoneyOutcome = 'success' | 'failure' | 'unknown' | 'none';
type Tone = 'green' | 'red' | 'amber' | 'slate' | 'blue';

export interface CallbackSummary {
  /** What the callback is about: "STK payment", "B2C payout result", … */
  what: string;
  money: MoneyOutcome;
  badge: { label: string; tone: Tone };
  /** Why it failed, in words ("The customer cancelled the prompt"), when it did. */
  reason: string | null;
  amountCents: number | null;
  receipt: string | null;
}

const kindLabel: Record<InboxKind, string> = {
  stk: 'STK payment',
  'b2c-result': 'Payout result',
  'b2c-timeout': 'Payout timeout',
  'reversal-result': 'Reversal result',
  'reversal-timeout': 'Reversal timeout',
  'balance-result': 'Balance result',
  'balance-timeout': 'Balance timeout',
  'status-result': 'Transaction Status answer',
  'status-timeout': 'Transaction Status timeout',
  'c2b-validation': 'Paybill validation',
  'c2b-confirmation': 'Paybill payment',
};

interface Facts {
  money: MoneyOutcome;
  reason: string | null;
  amountCents: number | null;
  receipt: string | null;
}

const none: Facts = { money: 'none', reason: null, amountCents: null, receipt: null };

function readFacts(kind: InboxKind, body: unknown): Facts {
  switch (kind) {
    case 'stk': {
      const cb = parseStkCallback(body);
      const ok = cb.resultCode === '0';
      return { money: ok ? 'success' : 'failure', reason: ok ? null : describeResult({ api: 'stk', code: cb.resultCode, resultDesc: cb.resultDesc }).message, amountCents: cb.amountCents ?? null, receipt: cb.mpesaReceiptNumber ?? null };
    }
    case 'b2c-result':
    case 'reversal-result':
    case 'balance-result':
    case 'status-result': {
      const r = parseResultEnvelope(body);
      const ok = r.resultCode === '0';
      const api = kind === 'b2c-result' ? 'b2c' : kind === 'reversal-result' ? 'reversal' : kind === 'balance-result' ? 'balance' : 'status';
      // A balance or status answer moves no money: its code says whether the question was answered.
      const moves = kind === 'b2c-result' || kind === 'reversal-result';
      return { money: ok ? (moves ? 'success' : 'none') : 'failure', reason: ok ? null : describeResult({ api, code: r.resultCode, resultDesc: r.resultDesc }).message, amountCents: null, receipt: r.transactionId };
    }
    case 'b2c-timeout':
    case 'reversal-timeout':
    case 'balance-timeout':
    case 'status-timeout':
      return { ...none, money: 'unknown', reason: 'M-Pesa’s queue timed out: Haven asks Transaction Status for the outcome' };
    case 'c2b-confirmation': {
      const n = parseC2bConfirmation(body);
      return { money: 'success', reason: null, amountCents: n.amountCents, receipt: n.transId };
    }
    case 'c2b-validation': {
      const n = parseC2bValidation(body);
      return { ...none, amountCents: n.amountCents, receipt: n.transId };
    }
  }
}

function badgeFor(outcome: InboxOutcome | null, money: MoneyOutcome): CallbackSummary['badge'] {
  switch (outcome) {
    case 'applied':
      if (money === 'success') return { label: 'Applied · succeeded', tone: 'green' };
      if (money === 'failure') return { label: 'Applied · failed', tone: 'red' };
      if (money === 'unknown') return { label: 'Applied · outcome unknown', tone: 'amber' };
      return { label: 'Applied', tone: 'slate' };
    case 'duplicate':
      return { label: 'Duplicate', tone: 'slate' };
    case 'unmatched':
      return { label: 'Unmatched', tone: 'amber' };
    case 'dead':
      return { label: 'Dead-letter', tone: 'red' };
    case 'invalid':
    case 'mismatch':
    case 'refuted':
      return { label: outcome === 'refuted' ? 'Refuted by M-Pesa' : outcome === 'mismatch' ? 'Mismatch' : 'Invalid', tone: 'red' };
    case 'waiting':
    case 'error':
    case null:
      return { label: outcome ?? 'Received', tone: 'blue' };
  }
}

export function summariseCallback({ kind, body, outcome }: { kind: InboxKind; body: string; outcome: InboxOutcome | null }): CallbackSummary {
  let facts: Facts;
  try {
    facts = readFacts(kind, JSON.parse(body) as unknown);
  } catch {
    // A body Haven cannot read moved nothing Haven knows of; the raw body is one click away.
    facts = { ...none, money: 'unknown', reason: 'The body could not be read' };
  }
  return { what: kindLabel[kind] ?? kind, ...facts, badge: badgeFor(outcome, facts.money) };
}
