import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, remarksSchema, shortcodeSchema, textSchema, urlSchema } from '../fields';
import { conversationId, gatewayId, placeholderReceipt } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { REFERENCE_URLS, resultEnvelope } from '../result-envelope';
import { darajaTimestamp } from '../time';
import { formatCents } from '../wire-json';
import { ACCOUNT_NAMES, type OrgAccount, type Organisation } from '../world/types';
import { checkInitiator, dispatchInitiatorJob, failureEnvelope, initiatorAck, type InitiatorJob } from './initiator';

const ORDER: OrgAccount[] = ['working', 'utility', 'charges'];

/** `Working Account|KES|0.00|0.00|0.00|0.00&Utility Account|…` (SPEC §7): current, available, reserved, uncleared. */
export function accountBalanceString(org: Organisation): string {
  return ORDER.map((a) => {
    const v = formatCents(org.accounts[a]);
    return `${ACCOUNT_NAMES[a]}|KES|${v}|${v}|0.00|0.00`;
  }).join('&');
}

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  const initiator = field(body, 'Initiator', textSchema);
  const credential = field(body, 'SecurityCredential', textSchema);
  field(body, 'CommandID', z.literal('AccountBalance'));
  const partyA = field(body, 'PartyA', shortcodeSchema);
  field(body, 'IdentifierType', z.union([z.string(), z.number()]).transform(String).pipe(z.literal('4')));
  field(body, 'Remarks', remarksSchema);
  const queueTimeoutUrl = field(body, 'QueueTimeOutURL', urlSchema);
  const resultUrl = field(body, 'ResultURL', urlSchema);

  const job: InitiatorJob = {
    api: 'balance',
    originatorConversationId: gatewayId(),
    conversationId: conversationId(new Date()),
    resultUrl,
    queueTimeoutUrl,
    credentialCode: checkInitiator(sandbox, initiator, credential, partyA),
    subject: { api: 'balance' },
    failure: (code, desc) => {
      if (code !== '8006') return failureEnvelope(job, { code, desc, reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.balance } });
      // The 2026 locked-initiator capture kept these parameters and a valueless ReferenceItem (SPEC §7).
      return failureEnvelope(job, {
        code,
        desc,
        params: [
          { Key: 'ActionType', Value: 'AccountBalance' },
          { Key: 'ErrorMsg', Value: 'API Password is locked. ' },
          { Key: 'BOCompletedTime', Value: darajaTimestamp(new Date()) },
        ],
        reference: { Key: 'QueueTimeoutURL' },
      });
    },
    run: () => {
      const org = sandbox.world.organisations.get(partyA);
      if (!org) return job.failure('2028');
      return resultEnvelope({
        code: '0',
        originatorConversationId: job.originatorConversationId,
        conversationId: job.conversationId,
        transactionId: placeholderReceipt(new Date()),
        params: [
          { Key: 'AccountBalance', Value: accountBalanceString(org) },
          { Key: 'BOCompletedTime', Value: darajaTimestamp(new Date()) },
        ],
        reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.balance },
      });
    },
  };
  const reply = initiatorAck(job, 'Accept the service request successfully');
  await dispatchInitiatorJob(sandbox, job);
  return reply;
}

export const balanceRoute: DarajaRoute = { api: 'balance', tokenError: '401', firstField: 'Initiator', handle };
