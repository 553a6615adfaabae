/**
 * Callback bodies shaped like SPEC's samples and quirks, for tests (SPEC §1.4, §3.4, §5.3, §6, §7, §8, §9.2).
 * Kept as JSON text where the wire form matters (`1.00`, repeated keys inside arrays).
 */

export const stkSuccessJson = `{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925",
"ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},
{"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}`;

export const stkCancelled = {
  Body: { stkCallback: { MerchantRequestID: 'f1e2-4b95-a71d-b30d3cdbb7a7942864', CheckoutRequestID: 'ws_CO_04072024151523730722724071', ResultCode: 1032, ResultDesc: 'Request cancelled by user' } },
};

/** A single Item object instead of an array, and a string ResultCode. */
export const stkSingleItem = {
  Body: { stkCallback: { MerchantRequestID: 'm1', CheckoutRequestID: 'c1', ResultCode: '0', ResultDesc: 'ok', CallbackMetadata: { Item: { Name: 'Amount', Value: 5 } } } },
};

export const b2cSuccess = {
  Result: {
    ResultType: 0,
    ResultCode: 0,
    ResultDesc: 'The service request is processed successfully.',
    OriginatorConversationID: '10571-7910404-1',
    ConversationID: 'AG_20191219_00004e48cf7e3533f581',
    TransactionID: 'NLJ41HAY6Q',
    ResultParameters: {
      ResultParameter: [
        { Key: 'TransactionAmount', Value: 10 },
        { Key: 'TransactionReceipt', Value: 'NLJ41HAY6Q' },
        { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
        { Key: 'B2CChargesPaidAccountAvailableFunds', Value: -4510.0 },
        { Key: 'ReceiverPartyPublicName', Value: '254708374149 - John Doe' },
        { Key: 'TransactionCompletedDateTime', Value: '19.12.2019 11:45:50' },
        { Key: 'B2CUtilityAccountAvailableFunds', Value: 10116.0 },
        { Key: 'B2CWorkingAccountAvailableFunds', Value: 900000.0 },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' } },
  },
};

/** Failure: string ResultType, placeholder TransactionID, no ResultParameters, unknown extra field. */
export const b2cFailure = {
  Result: {
    ResultType: '0',
    ResultCode: 2001,
    ResultDesc: 'The initiator information is invalid.',
    OriginatorConversationID: 'haven-b2c-0001',
    ConversationID: 'AG_20240706_20106e9209f64bebd05b',
    TransactionID: 'SG60000000',
    ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' } },
    SomethingNew: { nested: true },
  },
};

export const reversalSuccess = {
  Result: {
    ResultType: 0,
    ResultCode: 0,
    ResultDesc: 'The service request is processed successfully.',
    OriginatorConversationID: '8521-4298025-1',
    ConversationID: 'AG_20211114_00004636fb3ac56655df',
    TransactionID: 'SKE52PAWR9',
    ResultParameters: {
      ResultParameter: [
        { Key: 'DebitAccountBalance', Value: 'Utility Account|KES|7722179.62|7722179.62|0.00|0.00' },
        { Key: 'Amount', Value: 1.0 },
        { Key: 'TransCompletedTime', Value: 20211114132711 },
        { Key: 'OriginalTransactionID', Value: 'SKC82PACB8' },
        { Key: 'Charge', Value: 0.0 },
        { Key: 'CreditPartyPublicName', Value: '254705912645 - NICHOLAS JOHN SONGOK' },
        { Key: 'DebitPartyPublicName', Value: '600992 - Safaricom Daraja 992' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit' } },
  },
};

export const reversalInvalid = {
  Result: { ResultType: 0, ResultCode: 'R000002', ResultDesc: 'The OriginalTransactionID is invalid.', OriginatorConversationID: 'o-1', ConversationID: 'AG_20260101_0000aaaaaaaaaaaaaaaa', TransactionID: 'TA10000000' },
};

export const balanceSuccess = {
  Result: {
    ResultType: '0',
    ResultCode: 0,
    ResultDesc: 'The service request is processed successfully.',
    OriginatorConversationID: '16917-22577599-3',
    ConversationID: 'AG_20200206_00005e091a8ec6b9eac5',
    TransactionID: 'OA90000000',
    ResultParameters: {
      ResultParameter: [
        {
          Key: 'AccountBalance',
          Value: 'Working Account|KES|700000.00|700000.00|0.00|0.00&Float Account|KES|0.00|0.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00&Organization Settlement Account|KES|0.00|0.00|0.00|0.00',
        },
        { Key: 'BOCompletedTime', Value: '20200109125710' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit' } },
  },
};

/** 2017 form: number BOCompletedTime, single ResultParameter object. */
export const balance2017 = {
  Result: {
    ResultType: 0,
    ResultCode: 0,
    ResultDesc: 'The service request has been accepted successfully.',
    OriginatorConversationID: '19464-802673-1',
    ConversationID: 'AG_20170728_0000589b6252f7f25488',
    TransactionID: 'LGS0000000',
    ResultParameters: { ResultParameter: { Key: 'AccountBalance', Value: 'Working Account|KES|46713.00|46713.00|0.00|0.00' } },
    ReferenceData: { ReferenceItem: { Key: 'BOCompletedTime', Value: 20170728095642 } },
  },
};

/** 8006 failure that still carries parameters; ReferenceItem with a Key but no Value. */
export const balanceLocked = {
  Result: {
    ResultType: 0,
    ResultCode: 8006,
    ResultDesc: 'The security credential is locked.',
    OriginatorConversationID: 'a1b2-4c3d-8e9f-001122334455667',
    ConversationID: 'AG_20260920_0000aaaabbbbccccdddd',
    TransactionID: 'TI00000000',
    ResultParameters: {
      ResultParameter: [
        { Key: 'ActionType', Value: 'AccountBalance' },
        { Key: 'ErrorMsg', Value: 'API Password is locked. ' },
        { Key: 'BOCompletedTime', Value: '20260920101112' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL' } },
  },
};

/** Current docs: DebitPartyName twice, TransactionReason without Value, Occasion echoed in ReferenceItem. */
export const statusSuccessCurrent = {
  Result: {
    ResultType: 0,
    ResultCode: 0,
    ResultDesc: 'The service request is processed successfully.',
    OriginatorConversationID: '1236-7134259-1',
    ConversationID: 'AG_20210709_1234409f86436c583e3f',
    TransactionID: 'SEL0000000',
    ResultParameters: {
      ResultParameter: [
        { Key: 'DebitPartyName', Value: '600610 - Safaricom Daraja' },
        { Key: 'DebitPartyName', Value: '600610 - Safaricom Daraja (duplicate)' },
        { Key: 'CreditPartyName', Value: '254708374149 - John Doe' },
        { Key: 'OriginatorConversationID', Value: '3211-416020-3' },
        { Key: 'InitiatedTime', Value: '20210709160611' },
        { Key: 'DebitAccountType', Value: 'Utility Account' },
        { Key: 'DebitPartyCharges', Value: 'Fee For B2C Payment|KES|22.40' },
        { Key: 'TransactionReason' },
        { Key: 'ReasonType', Value: 'Business Payment to Customer via API' },
        { Key: 'TransactionStatus', Value: 'Completed' },
        { Key: 'FinalisedTime', Value: '20210709160612' },
        { Key: 'Amount', Value: 10.0 },
        { Key: 'ConversationID', Value: 'AG_20210709_12342c1e43b12c5d0d5c' },
        { Key: 'ReceiptNo', Value: 'PG91HIM3WL' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'Occasion', Value: 'deposit-refund-42' } },
  },
};

/** 2017 docs: keys with spaces and FinalizedTime, numeric times. */
export const status2017 = {
  Result: {
    ResultType: 0,
    ResultCode: 0,
    ResultDesc: 'The service request has been accepted successfully.',
    OriginatorConversationID: '10816-694520-2',
    ConversationID: 'AG_20170727_000059c52529a8e080bd',
    TransactionID: 'LGR0000000',
    ResultParameters: {
      ResultParameter: [
        { Key: 'ReceiptNo', Value: 'LGR919G2AV' },
        { Key: 'Conversation ID', Value: 'AG_20170727_00004492b1b6d0078fbe' },
        { Key: 'FinalizedTime', Value: 20170727101415 },
        { Key: 'Amount', Value: 10 },
        { Key: 'TransactionStatus', Value: 'Completed' },
        { Key: 'ReasonType', Value: 'Salary Payment via API' },
        { Key: 'TransactionReason' },
        { Key: 'DebitPartyCharges', Value: 'Fee For B2C Payment|KES|33.00' },
        { Key: 'DebitAccountType', Value: 'Utility Account' },
        { Key: 'InitiatedTime', Value: 20170727101415 },
        { Key: 'Originator Conversation ID', Value: '19455-773836-1' },
        { Key: 'CreditPartyName', Value: '254708374149 - John Doe' },
        { Key: 'DebitPartyName', Value: '600134 - Safaricom157' },
      ],
    },
    ReferenceData: { ReferenceItem: { Key: 'Occasion', Value: 'aaaa' } },
  },
};

export const statusNotFound = {
  Result: { ResultType: 0, ResultCode: 2032, ResultDesc: 'The transaction receipt number does not exist.', OriginatorConversationID: 'x-1', ConversationID: 'AG_20261001_0000ffffffffffffffff', TransactionID: 'TJ10000000' },
};

export const queueTimeoutModelled = {
  Result: { ResultType: 0, ResultCode: 1, ResultDesc: 'The request timed out in the queue (modelled)', OriginatorConversationID: 'haven-b2c-0002', ConversationID: 'AG_20261001_00001111222233334444' },
};

export const c2bConfirmationV2 = {
  TransactionType: 'Pay Bill',
  TransID: 'RKTQDM7W6S',
  TransTime: '20191122063845',
  TransAmount: '10',
  BusinessShortCode: '600638',
  BillRefNumber: 'HVN-A1-0042',
  InvoiceNumber: '',
  OrgAccountBalance: '49197.00',
  ThirdPartyTransID: '',
  MSISDN: '2547 ***** 126',
  FirstName: 'JOHN',
  MiddleName: '',
  LastName: '',
};

export const c2bValidation2017 = {
  TransactionType: '',
  TransID: 'LGR019G3J2',
  TransTime: 20170727104247,
  TransAmount: '5.00',
  BusinessShortCode: 600134,
  BillRefNumber: 'account',
  InvoiceNumber: '',
  OrgAccountBalance: '',
  ThirdPartyTransID: '',
  MSISDN: '254708374149',
  FirstName: 'John',
  MiddleName: 'J.',
  LastName: 'Doe',
};

export const c2bValidationV1Hashed = { ...c2bConfirmationV2, OrgAccountBalance: '', MSISDN: 'a'.repeat(64), ExtraField: 'kept' };
