import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, optionalText, receiptSchema, remarksSchema, textSchema, urlSchema } from '../fields';
import { invalidField } from '../http';
import { conversationId, gatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { resultEnvelope, type KeyValue } from '../result-envelope';
import { darajaTimestamp } from '../time';
import { money } from '../wire-json';
import type { Transaction } from '../world/types';
import { checkInitiator, dispatchInitiatorJob, failureEnvelope, initiatorAck, type InitiatorJob } from './initiator';

const numberish = z.union([z.string(), z.number()]).transform(String);

/** A key with an empty value is written without `Value`, as Daraja does (SPEC §1.4). */
const kv = (Key: string, Value: unknown): KeyValue => (Value === undefined || Value === '' ? { Key } : { Key, Value });

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  const initiator = field(body, 'Initiator', textSchema);
  const credential = field(body, 'SecurityCredential', textSchema);
  field(body, 'CommandID', z.literal('TransactionStatusQuery'));
  const receipt = field(body, 'TransactionID', receiptSchema.optional());
  const originalConversationId = field(body, 'OriginalConversationID', textSchema.optional(), 'TransactionID');
  if (!receipt && !originalConversationId) throw invalidField('TransactionID');
  const partyA = field(body, 'PartyA', numberish.pipe(z.string().regex(/^\d{5,12}$/)));
  field(body, 'IdentifierType', numberish.pipe(z.enum(['1', '2', '4'])));
  const resultUrl = field(body, 'ResultURL', urlSchema);
  const queueTimeoutUrl = field(body, 'QueueTimeOutURL', urlSchema);
  field(body, 'Remarks', remarksSchema);
  const occasion = field(body, 'Occasion', optionalText);
  const { world } = sandbox;
  const reference = kv('Occasion', occasion === null || occasion === undefined ? undefined : String(occasion));

  const find = (): Transaction | undefined => {
    const tx = receipt ? world.transactions.get(receipt) : world.findByOriginatorConversationId(originalConversationId ?? '');
    return tx && world.involves(tx, partyA) ? tx : undefined;
  };
  const job: InitiatorJob = {
    api: 'status',
    originatorConversationId: gatewayId(),
    conversationId: conversationId(new Date()),
    resultUrl,
    queueTimeoutUrl,
    credentialCode: checkInitiator(sandbox, initiator, credential, world.organisations.has(partyA) ? partyA : undefined),
    subject: { api: 'status' },
    failure: (code, desc) => failureEnvelope(job, { code, desc, reference }),
    run: () => {
      const tx = find();
      if (!tx) return job.failure('2032');
      const time = darajaTimestamp(tx.at);
      const accountType = tx.debit.type === 'subscriber' ? 'MMF Account' : 'Utility Account';
      return resultEnvelope({
        code: '0',
        originatorConversationId: job.originatorConversationId,
        conversationId: job.conversationId,
        transactionId: tx.receipt,
        params: [
          kv('DebitPartyName', world.publicName(tx.debit)),
          kv('CreditPartyName', world.publicName(tx.credit)),
          kv('OriginatorConversationID', tx.originatorConversationId),
          kv('InitiatedTime', time),
          kv('DebitAccountType', accountType),
          // The sandbox charges no fees, so there is nothing to print here.
          kv('DebitPartyCharges', undefined),
          kv('TransactionReason', undefined),
          kv('ReasonType', tx.reason),
          kv('TransactionStatus', tx.reversedBy ? 'Reversed' : 'Completed'),
          kv('FinalisedTime', time),
          kv('Amount', money(tx.amountCents)),
          kv('ConversationID', tx.conversationId),
          kv('ReceiptNo', tx.receipt),
        ],
        reference,
      });
    },
  };
  const reply = initiatorAck(job, 'Accept the service request successfully.');
  await dispatchInitiatorJob(sandbox, job);
  return reply;
}

export const statusRoute: DarajaRoute = { api: 'status', tokenError: '404', firstField: 'Initiator', handle };
