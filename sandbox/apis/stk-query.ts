import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, shortcodeSchema, textSchema } from '../fields';
import { gatewayError, invalidField, jsonReply } from '../http';
import type { DarajaRoute } from '../pipeline';
import { STK_QUERY_DESC } from '../result-codes';
import { checkMerchant } from '../stk/merchant';
import { timestampSchema } from './stk';

async function handle(sandbox: Sandbox, body: Record<string, unknown>) {
  const shortcode = field(body, 'BusinessShortCode', shortcodeSchema);
  const password = field(body, 'Password', textSchema);
  const timestamp = field(body, 'Timestamp', timestampSchema);
  const checkoutRequestId = field(body, 'CheckoutRequestID', z.string().min(1));
  checkMerchant(sandbox, shortcode, password, timestamp);
  const session = sandbox.stkSessions.get(checkoutRequestId);
  if (!session || session.businessShortCode !== shortcode) throw invalidField('CheckoutRequestID');

  const responseDescription = `The service request has been accepted ${sandbox.config.queryResponseDescriptionSpelling}`;
  if (session.status === 'pending') {
    if (sandbox.config.stkQueryPendingMode === 'legacy-500') {
      // The legacy answer reused the CheckoutRequestID as requestId (SPEC §1.2).
      return gatewayError('500.001.1001', 'The transaction is being processed', checkoutRequestId);
    }
    return jsonReply(200, {
      ResponseCode: '0',
      ResponseDescription: responseDescription,
      MerchantRequestID: session.merchantRequestId,
      CheckoutRequestID: session.checkoutRequestId,
      ResultCode: '4999',
      ResultDesc: 'The transaction is still under processing',
    });
  }
  const code = session.resultCode ?? '1037';
  // Every value is a string here, ResultCode included, unlike the callback (SPEC §1.4).
  return jsonReply(200, {
    ResponseCode: '0',
    ResponseDescription: responseDescription,
    MerchantRequestID: session.merchantRequestId,
    CheckoutRequestID: session.checkoutRequestId,
    ResultCode: code,
    ResultDesc: STK_QUERY_DESC[code] ?? session.resultDesc ?? '',
  });
}

export const stkQueryRoute: DarajaRoute = { api: 'stk-query', tokenError: '404', firstField: 'BusinessShortCode', handle };
