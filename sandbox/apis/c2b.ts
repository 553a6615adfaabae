import { z } from 'zod';
import { takeCallbackPlan, type CallbackPlan } from '../callbacks';
import { c2bNotificationBody } from '../c2b/notification';
import type { Sandbox } from '../context';
import { field, msisdnSchema, optionalText, shortcodeSchema, urlSchema, wholeAmountSchema } from '../fields';
import { invalidField, jsonReply } from '../http';
import { conversationId, gatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { paidSms } from '../world/sms';

const validationReplySchema = z.object({
  ResultCode: z.union([z.string(), z.number()]).transform(String),
  ThirdPartyTransID: z.union([z.string(), z.number()]).transform(String).optional(),
});

function registerHandler(version: 'v1' | 'v2') {
  return async (sandbox: Sandbox, body: Record<string, unknown>) => {
    const shortcode = field(body, 'ShortCode', shortcodeSchema);
    const responseType = field(body, 'ResponseType', z.enum(['Completed', 'Cancelled']));
    const confirmationUrl = field(body, 'ConfirmationURL', urlSchema);
    const validationUrl = field(body, 'ValidationURL', urlSchema);
    if (!sandbox.world.organisations.has(shortcode)) throw invalidField('ShortCode');
    // The sandbox lets you re-register at will; production answers 500.003.1001 (SPEC §9.1).
    sandbox.c2bRegistrations.set(shortcode, { version, responseType, confirmationUrl, validationUrl });
    // The key is misspelt on the wire ("Coversation"), and v1 prints a lower-case "success".
    return jsonReply(200, { OriginatorCoversationID: gatewayId(), ResponseCode: '0', ResponseDescription: version === 'v1' ? 'success' : 'Success' });
  };
}

interface C2bPayment {
  shortcode: string;
  commandId: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  amount: number;
  msisdn: string;
  billRef: string;
}

async function settle(sandbox: Sandbox, p: C2bPayment, plan: CallbackPlan): Promise<void> {
  const { world } = sandbox;
  const scenario = sandbox.scenarios.take({ api: 'c2b', phone: p.msisdn, amount: p.amount, accountReference: p.billRef });
  const customer = world.subscribers.get(p.msisdn);
  const org = world.organisations.get(p.shortcode);
  const cents = p.amount * 100;
  // A payment M-Pesa itself refuses never reaches the business, so there is nothing to call back.
  if ((scenario && scenario.resultCode !== '0') || !customer || !org || customer.balanceCents < cents) return;
  const now = new Date();
  const registration = sandbox.c2bRegistrations.get(p.shortcode);
  const transId = world.uniqueReceipt(now);
  const notification = { commandId: p.commandId, transId, at: now, amountCents: cents, shortcode: p.shortcode, billRef: p.billRef, customer, registration };
  const base = c2bNotificationBody(notification);
  let thirdPartyTransId = '';
  if (registration) {
    const attempt = await sandbox.callbacks.post('c2b', registration.validationUrl, JSON.stringify(base), transId, sandbox.config.c2bValidationTimeoutMs);
    let accepted = registration.responseType === 'Completed';
    // An answer that did not arrive whole within the timeout is no answer: ResponseType decides (SPEC §9.2).
    if (attempt.error === undefined && attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
      let json: unknown = null;
      try {
        json = JSON.parse(attempt.response ?? '');
      } catch {
        json = null;
      }
      const reply = validationReplySchema.safeParse(json);
      if (reply.success) {
        accepted = reply.data.ResultCode === '0';
        thirdPartyTransId = reply.data.ThirdPartyTransID ?? '';
      }
    }
    if (!accepted) return;
  }
  world.move('c2b', { type: 'subscriber', msisdn: p.msisdn }, { type: 'org', shortcode: p.shortcode, account: 'utility' }, cents, now, {
    receipt: transId,
    // What Transaction Status prints as ReasonType for a manual paybill payment (SPEC §8.1).
    reason: p.commandId === 'CustomerPayBillOnline' ? 'Pay Utility' : 'Pay Merchant',
    accountReference: p.billRef,
    commandId: p.commandId,
    // C2B has no MerchantRequestID; Transaction Status still prints an OriginatorConversationID of that shape.
    merchantRequestId: gatewayId(),
    conversationId: conversationId(now),
  });
  world.sendSms(p.msisdn, paidSms({ receipt: transId, amountCents: cents, orgName: org.name, account: p.billRef || undefined, at: now, balanceCents: customer.balanceCents }), now);
  if (!registration) return;
  const confirmation = c2bNotificationBody({ ...notification, orgAccountBalanceCents: org.accounts.utility, thirdPartyTransId });
  await sandbox.callbacks.deliver('c2b', registration.confirmationUrl, confirmation, plan, transId);
}

async function simulate(sandbox: Sandbox, body: Record<string, unknown>) {
  const shortcode = field(body, 'ShortCode', shortcodeSchema);
  const commandId = field(body, 'CommandID', z.enum(['CustomerPayBillOnline', 'CustomerBuyGoodsOnline']));
  const amount = field(body, 'Amount', wholeAmountSchema);
  const msisdn = field(body, 'Msisdn', msisdnSchema);
  const billRefRaw = field(body, 'BillRefNumber', optionalText);
  if (!sandbox.world.organisations.has(shortcode)) throw invalidField('ShortCode');
  const payment: C2bPayment = { shortcode, commandId, amount, msisdn, billRef: billRefRaw === null || billRefRaw === undefined ? '' : String(billRefRaw) };
  const plan = takeCallbackPlan(sandbox.faults, 'c2b');
  if (plan.beforeAck) await settle(sandbox, payment, plan);
  else sandbox.scheduler.after(Math.min(sandbox.config.resultDelayMs, 500), () => settle(sandbox, payment, plan));
  return jsonReply(200, { OriginatorCoversationID: gatewayId(), ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
}

const c2bRoute = (handle: DarajaRoute['handle']): DarajaRoute => ({ api: 'c2b', tokenError: '404', firstField: 'ShortCode', handle });
export const c2bRegisterV1Route = c2bRoute(registerHandler('v1'));
export const c2bRegisterV2Route = c2bRoute(registerHandler('v2'));
export const c2bSimulateRoute = c2bRoute(simulate);
