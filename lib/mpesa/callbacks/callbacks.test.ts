import { describe, expect, it } from 'vitest';
import { DarajaCallbackError } from '../errors';
import * as f from './fixtures';
import {
  parseAccountBalanceResult,
  parseAccountBalanceString,
  parseB2cResult,
  parseC2bConfirmation,
  parseC2bValidation,
  parseQueueTimeout,
  parseResultEnvelope,
  parseReversalResult,
  parseStkCallback,
  parseTransactionStatusResult,
} from './index';

const eat = (iso: string) => new Date(`${iso}+03:00`);

describe('parseStkCallback', () => {
  it('reads a success from raw JSON text: 1.00 → 100 cents, valueless Balance, number date and phone', () => {
    const cb = parseStkCallback(f.stkSuccessJson);
    expect(cb).toMatchObject({
      merchantRequestId: '29115-34620561-1',
      checkoutRequestId: 'ws_CO_191220191020363925',
      resultCode: '0',
      amountCents: 100,
      mpesaReceiptNumber: 'NLJ7RT61SV',
      phoneNumber: '254708374149',
    });
    expect(cb.transactionDate).toEqual(eat('2019-12-19T10:21:15'));
    expect(cb.metadata.Balance).toBeNull();
  });

  it('reads a failure without CallbackMetadata and keeps the code as a string', () => {
    const cb = parseStkCallback(f.stkCancelled);
    expect(cb.resultCode).toBe('1032');
    expect(cb.amountCents).toBeUndefined();
    expect(cb.mpesaReceiptNumber).toBeUndefined();
  });

  it('accepts a single Item object and a string ResultCode', () => {
    const cb = parseStkCallback(f.stkSingleItem);
    expect(cb.resultCode).toBe('0');
    expect(cb.amountCents).toBe(500);
  });

  it('rejects bodies that are not an STK callback, naming the field', () => {
    expect(() => parseStkCallback({ Body: { stkCallback: { MerchantRequestID: 'x', ResultCode: 0 } } })).toThrow(/CheckoutRequestID/);
    expect(() => parseStkCallback(f.b2cSuccess)).toThrow(DarajaCallbackError);
    expect(() => parseStkCallback('not json')).toThrow(/not JSON/);
    expect(() => parseStkCallback([])).toThrow(/not a JSON object/);
  });
});

describe('parseB2cResult', () => {
  it('reads a success into cents, dates, name and phone', () => {
    const r = parseB2cResult(f.b2cSuccess);
    expect(r).toMatchObject({
      resultType: '0',
      resultCode: '0',
      originatorConversationId: '10571-7910404-1',
      conversationId: 'AG_20191219_00004e48cf7e3533f581',
      transactionId: 'NLJ41HAY6Q',
      amountCents: 1000,
      receiverPhone: '254708374149',
      receiverName: 'John Doe',
      utilityAccountAvailableCents: 1_011_600,
      workingAccountAvailableCents: 90_000_000,
      chargesPaidAccountAvailableCents: -451_000,
      recipientIsRegistered: true,
    });
    expect(r.completedAt).toEqual(eat('2019-12-19T11:45:50'));
    expect(r.referenceData.QueueTimeoutURL).toContain('b2cresults');
  });

  it('reads a failure with a string ResultType and no parameters, keeping unknown fields in raw', () => {
    const r = parseB2cResult(f.b2cFailure);
    expect(r).toMatchObject({ resultType: '0', resultCode: '2001', transactionId: 'SG60000000', parameters: {} });
    expect(r.amountCents).toBeUndefined();
    expect((r.raw as typeof f.b2cFailure).Result.SomethingNew).toEqual({ nested: true });
  });

  it('rejects a Result without conversation ids', () => {
    expect(() => parseB2cResult({ Result: { ResultCode: 0, ResultDesc: 'x' } })).toThrow(/Result\.OriginatorConversationID/);
  });
});

describe('parseReversalResult', () => {
  it('reads parameters, including the pipe-separated DebitAccountBalance and a number TransCompletedTime', () => {
    const r = parseReversalResult(f.reversalSuccess);
    expect(r).toMatchObject({ resultCode: '0', amountCents: 100, chargeCents: 0, originalTransactionId: 'SKC82PACB8' });
    expect(r.completedAt).toEqual(eat('2021-11-14T13:27:11'));
    expect(r.debitAccountBalance).toEqual([
      { name: 'Utility Account', currency: 'KES', currentCents: 772217962, availableCents: 772217962, reservedCents: 0, unclearedCents: 0 },
    ]);
  });

  it('keeps non-numeric codes', () => {
    expect(parseReversalResult(f.reversalInvalid).resultCode).toBe('R000002');
  });
});

describe('parseAccountBalanceResult', () => {
  it('turns the balance string into accounts', () => {
    const r = parseAccountBalanceResult(f.balanceSuccess);
    expect(r.accounts).toHaveLength(5);
    expect(r.accounts[2]).toEqual({ name: 'Utility Account', currency: 'KES', currentCents: 22_803_700, availableCents: 22_803_700, reservedCents: 0, unclearedCents: 0 });
    expect(r.accounts[3]?.currentCents).toBe(-154_000);
    expect(r.completedAt).toEqual(eat('2020-01-09T12:57:10'));
  });

  it('accepts the 2017 single-object parameter list', () => {
    const r = parseAccountBalanceResult(f.balance2017);
    expect(r.accounts).toEqual([{ name: 'Working Account', currency: 'KES', currentCents: 4_671_300, availableCents: 4_671_300, reservedCents: 0, unclearedCents: 0 }]);
  });

  it('reads an 8006 failure with ErrorMsg and a valueless ReferenceItem', () => {
    const r = parseAccountBalanceResult(f.balanceLocked);
    expect(r).toMatchObject({ resultCode: '8006', accounts: [], errorMessage: 'API Password is locked.' });
    expect(r.referenceData.QueueTimeoutURL).toBeNull();
  });

  it('rejects a success without a balance, or a garbled balance', () => {
    const noBalance = { Result: { ...f.balanceSuccess.Result, ResultParameters: { ResultParameter: { Key: 'BOCompletedTime', Value: 1 } } } };
    expect(() => parseAccountBalanceResult(noBalance)).toThrow(/no AccountBalance/);
    const garbled = { Result: { ...f.balanceSuccess.Result, ResultParameters: { ResultParameter: { Key: 'AccountBalance', Value: 'Working|KES|x' } } } };
    expect(() => parseAccountBalanceResult(garbled)).toThrow(/AccountBalance/);
  });

  it('parseAccountBalanceString ignores a trailing & and rejects non-amounts', () => {
    expect(parseAccountBalanceString('Utility Account|KES|10.50|10.50|0.00|1.00&')).toHaveLength(1);
    expect(() => parseAccountBalanceString('Utility Account|KES|ten|10|0|0')).toThrow(/name\|currency\|amounts/);
  });
});

describe('parseTransactionStatusResult', () => {
  it('reads the current sample: repeated DebitPartyName (first wins, all kept), valueless TransactionReason, Occasion', () => {
    const r = parseTransactionStatusResult(f.statusSuccessCurrent);
    expect(r).toMatchObject({
      receiptNo: 'PG91HIM3WL',
      amountCents: 1000,
      transactionStatus: 'Completed',
      debitPartyName: '600610 - Safaricom Daraja',
      transactionReason: undefined,
      queriedOriginatorConversationId: '3211-416020-3',
      queriedConversationId: 'AG_20210709_12342c1e43b12c5d0d5c',
      occasion: 'deposit-refund-42',
    });
    expect(r.parameterList.filter((p) => p.key === 'DebitPartyName')).toHaveLength(2);
    expect(r.finalisedAt).toEqual(eat('2021-07-09T16:06:12'));
  });

  it('reads the 2017 sample: keys with spaces, FinalizedTime, number times', () => {
    const r = parseTransactionStatusResult(f.status2017);
    expect(r).toMatchObject({ queriedConversationId: 'AG_20170727_00004492b1b6d0078fbe', queriedOriginatorConversationId: '19455-773836-1', receiptNo: 'LGR919G2AV' });
    expect(r.finalisedAt).toEqual(eat('2017-07-27T10:14:15'));
    expect(r.initiatedAt).toEqual(eat('2017-07-27T10:14:15'));
  });

  it('reads a 2032 failure', () => {
    expect(parseTransactionStatusResult(f.statusNotFound)).toMatchObject({ resultCode: '2032', receiptNo: undefined });
  });
});

describe('parseResultEnvelope', () => {
  it('tells which conversation and API a result belongs to', () => {
    expect(parseResultEnvelope(f.b2cSuccess)).toMatchObject({ kind: 'b2c', originatorConversationId: '10571-7910404-1' });
    expect(parseResultEnvelope(f.b2cFailure).kind).toBe('b2c');
    expect(parseResultEnvelope(f.reversalSuccess).kind).toBe('reversal');
    expect(parseResultEnvelope(f.balanceSuccess).kind).toBe('balance');
    expect(parseResultEnvelope(f.statusSuccessCurrent).kind).toBe('status');
    expect(parseResultEnvelope(f.statusNotFound).kind).toBe('unknown');
  });

  it('rejects an STK callback or a C2B body', () => {
    expect(() => parseResultEnvelope(f.stkCancelled)).toThrow(/Not a valid Daraja result: Result/);
    expect(() => parseResultEnvelope(f.c2bConfirmationV2)).toThrow(DarajaCallbackError);
  });
});

describe('parseQueueTimeout', () => {
  it('treats the modelled Result envelope as an unknown outcome carrying its ids', () => {
    expect(parseQueueTimeout(f.queueTimeoutModelled)).toMatchObject({ outcome: 'unknown', originatorConversationId: 'haven-b2c-0002', resultCode: '1' });
  });

  it('never throws, whatever arrives', () => {
    expect(parseQueueTimeout({ OriginatorConversationID: 'abc' })).toMatchObject({ outcome: 'unknown', originatorConversationId: 'abc' });
    expect(parseQueueTimeout('garbage')).toEqual({ outcome: 'unknown', raw: 'garbage' });
    expect(parseQueueTimeout(null)).toMatchObject({ outcome: 'unknown' });
  });
});

describe('C2B validation and confirmation', () => {
  it('reads a v2 confirmation: masked MSISDN, string amount, utility balance', () => {
    const c = parseC2bConfirmation(f.c2bConfirmationV2);
    expect(c).toMatchObject({ kind: 'confirmation', transId: 'RKTQDM7W6S', amountCents: 1000, billRefNumber: 'HVN-A1-0042', msisdnForm: 'masked', orgAccountBalanceCents: 4_919_700 });
    expect(c.transTime).toEqual(eat('2019-11-22T06:38:45'));
  });

  it('reads a 2017 validation: number TransTime and shortcode, plain MSISDN, "5.00"', () => {
    const v = parseC2bValidation(f.c2bValidation2017);
    expect(v).toMatchObject({ kind: 'validation', businessShortCode: '600134', amountCents: 500, msisdn: '254708374149', msisdnForm: 'plain', orgAccountBalanceCents: undefined });
  });

  it('recognises a v1 hashed MSISDN and keeps unknown fields', () => {
    const v = parseC2bValidation(f.c2bValidationV1Hashed);
    expect(v.msisdnForm).toBe('hashed');
    expect((v.raw as { ExtraField: string }).ExtraField).toBe('kept');
  });

  it('rejects bodies without a transaction, a time or an amount', () => {
    expect(() => parseC2bConfirmation({ ...f.c2bConfirmationV2, TransTime: 'yesterday' })).toThrow(/TransTime: not a Daraja time/);
    expect(() => parseC2bConfirmation({ ...f.c2bConfirmationV2, TransAmount: 'ten' })).toThrow(/TransAmount/);
    expect(() => parseC2bValidation(f.b2cSuccess)).toThrow(/TransID/);
  });
});
