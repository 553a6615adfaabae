import type { DarajaError } from './errors';

/**
 * Daraja's synchronous refusals of an STK push (SPEC §3.3), classified, with words a tenant can act on. Matching
 * the gateway message is unavoidable here: 500.001.1001 covers both "wrong credentials" and "a prompt is open".
 * Only for errors where nothing reached M-Pesa: an unknown outcome is never a refusal.
 */
export type StkPushRefusal = 'invalid-input' | 'prompt-open' | 'busy' | 'not-set-up' | 'other';

export interface DescribedRefusal {
  refusal: StkPushRefusal;
  message: string;
}

export function describeStkPushRefusal(error: DarajaError): DescribedRefusal {
  const text = `${error.errorCode ?? ''} ${error.message}`;
  if (error.kind === 'validation') return { refusal: 'invalid-input', message: error.message };
  if (/lock subscriber|already in process/i.test(text)) {
    return { refusal: 'prompt-open', message: 'You have an M-Pesa prompt open on that phone. Finish or cancel it (or wait a minute), then try again.' };
  }
  if (/Invalid (PhoneNumber|PartyA)/i.test(text)) return { refusal: 'invalid-input', message: 'M-Pesa says this phone number is invalid. Check it and try again.' };
  if (/Invalid Amount/i.test(text)) return { refusal: 'invalid-input', message: 'M-Pesa refused this amount. Use whole shillings between KES 1 and KES 250,000.' };
  if (error.errorCode?.startsWith('500.003') || /busy|spike arrest|quota/i.test(text) || error.httpStatus === 503 || error.httpStatus === 429) {
    return { refusal: 'busy', message: 'M-Pesa is busy right now. Nothing was charged; wait a minute and try again.' };
  }
  if (error.kind === 'auth' || /Merchant does not exist|Wrong credentials/i.test(text)) {
    return { refusal: 'not-set-up', message: 'M-Pesa payments are not set up correctly for this agency. Pay by paybill, and tell your agency.' };
  }
  return { refusal: 'other', message: 'M-Pesa could not send the prompt. Nothing was charged; try again in a minute or pay by paybill.' };
}
