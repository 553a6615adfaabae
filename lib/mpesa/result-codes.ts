/**
 * What a Daraja ResultCode means for a person (SPEC §3.5, §4, §5.4, §6, §7, §8, §9.3). Client-safe: the UI imports it.
 * ResultDesc wording drifts over time, so callers switch on the code only; the desc is shown just for codes we
 * do not know.
 */

export type ResultApi = 'stk' | 'b2c' | 'reversal' | 'balance' | 'status' | 'c2b';
export type ResultStatus = 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'TIMEOUT' | 'PENDING';
export type ResultIcon = 'check' | 'cross' | 'cancel' | 'clock' | 'hourglass' | 'warning';

export interface ResultDescription {
  status: ResultStatus;
  message: string;
  action: string;
  icon: ResultIcon;
}

type Entry = [ResultStatus, string, string];

const ICONS: Record<ResultStatus, ResultIcon> = { SUCCESS: 'check', FAILED: 'cross', CANCELLED: 'cancel', TIMEOUT: 'clock', PENDING: 'hourglass' };

const CONTACT = 'Contact your agency if this keeps happening.';
const FIX_SETUP = 'The agency must fix its M-Pesa API setup with Safaricom.';

// Codes every initiator API (B2C, reversal, balance, status) can return (SPEC §5.4, §6, §8).
const INITIATOR: Record<string, Entry> = {
  '0': ['SUCCESS', 'Request completed successfully', 'Nothing more to do.'],
  '1': ['FAILED', 'Insufficient funds in M-Pesa account', 'Top up the paybill utility account, then try again.'],
  '11': ['FAILED', 'The paying M-Pesa account is not active', FIX_SETUP],
  '15': ['FAILED', 'Duplicate request detected', 'Check the history before trying again: it may already have gone through.'],
  '17': ['FAILED', 'M-Pesa had an internal failure', 'Wait a few minutes and try again.'],
  '18': ['FAILED', 'M-Pesa API credentials were rejected', FIX_SETUP],
  '20': ['FAILED', 'M-Pesa API user not recognised', FIX_SETUP],
  '21': ['FAILED', 'M-Pesa API user is not allowed to do this', FIX_SETUP],
  '24': ['FAILED', 'Invalid payment request: fields missing', CONTACT],
  '25': ['FAILED', 'Invalid payment request: a value was rejected', CONTACT],
  '26': ['FAILED', 'M-Pesa is busy right now', 'Wait a few minutes and try again.'],
  '2001': ['FAILED', 'Invalid payment request: the M-Pesa API password or certificate was rejected', FIX_SETUP],
  '2006': ['FAILED', 'The account status does not allow this transaction', CONTACT],
  '2028': ['FAILED', 'This M-Pesa account is not allowed to make this kind of transaction', FIX_SETUP],
  '8006': ['FAILED', 'The M-Pesa API password is locked after failed attempts', 'The agency must reset the API password on the M-Pesa portal.'],
  SFC_IC0003: ['FAILED', 'Invalid phone number or account', 'Check the number and try again.'],
};

const STK: Record<string, Entry> = {
  '0': ['SUCCESS', 'Payment completed successfully', 'Your receipt is ready.'],
  '1': ['FAILED', 'Insufficient funds in M-Pesa account', 'Top up your M-Pesa, then try again.'],
  '2': ['FAILED', 'Amount is below the M-Pesa minimum', 'Pay at least KES 1.'],
  '3': ['FAILED', 'Amount is above the M-Pesa maximum per transaction', 'Pay in smaller parts.'],
  '4': ['FAILED', 'This would exceed your daily M-Pesa limit', 'Try again tomorrow or pay a smaller amount.'],
  '8': ['FAILED', 'This would exceed the maximum M-Pesa balance', CONTACT],
  '17': ['FAILED', 'Same amount paid very recently', 'Wait two minutes before paying the same amount again.'],
  '26': ['FAILED', 'M-Pesa is busy right now', 'Wait a few minutes and try again.'],
  '1001': ['FAILED', 'Invalid phone number, or another M-Pesa prompt is already open on that phone', 'Close any open M-Pesa prompt, wait a minute, check the number and try again.'],
  '1019': ['TIMEOUT', 'Transaction expired', 'Try again and enter your PIN when the prompt appears.'],
  '1025': ['FAILED', 'M-Pesa could not send the payment prompt', 'Try again; use a shorter account reference if it keeps failing.'],
  '1031': ['CANCELLED', 'Payment cancelled by user', 'Try again when you are ready to pay.'],
  '1032': ['CANCELLED', 'Payment cancelled by user', 'Try again when you are ready to pay.'],
  '1037': ['TIMEOUT', 'Payment request timed out', 'Keep your phone on and unlocked, then try again.'],
  '2001': ['FAILED', 'Invalid payment request: wrong M-Pesa PIN entered', 'Try again and enter the correct M-Pesa PIN.'],
  '2028': ['FAILED', 'This paybill cannot take this kind of payment', CONTACT],
  '8006': ['FAILED', 'Your M-Pesa PIN is locked', 'Unlock your M-Pesa PIN with Safaricom, then try again.'],
  '9999': ['FAILED', 'M-Pesa could not send the payment prompt', 'Wait a minute and try again.'],
  SFC_IC0003: ['FAILED', 'This paybill is not set up correctly', CONTACT],
  E3008: ['FAILED', 'M-Pesa declined this line (bad debt contract)', 'Pay from another M-Pesa number.'],
  '4999': ['PENDING', 'Waiting for you to enter your M-Pesa PIN', 'Check your phone for the M-Pesa prompt.'],
  // Legacy "still processing" answer of the STK query (HTTP 500 envelope, SPEC §4).
  '500.001.1001': ['PENDING', 'Waiting for you to enter your M-Pesa PIN', 'Check your phone for the M-Pesa prompt.'],
};

const B2C: Record<string, Entry> = {
  ...INITIATOR,
  '0': ['SUCCESS', 'Payment completed successfully', 'The money is on the recipient’s M-Pesa.'],
  '2': ['FAILED', 'Amount is below the M-Pesa minimum for payouts', 'Send at least KES 10.'],
  '3': ['FAILED', 'Amount is above the M-Pesa maximum per transaction', 'Send it in smaller parts.'],
  '4': ['FAILED', 'This would exceed the recipient’s daily M-Pesa limit', 'Try again tomorrow.'],
  '5': ['FAILED', 'This would take the account below its minimum balance', 'Top up the paybill utility account.'],
  '6': ['FAILED', 'The paying account could not be found', FIX_SETUP],
  '7': ['FAILED', 'Invalid phone number: the recipient could not be found', 'Check the number and try again.'],
  '8': ['FAILED', 'This would exceed the recipient’s maximum M-Pesa balance', 'Ask the recipient to use another number.'],
  '12': ['FAILED', 'The receiving account is invalid', 'Check the number and try again.'],
  '13': ['FAILED', 'The paying account is invalid', FIX_SETUP],
  '14': ['FAILED', 'The receiving account could not be found', 'Check the number and try again.'],
  '2040': ['FAILED', 'The recipient is not a registered M-Pesa customer', 'Use a number registered for M-Pesa.'],
};

const REVERSAL: Record<string, Entry> = {
  ...INITIATOR,
  '0': ['SUCCESS', 'Payment reversed successfully', 'The money is back with the payer.'],
  '1': ['FAILED', 'Insufficient funds to reverse this payment', 'The recipient may have spent it; contact Safaricom.'],
  R000001: ['FAILED', 'This payment has already been reversed', 'Nothing more to do.'],
  R000002: ['FAILED', 'Invalid M-Pesa receipt number', 'Check the receipt number and try again.'],
};

const BALANCE: Record<string, Entry> = { ...INITIATOR, '0': ['SUCCESS', 'Balance retrieved', 'Nothing more to do.'] };

const STATUS: Record<string, Entry> = {
  ...INITIATOR,
  '0': ['SUCCESS', 'Transaction found', 'See its status below.'],
  '2032': ['FAILED', 'No transaction with that receipt number', 'Check the receipt number.'],
  '25': ['FAILED', 'Invalid status query', 'Check the receipt or conversation id.'],
};

const C2B: Record<string, Entry> = {
  '0': ['SUCCESS', 'Payment accepted', 'Nothing more to do.'],
  C2B00011: ['FAILED', 'Invalid phone number', 'Pay from a registered M-Pesa number.'],
  C2B00012: ['FAILED', 'Invalid account number', 'Use the account number on your lease.'],
  C2B00013: ['FAILED', 'Invalid amount', 'Check the amount and pay again.'],
  C2B00014: ['FAILED', 'Invalid customer details', CONTACT],
  C2B00015: ['FAILED', 'Invalid paybill number', 'Check the paybill number.'],
  C2B00016: ['FAILED', 'Payment could not be accepted', CONTACT],
};

const CATALOGUE: Record<ResultApi, Record<string, Entry>> = { stk: STK, b2c: B2C, reversal: REVERSAL, balance: BALANCE, status: STATUS, c2b: C2B };

/** Every code the catalogue knows for an API (for tests and admin screens). */
export function listResultCodes(api: ResultApi): string[] {
  return Object.keys(CATALOGUE[api]);
}

/** Describes a ResultCode for a person. Unknown codes are FAILED, with Daraja's ResultDesc shown when given. */
export function describeResult({ api, code, resultDesc }: { api: ResultApi; code: string | number; resultDesc?: string | null }): ResultDescription {
  const key = String(code).trim();
  const entry = Object.hasOwn(CATALOGUE[api], key) ? CATALOGUE[api][key] : undefined;
  if (entry) {
    const [status, message, action] = entry;
    return { status, message, action, icon: ICONS[status] };
  }
  const desc = resultDesc?.trim();
  return {
    status: 'FAILED',
    message: desc ? `M-Pesa said: ${desc}` : `M-Pesa returned an unrecognised result (code ${key})`,
    action: CONTACT,
    icon: 'warning',
  };
}
