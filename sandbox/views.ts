import type { Sandbox } from './context';
import { openPromptFor } from './stk/engine';
import type { StkSession } from './stk/session';
import { centsToKes } from './wire-json';
import type { Organisation, Party, Subscriber, Transaction } from './world/types';

/** JSON shapes of the control API. Money is given both in KES and in cents. */
export function promptView(sandbox: Sandbox, s: StkSession) {
  const org = sandbox.world.organisations.get(s.partyB);
  return {
    checkoutRequestId: s.checkoutRequestId,
    merchantRequestId: s.merchantRequestId,
    text: s.promptText ?? '',
    businessName: org?.name ?? s.partyB,
    amount: centsToKes(s.amountCents),
    accountReference: s.accountReference,
    createdAt: s.createdAt.toISOString(),
  };
}

export function subscriberView(sandbox: Sandbox, s: Subscriber) {
  const prompt = openPromptFor(sandbox, s.msisdn);
  return {
    msisdn: s.msisdn,
    name: s.name,
    pin: s.pin,
    behaviour: s.behaviour,
    balance: centsToKes(s.balanceCents),
    balanceCents: s.balanceCents,
    prompt: prompt ? promptView(sandbox, prompt) : null,
    sms: s.sms,
  };
}

export function organisationView(o: Organisation) {
  return {
    shortcode: o.shortcode,
    name: o.name,
    expressEnabled: o.passkey !== undefined,
    accounts: { working: centsToKes(o.accounts.working), utility: centsToKes(o.accounts.utility), charges: centsToKes(o.accounts.charges) },
    accountsCents: { ...o.accounts },
  };
}

const partyView = (p: Party) => (p.type === 'subscriber' ? { msisdn: p.msisdn } : { shortcode: p.shortcode, account: p.account });

export function transactionView(t: Transaction) {
  return {
    receipt: t.receipt,
    kind: t.kind,
    amount: centsToKes(t.amountCents),
    amountCents: t.amountCents,
    debit: partyView(t.debit),
    credit: partyView(t.credit),
    at: t.at.toISOString(),
    reason: t.reason,
    accountReference: t.accountReference ?? null,
    originatorConversationId: t.originatorConversationId ?? null,
    conversationId: t.conversationId ?? null,
    checkoutRequestId: t.checkoutRequestId ?? null,
    merchantRequestId: t.merchantRequestId ?? null,
    reversedBy: t.reversedBy ?? null,
    originalReceipt: t.originalReceipt ?? null,
    seeded: t.seeded === true,
  };
}

export function stkView(s: StkSession) {
  return {
    checkoutRequestId: s.checkoutRequestId,
    merchantRequestId: s.merchantRequestId,
    phone: s.phone,
    amount: centsToKes(s.amountCents),
    accountReference: s.accountReference,
    callbackUrl: s.callbackUrl,
    status: s.status,
    resultCode: s.resultCode ?? null,
    resultDesc: s.resultDesc ?? null,
    receipt: s.receipt ?? null,
    prompt: s.promptText ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

export function stateView(sandbox: Sandbox) {
  const { world } = sandbox;
  return {
    config: sandbox.config,
    subscribers: [...world.subscribers.values()].map((s) => subscriberView(sandbox, s)),
    organisations: [...world.organisations.values()].map(organisationView),
    transactions: [...world.transactions.values()].map(transactionView),
    stk: [...sandbox.stkSessions.values()].map(stkView),
    initiators: [...world.initiators.values()].map((i) => ({ name: i.name, shortcodes: i.shortcodes, failures: i.failures, locked: i.locked })),
    c2bRegistrations: Object.fromEntries(sandbox.c2bRegistrations),
    pullRegistrations: Object.fromEntries([...sandbox.pullRegistrations].map(([k, v]) => [k, { ...v, at: v.at.toISOString() }])),
    scenarios: sandbox.scenarios.list(),
    faults: sandbox.faults.list(),
    totalCents: world.totalCents(),
  };
}
