import type { Sandbox } from '../context';
import { stkDesc } from '../result-codes';
import { conversationId } from '../ids';
import { eatDate } from '../time';
import { paidSms, smsAmount } from '../world/sms';
import { deliverStkOutcome } from './twin';
import { isOpenPrompt, type StkSession } from './session';

const MAX_PER_TRANSACTION = 250_000_00;
const DAILY_LIMIT = 500_000_00;
const MAX_PROMPT_LENGTH = 182;
/** Rejections M-Pesa makes before ringing the phone still take a moment to come back. */
const QUICK_REJECT_MS = 50;

export function promptText(sandbox: Sandbox, session: StkSession): string {
  const org = sandbox.world.organisations.get(session.partyB) ?? sandbox.world.organisations.get(session.businessShortCode);
  return `Do you want to pay ${smsAmount(session.amountCents)} to ${org?.name ?? session.partyB} Account no. ${session.accountReference}? Enter M-PESA PIN:`;
}

export function openPromptFor(sandbox: Sandbox, msisdn: string): StkSession | undefined {
  for (const s of sandbox.stkSessions.values()) if (s.phone === msisdn && isOpenPrompt(s)) return s;
  return undefined;
}

/** The outcome M-Pesa reaches without asking the customer, or undefined when the prompt must ring. */
function ruleOutcome(sandbox: Sandbox, session: StkSession, now: Date): string | undefined {
  if (!sandbox.world.organisations.has(session.partyB)) return 'SFC_IC0003';
  if (session.amountCents > MAX_PER_TRANSACTION) return '3';
  if (promptText(sandbox, session).length > MAX_PROMPT_LENGTH) return '1025';
  const windowMs = sandbox.config.sameAmountWindowSeconds * 1000;
  if (sandbox.world.hasRecentSamePayment(session.phone, session.amountCents, windowMs, now)) return '17';
  return undefined;
}

/**
 * Decides how a fresh push ends and schedules it. With `immediate` (the callback-before-ack
 * fault) everything is decided now and the customer counts as having approved at once.
 */
export async function startStk(sandbox: Sandbox, session: StkSession, immediate: boolean): Promise<void> {
  const { config, world, scheduler } = sandbox;
  const now = new Date();
  const scenario = sandbox.scenarios.take({
    api: 'stk',
    phone: session.phone,
    amount: session.amountCents / 100,
    accountReference: session.accountReference,
  });
  const subscriber = world.subscribers.get(session.phone);
  const later = (ms: number, fn: () => Promise<void>): void => {
    session.cancelTimers.push(scheduler.after(ms, fn));
  };

  if (scenario) {
    if (subscriber) session.promptText = promptText(sandbox, session);
    if (immediate) return finishStk(sandbox, session, scenario.resultCode, scenario.resultDesc);
    later(scenario.delayMs ?? config.autoApproveDelayMs, () => finishStk(sandbox, session, scenario.resultCode, scenario.resultDesc));
    return;
  }
  const rule = ruleOutcome(sandbox, session, now);
  if (rule) {
    if (immediate) return finishStk(sandbox, session, rule);
    later(QUICK_REJECT_MS, () => finishStk(sandbox, session, rule));
    return;
  }
  if (!subscriber) {
    // An unregistered line: SPEC §11.2 saw both an unreachable handset and E3008 in 2026.
    const code = config.unknownSubscriberResult;
    const desc = code === '1037' ? 'DS timeout user cannot be reached' : undefined;
    if (immediate) return finishStk(sandbox, session, code, desc);
    later(config.autoApproveDelayMs, () => finishStk(sandbox, session, code, desc));
    return;
  }
  session.promptText = promptText(sandbox, session);
  if (immediate) return finishStk(sandbox, session, '0');
  later(config.promptTimeoutMs, () => finishStk(sandbox, session, '1037'));
  if (subscriber.behaviour === 'auto-approve') {
    later(config.autoApproveDelayMs, () => answerStk(sandbox, session, { pin: subscriber.pin }).then(() => undefined));
  }
}

export type PromptAnswer = { pin: string } | { cancel: true };

/** A person (or the auto-approve behaviour) answering the prompt on the handset. */
export async function answerStk(sandbox: Sandbox, session: StkSession, answer: PromptAnswer): Promise<string> {
  if (!isOpenPrompt(session)) return session.resultCode ?? 'closed';
  if ('cancel' in answer) {
    void finishStk(sandbox, session, '1032');
    return '1032';
  }
  const subscriber = sandbox.world.subscribers.get(session.phone);
  const code = subscriber && subscriber.pin === answer.pin ? '0' : '2001';
  // The outcome is settled synchronously inside finishStk; the handset does not wait for the callback.
  void finishStk(sandbox, session, code);
  return session.resultCode ?? code;
}

/**
 * Closes the session exactly once: moves the money for a success (which may still turn into
 * 1 or 4 when the wallet or the daily limit says no), then posts the callback.
 */
export async function finishStk(sandbox: Sandbox, session: StkSession, requested: string, desc?: string): Promise<void> {
  if (session.status === 'done') return;
  const { world } = sandbox;
  const now = new Date();
  let code = requested;
  let resultDesc = desc;
  if (code === '0') {
    const payer = world.subscribers.get(session.phone);
    if (!payer || payer.balanceCents < session.amountCents) code = '1';
    else if (world.paidToday(payer.msisdn, eatDate, now) + session.amountCents > DAILY_LIMIT) code = '4';
    if (code !== '0') resultDesc = undefined;
  }
  session.status = 'done';
  session.resultCode = code;
  session.resultDesc = resultDesc ?? stkDesc(code);
  for (const cancel of session.cancelTimers) cancel();
  session.cancelTimers = [];

  if (code === '0') {
    const org = world.organisations.get(session.partyB);
    const tx = world.move('stk', { type: 'subscriber', msisdn: session.phone }, { type: 'org', shortcode: session.partyB, account: 'utility' }, session.amountCents, now, {
      reason: 'Pay Bill Online',
      accountReference: session.accountReference,
      checkoutRequestId: session.checkoutRequestId,
      merchantRequestId: session.merchantRequestId,
      commandId: session.transactionType,
      conversationId: conversationId(now),
    });
    session.receipt = tx.receipt;
    const balance = world.subscribers.get(session.phone)?.balanceCents ?? 0;
    world.sendSms(session.phone, paidSms({ receipt: tx.receipt, amountCents: session.amountCents, orgName: org?.name ?? session.partyB, account: session.accountReference, at: now, balanceCents: balance }), now);
  }
  await deliverStkOutcome(sandbox, session, now);
}
