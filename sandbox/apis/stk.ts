import { z } from 'zod';
import { takeCallbackPlan } from '../callbacks';
import type { Sandbox } from '../context';
import { field, msisdnSchema, shortcodeSchema, textSchema, urlSchema, wholeAmountSchema } from '../fields';
import { GatewayError, jsonReply } from '../http';
import { checkoutRequestId, gatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { startStk } from '../stk/engine';
import { checkMerchant } from '../stk/merchant';
import type { StkSession } from '../stk/session';
import { isDarajaTimestamp } from '../time';

export const timestampSchema = z.union([z.string(), z.number()]).transform(String).refine(isDarajaTimestamp);
const referenceSchema = z.union([z.string(), z.number()]).transform(String).pipe(textSchema);

function uniqueCheckoutId(sandbox: Sandbox, phone: string): string {
  let at = new Date();
  let id = checkoutRequestId(phone, at);
  while (sandbox.stkSessions.has(id)) {
    at = new Date(at.getTime() + 1);
    id = checkoutRequestId(phone, at);
  }
  return id;
}

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  // Fields are checked in the order of SPEC §3.1; the first bad one names the error.
  const shortcode = field(body, 'BusinessShortCode', shortcodeSchema);
  const password = field(body, 'Password', textSchema);
  const timestamp = field(body, 'Timestamp', timestampSchema);
  const transactionType = field(body, 'TransactionType', z.enum(['CustomerPayBillOnline', 'CustomerBuyGoodsOnline']));
  const amount = field(body, 'Amount', wholeAmountSchema);
  field(body, 'PartyA', msisdnSchema);
  const partyB = field(body, 'PartyB', shortcodeSchema);
  const phone = field(body, 'PhoneNumber', msisdnSchema);
  const callbackUrl = field(body, 'CallBackURL', urlSchema);
  const accountReference = field(body, 'AccountReference', referenceSchema);
  // A missing TransactionDesc is reported as "Remarks" by the live sandbox (SPEC §3.1).
  field(body, 'TransactionDesc', referenceSchema, 'Remarks');
  checkMerchant(sandbox, shortcode, password, timestamp);

  for (const s of sandbox.stkSessions.values()) {
    if (s.phone === phone && s.status === 'pending') {
      throw new GatewayError('500.001.1001', 'Unable to lock subscriber, a transaction is already in process for the current subscriber');
    }
  }
  const session: StkSession = {
    merchantRequestId: gatewayId(),
    checkoutRequestId: uniqueCheckoutId(sandbox, phone),
    businessShortCode: shortcode,
    partyB,
    transactionType,
    phone,
    amountCents: amount * 100,
    accountReference,
    callbackUrl,
    createdAt: new Date(),
    status: 'pending',
    plan: takeCallbackPlan(sandbox.faults, 'stk'),
    cancelTimers: [],
  };
  sandbox.stkSessions.set(session.checkoutRequestId, session);
  if (session.plan.beforeAck) await startStk(sandbox, session, true);
  else void startStk(sandbox, session, false);
  return jsonReply(200, {
    MerchantRequestID: session.merchantRequestId,
    CheckoutRequestID: session.checkoutRequestId,
    ResponseCode: '0',
    ResponseDescription: 'Success. Request accepted for processing',
    CustomerMessage: 'Success. Request accepted for processing',
  });
}

export const stkPushRoute: DarajaRoute = { api: 'stk', tokenError: '404', firstField: 'BusinessShortCode', handle };
