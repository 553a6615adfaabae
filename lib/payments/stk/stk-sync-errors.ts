import { DarajaError } from '@/lib/mpesa/errors';
import type { ErrorCode } from '@/lib/errors';

/**
 * Daraja's synchronous refusals of an STK push (SPEC §3.3), in words a tenant can act on. Matching the gateway
 * message is unavoidable here: 500.001.1001 covers both "wrong credentials" and "another prompt is open".
 */
export interface SyncFailure {
  code: ErrorCode;
  message: string;
}

export function describeStkPushError(error: DarajaError): SyncFailure {
  const text = `${error.errorCode ?? ''} ${error.message}`;
  if (error.kind === 'validation') return { code: 'invalid_request', message: error.message };
  if (/lock subscriber|already in process/i.test(text)) {
    return { code: 'conflict', message: 'Another M-Pesa prompt is already open on that phone. Close it or wait a minute, then try again.' };
  }
  if (/Invalid (PhoneNumber|PartyA)/i.test(text)) {
    return { code: 'invalid_request', message: 'M-Pesa says this phone number is invalid. Check it and try again.' };
  }
  if (/Invalid Amount/i.test(text)) return { code: 'invalid_request', message: 'M-Pesa refused this amount. Use whole shillings between KES 1 and KES 250,000.' };
  if (error.errorCode?.startsWith('500.003') || /busy|spike arrest|quota/i.test(text) || error.httpStatus === 503 || error.httpStatus === 429) {
    return { code: 'payment_provider_busy', message: 'M-Pesa is busy right now. Nothing was charged; wait a minute and try again.' };
  }
  if (error.kind === 'auth' || /Merchant does not exist|Wrong credentials/i.test(text)) {
    return { code: 'payment_provider_error', message: 'M-Pesa payments are not set up correctly for this agency. Pay by paybill, and tell your agency.' };
  }
  return { code: 'payment_provider_error', message: 'M-Pesa could not send the prompt. Nothing was charged; try again in a minute or pay by paybill.' };
}
