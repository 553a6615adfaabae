import { receiptNumber } from '../ids';
import { seededTransaction } from './history';
import { seedConsumerApps, seedInitiators, seedOrganisations, seedSubscribers } from './seed';
import type { ConsumerApp, Initiator, Organisation, Party, Subscriber, Transaction, TransactionKind } from './types';

/**
 * The sandbox's small M-Pesa: wallets, organisation accounts and receipts. Money only ever moves
 * between two parties, so the sum of every balance is constant (tests rely on it).
 */
export class World {
  subscribers = new Map<string, Subscriber>();
  organisations = new Map<string, Organisation>();
  transactions = new Map<string, Transaction>();
  initiators = new Map<string, Initiator>();
  /** Daraja apps (consumer key → app) whose credentials OAuth accepts. */
  consumerApps = new Map<string, ConsumerApp>();
  private smsSeq = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.subscribers = new Map(seedSubscribers().map((s) => [s.msisdn, s]));
    this.organisations = new Map(seedOrganisations().map((o) => [o.shortcode, o]));
    this.initiators = new Map(seedInitiators().map((i) => [i.name, i]));
    this.consumerApps = new Map(seedConsumerApps().map((a) => [a.key, a]));
    this.transactions = new Map();
  }

  /** A receipt M-Pesa knows: made while this process ran, or part of Haven's seeded demo history. */
  findReceipt(receipt: string): Transaction | undefined {
    const live = this.transactions.get(receipt);
    if (live) return live;
    const seeded = seededTransaction(receipt);
    if (seeded) this.transactions.set(receipt, seeded);
    return seeded;
  }

  balanceOf(party: Party): number {
    if (party.type === 'subscriber') return this.subscribers.get(party.msisdn)?.balanceCents ?? 0;
    return this.organisations.get(party.shortcode)?.accounts[party.account] ?? 0;
  }

  private adjust(party: Party, delta: number): void {
    if (party.type === 'subscriber') {
      const s = this.subscribers.get(party.msisdn);
      if (!s) throw new Error(`no subscriber ${party.msisdn}`);
      s.balanceCents += delta;
    } else {
      const o = this.organisations.get(party.shortcode);
      if (!o) throw new Error(`no organisation ${party.shortcode}`);
      o.accounts[party.account] += delta;
    }
  }

  totalCents(): number {
    let total = 0;
    for (const s of this.subscribers.values()) total += s.balanceCents;
    for (const o of this.organisations.values()) total += o.accounts.working + o.accounts.utility + o.accounts.charges;
    return total;
  }

  // Seeded history receipts are not checked here: they are dated at least two days before any seed, and a clash of
  // the seven random characters on the same day is a one-in-78-billion event.
  uniqueReceipt(at: Date): string {
    for (;;) {
      const r = receiptNumber(at);
      if (!this.transactions.has(r)) return r;
    }
  }

  /** Moves money; callers check funds and limits first and pick the result code themselves. */
  move(
    kind: TransactionKind,
    debit: Party,
    credit: Party,
    amountCents: number,
    at: Date,
    extra: Partial<Omit<Transaction, 'kind' | 'debit' | 'credit' | 'amountCents' | 'at'>> & { reason: string },
  ): Transaction {
    this.adjust(debit, -amountCents);
    this.adjust(credit, amountCents);
    const tx: Transaction = { receipt: this.uniqueReceipt(at), kind, debit, credit, amountCents, at, ...extra };
    this.transactions.set(tx.receipt, tx);
    return tx;
  }

  sendSms(msisdn: string, text: string, at: Date, from = 'MPESA'): void {
    const s = this.subscribers.get(msisdn);
    if (!s) return;
    this.smsSeq += 1;
    s.sms.unshift({ id: this.smsSeq, from, text, at: at.toISOString() });
  }

  /** What a customer has paid out today (EAT day), for the KES 500,000 daily limit. */
  paidToday(msisdn: string, dayKey: (d: Date) => string, now: Date): number {
    let sum = 0;
    for (const tx of this.transactions.values()) {
      if (tx.debit.type === 'subscriber' && tx.debit.msisdn === msisdn && dayKey(tx.at) === dayKey(now)) sum += tx.amountCents;
    }
    return sum;
  }

  /** Rule 17: a completed payment of the same amount from the same phone within the window. */
  hasRecentSamePayment(msisdn: string, amountCents: number, windowMs: number, now: Date): boolean {
    if (windowMs <= 0) return false;
    for (const tx of this.transactions.values()) {
      if (
        (tx.kind === 'stk' || tx.kind === 'c2b') &&
        tx.debit.type === 'subscriber' &&
        tx.debit.msisdn === msisdn &&
        tx.amountCents === amountCents &&
        now.getTime() - tx.at.getTime() < windowMs
      ) {
        return true;
      }
    }
    return false;
  }

  findByOriginatorConversationId(id: string): Transaction | undefined {
    for (const tx of this.transactions.values()) if (tx.originatorConversationId === id) return tx;
    return undefined;
  }

  /** `254708374149 - John Doe` / `600996 - Haven B2C`, as result parameters print parties. */
  publicName(party: Party): string {
    if (party.type === 'subscriber') {
      const s = this.subscribers.get(party.msisdn);
      return `${party.msisdn} - ${s?.name ?? ''}`;
    }
    const o = this.organisations.get(party.shortcode);
    return `${party.shortcode} - ${o?.name ?? ''}`;
  }

  involves(tx: Transaction, partyId: string): boolean {
    const id = (p: Party): string => (p.type === 'subscriber' ? p.msisdn : p.shortcode);
    return id(tx.debit) === partyId || id(tx.credit) === partyId;
  }
}
