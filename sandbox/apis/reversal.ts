import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, optionalText, receiptSchema, remarksSchema, shortcodeSchema, textSchema, urlSchema, wholeAmountSchema } from '../fields';
import { conversationId, gatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { REFERENCE_URLS, resultEnvelope } from '../result-envelope';
import { darajaTimestamp } from '../time';
import { formatCents, money } from '../wire-json';
import { reversedSms } from '../world/sms';
import { checkInitiator, dispatchInitiatorJob, failureEnvelope, initiatorAck, type InitiatorJob } from './initiator';

const identifierTypeSchema = z.union([z.string(), z.number()]).transform(String).pipe(z.enum(['11', '4']));

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  const initiator = field(body, 'Initiator', textSchema);
  const credential = field(body, 'SecurityCredential', textSchema);
  field(body, 'CommandID', z.literal('TransactionReversal'));
  const receipt = field(body, 'TransactionID', receiptSchema);
  const amount = field(body, 'Amount', wholeAmountSchema);
  const receiverParty = field(body, 'ReceiverParty', shortcodeSchema);
  // Misspelt on the wire, and Daraja expects the misspelling (SPEC §6).
  field(body, 'RecieverIdentifierType', identifierTypeSchema);
  const resultUrl = field(body, 'ResultURL', urlSchema);
  const queueTimeoutUrl = field(body, 'QueueTimeOutURL', urlSchema);
  field(body, 'Remarks', remarksSchema);
  field(body, 'Occasion', optionalText);

  const { world } = sandbox;
  const original = world.findReceipt(receipt);
  const cents = amount * 100;
  const job: InitiatorJob = {
    api: 'reversal',
    originatorConversationId: gatewayId(),
    conversationId: conversationId(new Date()),
    resultUrl,
    queueTimeoutUrl,
    credentialCode: checkInitiator(sandbox, initiator, credential, receiverParty),
    subject: { api: 'reversal', amount, phone: original?.debit.type === 'subscriber' ? original.debit.msisdn : undefined },
    failure: (code, desc) => failureEnvelope(job, { code, desc, reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.reversal } }),
    run: () => {
      const now = new Date();
      const tx = world.findReceipt(receipt);
      // Only customer payments into this shortcode can be reversed; B2C payouts cannot (SPEC §6).
      const reversible =
        tx && tx.kind !== 'reversal' && tx.kind !== 'b2c' && tx.credit.type === 'org' && tx.credit.shortcode === receiverParty && tx.debit.type === 'subscriber';
      if (!tx || !reversible || tx.amountCents !== cents) return job.failure('R000002');
      if (tx.reversedBy) return job.failure('R000001');
      if (world.balanceOf(tx.credit) < cents) return job.failure('1');
      const rev = world.move('reversal', tx.credit, tx.debit, cents, now, {
        reason: 'Reversal',
        originalReceipt: tx.receipt,
        originatorConversationId: job.originatorConversationId,
        conversationId: job.conversationId,
      });
      tx.reversedBy = rev.receipt;
      const customer = tx.debit.type === 'subscriber' ? world.subscribers.get(tx.debit.msisdn) : undefined;
      if (customer) {
        world.sendSms(customer.msisdn, reversedSms({ receipt: rev.receipt, originalReceipt: tx.receipt, amountCents: cents, at: now, balanceCents: customer.balanceCents }), now);
      }
      const utility = formatCents(world.balanceOf(tx.credit));
      return resultEnvelope({
        code: '0',
        originatorConversationId: job.originatorConversationId,
        conversationId: job.conversationId,
        transactionId: rev.receipt,
        params: [
          { Key: 'DebitAccountBalance', Value: `Utility Account|KES|${utility}|${utility}|0.00|0.00` },
          { Key: 'Amount', Value: money(cents) },
          { Key: 'TransCompletedTime', Value: Number(darajaTimestamp(now)) },
          { Key: 'OriginalTransactionID', Value: tx.receipt },
          { Key: 'Charge', Value: money(0) },
          { Key: 'CreditPartyPublicName', Value: world.publicName(tx.debit) },
          { Key: 'DebitPartyPublicName', Value: world.publicName(tx.credit) },
        ],
        reference: { Key: 'QueueTimeoutURL', Value: REFERENCE_URLS.reversal },
      });
    },
  };
  const reply = initiatorAck(job, 'Accept the service request successfully.');
  await dispatchInitiatorJob(sandbox, job);
  return reply;
}

/** SPEC §1.1: Daraja's FAQ names RecieverIdentifierType when the Content-Type is missing. */
export const reversalRoute: DarajaRoute = { api: 'reversal', tokenError: '404', firstField: 'RecieverIdentifierType', handle };
