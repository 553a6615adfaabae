import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, msisdnSchema, optionalText, remarksSchema, shortcodeSchema, textSchema, urlSchema, wholeAmountSchema } from '../fields';
import { conversationId, legacyGatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { REFERENCE_URLS, resultEnvelope } from '../result-envelope';
import { dottedDateTime } from '../time';
import { money } from '../wire-json';
import { receivedSms } from '../world/sms';
import { checkInitiator, claimOriginatorId, dispatchInitiatorJob, failureEnvelope, initiatorAck, type InitiatorJob } from './initiator';

const REASONS = {
  BusinessPayment: 'Business Payment to Customer via API',
  SalaryPayment: 'Salary Payment via API',
  PromotionPayment: 'Promotion Payment via API',
} as const;
const MIN = 10_00;
const MAX = 250_000_00;
const MAX_CUSTOMER_BALANCE = 500_000_00;

function handler(version: 'v1' | 'v3') {
  return async (sandbox: Sandbox, body: Record<string, unknown>) => {
    // v3 requires the caller's own id; v1 gets one from the gateway (SPEC §5.2).
    const originatorId = version === 'v3' ? field(body, 'OriginatorConversationID', textSchema) : legacyGatewayId();
    const initiator = field(body, 'InitiatorName', textSchema);
    const credential = field(body, 'SecurityCredential', textSchema);
    const commandId = field(body, 'CommandID', z.enum(['BusinessPayment', 'SalaryPayment', 'PromotionPayment']));
    const amount = field(body, 'Amount', wholeAmountSchema);
    const partyA = field(body, 'PartyA', shortcodeSchema);
    const partyB = field(body, 'PartyB', msisdnSchema);
    field(body, 'Remarks', remarksSchema);
    const queueTimeoutUrl = field(body, 'QueueTimeOutURL', urlSchema);
    const resultUrl = field(body, 'ResultURL', urlSchema);
    // v3 docs spell it Occassion, v1 Occasion; both are accepted (SPEC §5.1).
    field(body, 'Occassion', optionalText);
    field(body, 'Occasion', optionalText);
    claimOriginatorId(sandbox, originatorId);

    const { world } = sandbox;
    const cents = amount * 100;
    const job: InitiatorJob = {
      api: 'b2c',
      originatorConversationId: originatorId,
      conversationId: conversationId(new Date()),
      resultUrl,
      queueTimeoutUrl,
      credentialCode: checkInitiator(sandbox, initiator, credential, partyA),
      subject: { api: 'b2c', phone: partyB, amount },
      failure: (code, desc) => failureEnvelope(job, { code, desc, reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.b2c } }),
      run: () => {
        const now = new Date();
        const org = world.organisations.get(partyA);
        const customer = world.subscribers.get(partyB);
        let code = '0';
        if (!org) code = '2028';
        else if (cents < MIN) code = '2';
        else if (cents > MAX) code = '3';
        else if (!customer) code = '2040';
        else if (org.accounts.utility < cents) code = '1';
        else if (customer.balanceCents + cents > MAX_CUSTOMER_BALANCE) code = '8';
        if (code !== '0' || !org || !customer) return job.failure(code);
        const tx = world.move('b2c', { type: 'org', shortcode: partyA, account: 'utility' }, { type: 'subscriber', msisdn: partyB }, cents, now, {
          reason: REASONS[commandId],
          originatorConversationId: job.originatorConversationId,
          conversationId: job.conversationId,
        });
        world.sendSms(partyB, receivedSms({ receipt: tx.receipt, amountCents: cents, orgName: org.name, shortcode: partyA, at: now, balanceCents: customer.balanceCents }), now);
        return resultEnvelope({
          code: '0',
          originatorConversationId: job.originatorConversationId,
          conversationId: job.conversationId,
          transactionId: tx.receipt,
          params: [
            { Key: 'TransactionAmount', Value: money(cents) },
            { Key: 'TransactionReceipt', Value: tx.receipt },
            { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
            { Key: 'B2CChargesPaidAccountAvailableFunds', Value: money(org.accounts.charges) },
            { Key: 'ReceiverPartyPublicName', Value: world.publicName(tx.credit) },
            { Key: 'TransactionCompletedDateTime', Value: dottedDateTime(now) },
            { Key: 'B2CUtilityAccountAvailableFunds', Value: money(org.accounts.utility) },
            { Key: 'B2CWorkingAccountAvailableFunds', Value: money(org.accounts.working) },
          ],
          reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.b2c },
        });
      },
    };
    const reply = initiatorAck(job, 'Accept the service request successfully.');
    await dispatchInitiatorJob(sandbox, job);
    return reply;
  };
}

export const b2cV1Route: DarajaRoute = { api: 'b2c', tokenError: '401', firstField: 'InitiatorName', handle: handler('v1') };
export const b2cV3Route: DarajaRoute = { api: 'b2c', tokenError: '401', firstField: 'InitiatorName', handle: handler('v3') };
