/** ResultDesc texts as SPEC §3.5, §5.4, §6 and §8 print them. Clients switch on the code only. */
export const STK_RESULT_DESC: Record<string, string> = {
  '0': 'The service request is processed successfully.',
  '1': 'The balance is insufficient for the transaction.',
  '2': 'Declined due to limit rule.',
  '3': 'Declined due to limit rule: greater than the maximum transaction amount.',
  '4': 'Declined due to limit rule: would exceed daily transfer limit',
  '8': 'Declined due to limit rule: would exceed the maximum balance.',
  '17': 'Rule limited.',
  '26': 'System busy. The service request is rejected.',
  '1001': 'Unable to lock subscriber, a transaction is already in process for the current subscriber',
  '1019': 'Transaction has expired.',
  '1025': 'An error occurred while sending a push request.',
  '1031': 'Request cancelled by user',
  '1032': 'Request cancelled by user',
  '1037': 'No response from user.',
  '2001': 'The initiator information is invalid.',
  '2028': 'The request is not permitted according to product assignment.',
  '8006': 'The security credential is locked.',
  '9999': 'Error while sending push request',
  SFC_IC0003: 'The operator does not exist.',
  E3008: 'Error, the user has a bad debt contract.',
};

/** SPEC §3.4: the query can word the same code differently from the callback. */
export const STK_QUERY_DESC: Record<string, string> = {
  '1032': 'Request Cancelled by user.',
  '1037': 'DS timeout user cannot be reached',
};

export const INITIATOR_RESULT_DESC: Record<string, string> = {
  '0': 'The service request is processed successfully.',
  '1': 'The balance is insufficient for the transaction.',
  '2': 'Declined due to limit rule: less than the minimum transaction amount.',
  '3': 'Declined due to limit rule: greater than the maximum transaction amount.',
  '4': 'Declined due to limit rule: would exceed daily transfer limit',
  '8': 'Declined due to limit rule: would exceed the maximum balance.',
  '11': 'The DebitParty is in an invalid state.',
  '15': 'Duplicate Detected',
  '17': 'Internal Failure',
  '18': 'Initiator Credential Check Failure',
  '20': 'Unresolved Initiator',
  '21': 'The initiator is not allowed to initiate this request',
  '24': 'Missing mandatory fields',
  '25': 'The format of parameter null is invalid.',
  '26': 'Traffic blocking condition in place',
  '2001': 'The initiator information is invalid.',
  '2006': 'Declined due to account rule: The account status does not allow this transaction.',
  '2028': 'The request is not permitted according to product assignment.',
  '2032': 'The transaction receipt number does not exist.',
  '2040': "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service.",
  '8006': 'The security credential is locked',
  SFC_IC0003: 'The operator does not exist.',
  R000001: 'The transaction has already been reversed',
  R000002: 'The OriginalTransactionID is invalid.',
};

export const stkDesc = (code: string): string => STK_RESULT_DESC[code] ?? `Result ${code}`;
export const initiatorDesc = (code: string): string => INITIATOR_RESULT_DESC[code] ?? `Result ${code}`;

/** Numeric codes travel as JSON numbers in callbacks; `E3008`, `R000002` and the like stay strings. */
export const wireResultCode = (code: string): number | string => (/^\d+$/.test(code) ? Number(code) : code);
