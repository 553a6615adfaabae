import { createHash } from 'node:crypto';
import { z } from 'zod';
import { takeCallbackPlan, type CallbackPlan } from '../callbacks';
import type { C2bRegistration, Sandbox } from '../context';
import { field, msisdnSchema, optionalText, shortcodeSchema, urlSchema, wholeAmountSchema } from '../fields';
import { invalidField, jsonReply } from '../http';
import { gatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { darajaTimestamp } from '../time';
import { formatCents } from '../wire-json';
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

/** v1 sends a SHA-256 of the number, v2 a masked one like `2547 ***** 126` (SPEC §9.1). */
function callbackMsisdn(version: C2bRegistration['version'], msisdn: string): string {
  if (version === 'v1') return createHash('sha256').update(msisdn).digest('hex');
  return `${msisdn.slice(0, 4)} ***** ${msisdn.slice(-3)}`;
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
  const [first = '', ...rest] = customer.name.split(/\s+/);
  const base = {
    TransactionType: p.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods',
    TransID: transId,
    TransTime: darajaTimestamp(now),
    TransAmount: formatCents(cents),
    BusinessShortCode: p.shortcode,
    BillRefNumber: p.billRef,
    InvoiceNumber: '',
    OrgAccountBalance: '',
    ThirdPartyTransID: '',
    MSISDN: registration ? callbackMsisdn(registration.version, p.msisdn) : p.msisdn,
    FirstName: first,
    MiddleName: rest.length > 1 ? rest.slice(0, -1).join(' ') : '',
    LastName: rest.at(-1) ?? '',
  };
  let thirdPartyTransId = '';
  if (registration) {
    const attempt = await sandbox.callbacks.post('c2b', registration.validationUrl, JSON.stringify(base), transId, sandbox.config.c2bValidationTimeoutMs);
    let accepted = registration.responseType === 'Completed';
    if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
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
    reason: p.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods',
    accountReference: p.billRef,
  });
  world.sendSms(p.msisdn, paidSms({ receipt: transId, amountCents: cents, orgName: org.name, account: p.billRef || undefined, at: now, balanceCents: customer.balanceCents }), now);
  if (!registration) return;
  const confirmation = { ...base, OrgAccountBalance: formatCents(org.accounts.utility), ThirdPartyTransID: thirdPartyTransId };
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
