import { stkDesc, wireResultCode } from '../result-codes';
import { darajaTimestamp } from '../time';
import { money } from '../wire-json';
import type { StkSession } from './session';

/** SPEC §3.4, item order as in every sample; `Balance` keeps its empty, valueless form. */
export function stkCallbackBody(session: StkSession, completedAt: Date): unknown {
  const code = session.resultCode ?? '1037';
  const header = {
    MerchantRequestID: session.merchantRequestId,
    CheckoutRequestID: session.checkoutRequestId,
    ResultCode: wireResultCode(code),
    ResultDesc: session.resultDesc ?? stkDesc(code),
  };
  if (code !== '0' || !session.receipt) return { Body: { stkCallback: header } };
  return {
    Body: {
      stkCallback: {
        ...header,
        CallbackMetadata: {
          Item: [
            { Name: 'Amount', Value: money(session.amountCents) },
            { Name: 'MpesaReceiptNumber', Value: session.receipt },
            { Name: 'Balance' },
            { Name: 'TransactionDate', Value: Number(darajaTimestamp(completedAt)) },
            { Name: 'PhoneNumber', Value: Number(session.phone) },
          ],
        },
      },
    },
  };
}
