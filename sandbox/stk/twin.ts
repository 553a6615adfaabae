import { takeCallbackPlan, type CallbackPlan } from '../callbacks';
import { c2bNotificationBody } from '../c2b/notification';
import type { Sandbox } from '../context';
import { stkCallbackBody } from './callback-body';
import type { StkSession } from './session';

const withExtraDelay = (plan: CallbackPlan, ms: number): CallbackPlan => (ms > 0 ? { ...plan, delayMs: plan.delayMs + ms } : plan);

/**
 * SPEC §9.6: a completed push to a shortcode with registered C2B URLs also reaches the business as a C2B
 * confirmation with the same receipt. It is delivered under the `c2b` faults (so a test can drop, delay or
 * duplicate either callback on its own). The validation URL is not called: that it is called for STK rests on one
 * 2017 docs sentence, and a validation that could refuse a payment already made would make no sense.
 */
function twinSender(sandbox: Sandbox, session: StkSession, completedAt: Date): ((extraDelayMs: number) => Promise<void>) | undefined {
  const { world, config } = sandbox;
  const registration = sandbox.c2bRegistrations.get(session.partyB);
  const customer = world.subscribers.get(session.phone);
  const org = world.organisations.get(session.partyB);
  if (!config.stkTwinConfirmation || session.resultCode !== '0' || !session.receipt || !registration || !customer || !org) return undefined;
  const body = c2bNotificationBody({
    commandId: session.transactionType,
    transId: session.receipt,
    at: completedAt,
    amountCents: session.amountCents,
    shortcode: session.partyB,
    // A till has no account number (SPEC §9.4); a paybill push confirms with its AccountReference.
    billRef: session.transactionType === 'CustomerBuyGoodsOnline' ? '' : session.accountReference,
    customer,
    registration,
    orgAccountBalanceCents: org.accounts.utility,
  });
  const plan = takeCallbackPlan(sandbox.faults, 'c2b');
  const receipt = session.receipt;
  return (extra) => sandbox.callbacks.deliver('c2b', registration.confirmationUrl, body, withExtraDelay(plan, extra), receipt);
}

/** Posts the STK callback and, when there is one, its C2B twin, in the configured order. */
export async function deliverStkOutcome(sandbox: Sandbox, session: StkSession, completedAt: Date): Promise<void> {
  const body = stkCallbackBody(session, completedAt);
  const stk = (extra: number): Promise<void> =>
    sandbox.callbacks.deliver('stk', session.callbackUrl, body, withExtraDelay(session.plan, extra), session.checkoutRequestId);
  const twin = twinSender(sandbox, session, completedAt);
  if (!twin) return stk(0);
  const { stkTwinOrder: order, stkTwinDelayMs: delay } = sandbox.config;
  if (order === 'concurrent') {
    await Promise.all([stk(0), twin(0)]);
  } else if (order === 'stk-first') {
    await stk(0);
    await twin(delay);
  } else {
    await twin(0);
    await stk(delay);
  }
}
