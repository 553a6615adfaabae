import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, optionalText, receiptSchema, remarksSchema, textSchema, urlSchema } from '../fields';
import { invalidField } from '../http';
import { conversationId, gatewayId, placeholderReceipt } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { resultEnvelope, type KeyValue } from '../result-envelope';
import { darajaTimestamp } from '../time';
import { money } from '../wire-json';
import type { Transaction } from '../world/types';
import { checkInitiator, dispatchInitiatorJob, failureEnvelope, initiatorAck, type InitiatorJob } from './initiator';

const numberish = z.union([z.string(), z.number()]).transform(String);

/** A key with an empty value is written without `Value`, as Daraja does (SPEC §1.4). */
const kv = (Key: string, Value: unknown): KeyValue => (Value === undefined || Value === '' ? { Key } : { Key, Value });

/** The parameters both result shapes end with, in the captured order. */
const closingParams = (tx: Transaction, time: string | number): KeyValue[] => [
  kv('TransactionReason', undefined),
  kv('ReasonType', tx.reason),
  kv('TransactionStatus', tx.reversedBy ? 'Reversed' : 'Completed'),
  kv('FinalisedTime', time),
  kv('Amount', money(tx.amountCents)),
  kv('ConversationID', tx.conversationId),
  kv('ReceiptNo', tx.receipt),
];
const isPaymentInto = (tx: Transaction, shortcode: string): boolean =>
  (tx.kind === 'stk' || tx.kind === 'c2b') && tx.credit.type === 'org' && tx.credit.shortcode === shortcode;

/**
 * SPEC §8.1: a payment into the shortcode (STK or paybill), asked about by its receipt. The payer is unmasked; this
 * sandbox prints the `07…`/`01…` local form and the name in capitals (one of the captured forms), and the
 * organisation after two spaces, as in the captures. The times and the amount are JSON numbers.
 */
function collectionParams(sandbox: Sandbox, tx: Transaction): KeyValue[] {
  const { world } = sandbox;
  const payer = tx.debit.type === 'subscriber' ? tx.debit.msisdn : '';
  const payerName = world.subscribers.get(payer)?.name ?? '';
  const shortcode = tx.credit.type === 'org' ? tx.credit.shortcode : '';
  const time = Number(darajaTimestamp(tx.at));
  return [
    kv('DebitPartyName', `0${payer.slice(3)} - ${payerName.toUpperCase()}`),
    kv('CreditPartyName', `${shortcode} -  ${world.organisations.get(shortcode)?.name ?? ''}`),
    kv('OriginatorConversationID', tx.merchantRequestId),
    kv('InitiatedTime', time),
    kv('CreditPartyCharges', undefined),
    kv('DebitAccountType', 'MMF Account For Customer'),
    ...closingParams(tx, time),
  ];
}

/** SPEC §8: money sent by the organisation (B2C, reversals), or a payment asked about from the payer's side. */
function transferParams(sandbox: Sandbox, tx: Transaction): KeyValue[] {
  const { world } = sandbox;
  const time = darajaTimestamp(tx.at);
  return [
    kv('DebitPartyName', world.publicName(tx.debit)),
    kv('CreditPartyName', world.publicName(tx.credit)),
    kv('OriginatorConversationID', tx.originatorConversationId),
    kv('InitiatedTime', time),
    kv('DebitAccountType', tx.debit.type === 'subscriber' ? 'MMF Account' : 'Utility Account'),
    // The sandbox charges no fees, so there is nothing to print here.
    kv('DebitPartyCharges', undefined),
    ...closingParams(tx, time),
  ];
}

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  const initiator = field(body, 'Initiator', textSchema);
  const credential = field(body, 'SecurityCredential', textSchema);
  field(body, 'CommandID', z.literal('TransactionStatusQuery'));
  const receipt = field(body, 'TransactionID', receiptSchema.optional());
  const originalConversationId = field(body, 'OriginalConversationID', textSchema.optional(), 'TransactionID');
  if (!receipt && !originalConversationId) throw invalidField('TransactionID');
  const partyA = field(body, 'PartyA', numberish.pipe(z.string().regex(/^\d{5,12}$/)));
  const identifierType = field(body, 'IdentifierType', numberish.pipe(z.enum(['1', '2', '4'])));
  const resultUrl = field(body, 'ResultURL', urlSchema);
  const queueTimeoutUrl = field(body, 'QueueTimeOutURL', urlSchema);
  field(body, 'Remarks', remarksSchema);
  const occasion = field(body, 'Occasion', optionalText);
  const { world } = sandbox;
  const reference = kv('Occasion', occasion === null || occasion === undefined ? undefined : String(occasion));

  const find = (): Transaction | undefined => {
    const tx = receipt ? world.findReceipt(receipt) : world.findByOriginatorConversationId(originalConversationId ?? '');
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
      const isCollection = identifierType !== '1' && isPaymentInto(tx, partyA);
      return resultEnvelope({
        code: '0',
        originatorConversationId: job.originatorConversationId,
        conversationId: job.conversationId,
        // SPEC §8.1: a payment in is answered with the placeholder; its real receipt is the ReceiptNo parameter.
        transactionId: isCollection ? placeholderReceipt(new Date()) : tx.receipt,
        params: isCollection ? collectionParams(sandbox, tx) : transferParams(sandbox, tx),
        reference,
      });
    },
  };
  const reply = initiatorAck(job, 'Accept the service request successfully.');
  await dispatchInitiatorJob(sandbox, job);
  return reply;
}

export const statusRoute: DarajaRoute = { api: 'status', tokenError: '404', firstField: 'Initiator', handle };
