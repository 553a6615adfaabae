import { describe, expect, it } from 'vitest';
import { parsePartyMsisdn, parsePartyShortcode, parseTransactionStatusResult } from './transaction-status-result';

/** SPEC §8.1: Transaction Status for money received (STK and paybill payments), its 2025 production example. */
const example = {
  Result: {
    ResultType: 0, ResultCode: 0, ResultDesc: 'The service request is processed successfully.',
    OriginatorConversationID: '21dc-4436-8408-ee2f032ee36b9257921', ConversationID: 'AG_20250117_20305b55146d275e7daf',
    TransactionID: 'TAH0000000',
    ResultParameters: {
      ResultParameter: [
        { Key: 'DebitPartyName', Value: '0712345678 - JANE WANJIKU DOE' }, { Key: 'CreditPartyName', Value: '4123456 -  ACME LETTINGS LTD' },
        { Key: 'OriginatorConversationID', Value: '6b16-43f4-a9f6-8e81ad29eeab2987739' }, { Key: 'InitiatedTime', Value: 20250117170614 },
        { Key: 'CreditPartyCharges' }, { Key: 'DebitAccountType', Value: 'MMF Account For Customer' }, { Key: 'TransactionReason' },
        { Key: 'ReasonType', Value: 'Pay Bill Online' }, { Key: 'TransactionStatus', Value: 'Completed' },
        { Key: 'FinalisedTime', Value: 20250117170614 }, { Key: 'Amount', Value: 1.0 },
        { Key: 'ConversationID', Value: 'AG_20250117_20503343d9b604c7af7e' }, { Key: 'ReceiptNo', Value: 'TAH5J2K991' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'Occasion', Value: 'Query' } },
  },
};

describe('parseTransactionStatusResult for a payment in', () => {
  it('reads the SPEC §8.1 example: payer, credit shortcode, placeholder id, the query ids apart from the parameters', () => {
    const r = parseTransactionStatusResult(example);
    expect(r).toMatchObject({
      resultCode: '0',
      receiptNo: 'TAH5J2K991',
      amountCents: 100,
      reasonType: 'Pay Bill Online',
      transactionStatus: 'Completed',
      payerMsisdn: '254712345678',
      payerName: 'JANE WANJIKU DOE',
      creditShortcode: '4123456',
      creditPartyOrgName: 'ACME LETTINGS LTD',
      creditPartyCharges: undefined,
      transactionId: 'TAH0000000',
      transactionIdIsPlaceholder: true,
      occasion: 'Query',
      occasionEchoed: true,
      statusQuery: { originatorConversationId: '21dc-4436-8408-ee2f032ee36b9257921', conversationId: 'AG_20250117_20305b55146d275e7daf' },
      // The paid transaction's own ids (for STK, the push's MerchantRequestID) stay separate.
      queriedOriginatorConversationId: '6b16-43f4-a9f6-8e81ad29eeab2987739',
      queriedConversationId: 'AG_20250117_20503343d9b604c7af7e',
    });
    expect(r.initiatedAt?.toISOString()).toBe('2025-01-17T14:06:14.000Z');
    expect(r.finalisedAt?.getTime()).toBe(r.initiatedAt?.getTime());
    // The existing fields keep their meaning.
    expect(r.originatorConversationId).toBe('21dc-4436-8408-ee2f032ee36b9257921');
    expect(r.debitPartyName).toBe('0712345678 - JANE WANJIKU DOE');
  });

  it('tells a valueless Occasion (none sent) from an echoed one', () => {
    const none = structuredClone(example);
    none.Result.ReferenceData.ReferenceItem = { Key: 'Occasion' } as { Key: string; Value: string };
    const r = parseTransactionStatusResult(none);
    expect(r.occasion).toBeUndefined();
    expect(r.occasionEchoed).toBe(false);
    const b2c = parseTransactionStatusResult({ Result: { ...example.Result, TransactionID: 'TAH5J2K991', ReferenceData: undefined } });
    expect(b2c.transactionIdIsPlaceholder).toBe(false);
    expect(b2c.occasionEchoed).toBe(false);
  });
});

describe('party names', () => {
  it.each([
    ['0712345678 - JANE DOE', '254712345678', 'JANE DOE'],
    ['0110334455 - FAITH MUTUA', '254110334455', 'FAITH MUTUA'],
    ['254722123456 - Brian Otieno', '254722123456', 'Brian Otieno'],
    ['+254 712 345 678 -  JANE   DOE ', '254712345678', 'JANE DOE'],
    ['712345678 - X', '254712345678', 'X'],
  ])('%s → %s', (value, msisdn, name) => {
    expect(parsePartyMsisdn(value)).toEqual({ msisdn, name });
  });

  it('leaves a masked or missing number unset but keeps the name', () => {
    expect(parsePartyMsisdn('25472****108 - VICTOR **** NGURE')).toEqual({ name: 'VICTOR **** NGURE' });
    expect(parsePartyMsisdn(undefined)).toEqual({});
    expect(parsePartyMsisdn('Demo Properties')).toEqual({});
  });

  it('reads the credit shortcode with padding and double spaces', () => {
    expect(parsePartyShortcode('174379 -  Demo Properties')).toEqual({ shortcode: '174379', name: 'Demo Properties' });
    expect(parsePartyShortcode('  4123456 - ACME ')).toEqual({ shortcode: '4123456', name: 'ACME' });
    expect(parsePartyShortcode('254712345678 - Jane')).toEqual({});
  });
});
