import type { ZodType } from 'zod';
import { agencySettingsSchema, mpesaCredentialsSchema } from '@/lib/agency/agency-settings';
import { createTokenSchema } from '@/lib/api-tokens/token-input';
import { disputeResponseSchema, disputeSchema, refundRestSchema, withdrawDeductionSchema } from '@/lib/deposits/deposit-settlement';
import { meterReadingSchema, oneOffChargeSchema, recurringChargeSchema, waiveSchema } from '@/lib/leases/lease-charges';
import { createLeaseSchema, endLeaseSchema, noticeSchema, rentChangeSchema } from '@/lib/leases/lease-input';
import { manualPaymentSchema, voidPaymentSchema } from '@/lib/ledger/manual-payments';
import { rejectRequestSchema } from '@/lib/payments/approvals/decision-input';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { paymentLookupSchema } from '@/lib/payments/receipts/payment-lookup-input';
import { reversalRequestSchema } from '@/lib/payments/reversal/reversal-input';
import { registerPullSchema } from '@/lib/payments/statement/register-pull-input';
import { stkPushRequestSchema } from '@/lib/payments/stk/stk-push-input';
import { paymentTimelineSchema } from '@/lib/payments/timeline/timeline-schema';
import { replayCallbackResultSchema, replayCallbackSchema } from '@/lib/payments/log/replay-input';
import { addUnitsSchema, propertySchema, updateUnitSchema } from '@/lib/properties/property-input';
import { acceptInviteSchema, tenantSchema } from '@/lib/tenants/tenant-input';
import { unplacedActionSchema } from '@/lib/unmatched/unplaced-action-input';
import { createdTokenSchema, stkPushResponseSchema, stkStatusDetailedSchema, stkStatusSchema } from './response-schemas';

/**
 * Every `/api/v1` operation, for the OpenAPI document. Request bodies are the schemas the route handlers parse.
 * tests/api/openapi.test.ts fails when a route file on disk has no entry here (or an entry has no file).
 *
 * `access`: 'token' (a session or a token with the scope token-scopes.ts decides), 'session' (never a token),
 * 'public' (no caller) or 'callback' (Daraja, under a secret path).
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path: `{id}` for a route's `[id]`. */
  path: string;
  summary: string;
  tag: string;
  access: 'token' | 'session' | 'public' | 'callback';
  body?: ZodType;
  /** A body sent as multipart/form-data (files). */
  multipart?: boolean;
  response?: ZodType;
  /** Accepts `Idempotency-Key` (money-moving). */
  idempotent?: boolean;
  /** Not JSON: a PDF, CSV, a file or an event stream. */
  produces?: string;
}

const M = '/api/v1/mpesa';
const DARAJA = 'Daraja callbacks';

const callback = (path: string, summary: string): ApiOperation => ({ method: 'post', path: `${M}/${path}/{secret}`, summary, tag: DARAJA, access: 'callback' });

export const apiOperations: ApiOperation[] = [
  // The write-up's calls.
  { method: 'post', path: `${M}/stk-push`, summary: 'Ask a tenant to pay by M-Pesa (STK push)', tag: 'Collections', access: 'token', body: stkPushRequestSchema, response: stkPushResponseSchema, idempotent: true },
  { method: 'get', path: `${M}/status/{checkoutRequestId}`, summary: 'The status of a payment prompt (short)', tag: 'Collections', access: 'token', response: stkStatusSchema },
  { method: 'get', path: `${M}/status-detailed/{checkoutRequestId}`, summary: 'The status of a payment prompt with the message to show', tag: 'Collections', access: 'token', response: stkStatusDetailedSchema },
  { method: 'get', path: `${M}/events/{checkoutRequestId}`, summary: 'Status changes of a payment prompt as they happen', tag: 'Collections', access: 'token', produces: 'text/event-stream' },
  { method: 'post', path: `${M}/b2c`, summary: 'Send a payout or deposit refund (B2C)', tag: 'Payouts', access: 'token', body: payoutRequestSchema, idempotent: true },
  { method: 'get', path: `${M}/b2c`, summary: 'List payouts', tag: 'Payouts', access: 'token' },
  { method: 'get', path: `${M}/b2c/{id}`, summary: 'One payout', tag: 'Payouts', access: 'token' },
  { method: 'post', path: `${M}/payouts/{id}/approve`, summary: 'Approve a waiting payout or reversal (another admin)', tag: 'Payouts', access: 'token', idempotent: true },
  { method: 'post', path: `${M}/payouts/{id}/reject`, summary: 'Reject a waiting payout or reversal', tag: 'Payouts', access: 'token', body: rejectRequestSchema },
  { method: 'post', path: `${M}/payouts/{id}/withdraw`, summary: 'Withdraw your own payout or reversal while it waits for approval', tag: 'Payouts', access: 'token' },
  { method: 'post', path: `${M}/callbacks/{id}/replay`, summary: 'Replay a dead-letter callback through the inbox (admin, audited)', tag: 'Reconciliation', access: 'token', body: replayCallbackSchema, response: replayCallbackResultSchema },
  { method: 'post', path: `${M}/reverse`, summary: 'Reverse an M-Pesa payment', tag: 'Reversals', access: 'token', body: reversalRequestSchema, idempotent: true },
  { method: 'get', path: `${M}/reversal/{id}`, summary: 'One reversal', tag: 'Reversals', access: 'token' },
  { method: 'post', path: `${M}/balance`, summary: 'Check the M-Pesa account balance (answered by callback; poll /balance/latest)', tag: 'Balance', access: 'token', idempotent: true },
  { method: 'get', path: `${M}/balance`, summary: 'Balance check history', tag: 'Balance', access: 'token' },
  { method: 'get', path: `${M}/balance/latest`, summary: 'The latest balance and check', tag: 'Balance', access: 'token' },
  { method: 'get', path: `${M}/daily-proof/{day}`, summary: 'The daily proof: every receipt of a day and where it went', tag: 'Reconciliation', access: 'token', produces: 'text/csv' },
  { method: 'post', path: `${M}/statement/register`, summary: 'Register the paybill for M-Pesa statements (Pull)', tag: 'Reconciliation', access: 'token', body: registerPullSchema },
  { method: 'post', path: `${M}/statement/reconcile`, summary: 'Reconcile against M-Pesa statements now', tag: 'Reconciliation', access: 'token' },
  { method: 'get', path: `${M}/statement/runs`, summary: 'Statement reconciliation runs', tag: 'Reconciliation', access: 'token' },
  callback('callback', 'STK push result'),
  callback('b2c/result', 'B2C result'),
  callback('b2c/timeout', 'B2C queue timeout'),
  callback('reversal/result', 'Reversal result'),
  callback('reversal/timeout', 'Reversal queue timeout'),
  callback('balance/result', 'Account balance result'),
  callback('balance/timeout', 'Account balance queue timeout'),
  callback('transaction-status/result', 'Transaction status result'),
  callback('transaction-status/timeout', 'Transaction status queue timeout'),
  callback('c2b/confirmation', 'Paybill payment confirmation (C2B)'),
  callback('c2b/validation', 'Paybill payment validation (C2B)'),

  // Leases, payments and the rest of the agency's records.
  { method: 'post', path: '/api/v1/leases', summary: 'Create a lease', tag: 'Leases', access: 'token', body: createLeaseSchema },
  { method: 'post', path: '/api/v1/leases/{id}/activate', summary: 'Activate a lease', tag: 'Leases', access: 'token' },
  { method: 'post', path: '/api/v1/leases/{id}/charges', summary: 'Add a one-off charge', tag: 'Leases', access: 'token', body: oneOffChargeSchema },
  { method: 'post', path: '/api/v1/leases/{id}/recurring-charges', summary: 'Add a recurring or metered charge', tag: 'Leases', access: 'token', body: recurringChargeSchema },
  { method: 'post', path: '/api/v1/leases/{id}/rent-changes', summary: 'Change the rent from a month on', tag: 'Leases', access: 'token', body: rentChangeSchema },
  { method: 'post', path: '/api/v1/leases/{id}/notice', summary: 'Record notice to move out', tag: 'Leases', access: 'token', body: noticeSchema },
  { method: 'post', path: '/api/v1/leases/{id}/notice/withdraw', summary: 'Withdraw a notice', tag: 'Leases', access: 'token' },
  { method: 'post', path: '/api/v1/leases/{id}/end', summary: 'End a lease', tag: 'Leases', access: 'token', body: endLeaseSchema },
  { method: 'post', path: '/api/v1/leases/{id}/payments', summary: 'Record a payment made outside M-Pesa', tag: 'Payments', access: 'token', body: manualPaymentSchema },
  { method: 'post', path: '/api/v1/leases/{id}/deposit/deductions', summary: 'Deduct from the deposit (with evidence files)', tag: 'Deposits', access: 'token', multipart: true },
  { method: 'post', path: '/api/v1/leases/{id}/deposit/disputes', summary: 'Dispute deductions (tenant)', tag: 'Deposits', access: 'token', body: disputeSchema },
  { method: 'post', path: '/api/v1/leases/{id}/deposit/refund', summary: 'Refund the rest of the deposit by B2C', tag: 'Deposits', access: 'token', body: refundRestSchema, idempotent: true },
  { method: 'post', path: '/api/v1/deposit/deductions/{id}/withdraw', summary: 'Withdraw a deduction', tag: 'Deposits', access: 'token', body: withdrawDeductionSchema },
  { method: 'post', path: '/api/v1/deposit/disputes/{id}/respond', summary: 'Answer a dispute', tag: 'Deposits', access: 'token', body: disputeResponseSchema },
  { method: 'get', path: '/api/v1/deposit/evidence/{id}', summary: 'An evidence file', tag: 'Deposits', access: 'token', produces: 'application/octet-stream' },
  { method: 'post', path: '/api/v1/charges/{id}/waive', summary: 'Waive a charge', tag: 'Leases', access: 'token', body: waiveSchema },
  { method: 'post', path: '/api/v1/recurring-charges/{id}/readings', summary: 'Record a meter reading', tag: 'Leases', access: 'token', body: meterReadingSchema },
  { method: 'post', path: '/api/v1/payments/{id}/void', summary: 'Void a recorded payment', tag: 'Payments', access: 'token', body: voidPaymentSchema },
  { method: 'get', path: '/api/v1/payments/{id}/timeline', summary: 'Everything that happened to one payment: requests, callbacks, status queries, the books, reversals, who did what', tag: 'Payments', access: 'token', response: paymentTimelineSchema },
  { method: 'get', path: '/api/v1/payments/export', summary: 'Payments as CSV (the search page’s filters), streamed', tag: 'Payments', access: 'token', produces: 'text/csv' },
  { method: 'post', path: '/api/v1/payments/find', summary: 'Find my payment by its M-Pesa receipt (tenant)', tag: 'Payments', access: 'token', body: paymentLookupSchema },
  { method: 'get', path: '/api/v1/receipts/{id}/pdf', summary: 'A receipt as PDF', tag: 'Payments', access: 'token', produces: 'application/pdf' },
  { method: 'get', path: '/api/v1/statements/landlord/{id}', summary: 'A landlord statement', tag: 'Statements', access: 'token', produces: 'application/pdf' },
  { method: 'get', path: '/api/v1/statements/tenant/{id}', summary: 'A tenant statement', tag: 'Statements', access: 'token', produces: 'application/pdf' },
  { method: 'get', path: '/api/v1/unmatched', summary: 'Paybill payments that matched no lease', tag: 'Payments', access: 'token' },
  { method: 'post', path: '/api/v1/unmatched/{id}/actions', summary: 'Place, refund or set aside an unmatched payment', tag: 'Payments', access: 'token', body: unplacedActionSchema },
  { method: 'post', path: '/api/v1/properties', summary: 'Add a property', tag: 'Properties', access: 'token', body: propertySchema },
  { method: 'patch', path: '/api/v1/properties/{id}', summary: 'Edit a property', tag: 'Properties', access: 'token', body: propertySchema },
  { method: 'post', path: '/api/v1/properties/{id}/archive', summary: 'Archive a property', tag: 'Properties', access: 'token' },
  { method: 'post', path: '/api/v1/properties/{id}/units', summary: 'Add units', tag: 'Properties', access: 'token', body: addUnitsSchema },
  { method: 'patch', path: '/api/v1/units/{id}', summary: 'Edit a unit', tag: 'Properties', access: 'token', body: updateUnitSchema },
  { method: 'post', path: '/api/v1/tenants', summary: 'Add a tenant', tag: 'Tenants', access: 'token', body: tenantSchema },
  { method: 'patch', path: '/api/v1/tenants/{id}', summary: 'Edit a tenant', tag: 'Tenants', access: 'token', body: tenantSchema },
  { method: 'post', path: '/api/v1/tenants/{id}/invite', summary: 'Invite a tenant to set a password', tag: 'Tenants', access: 'token' },
  { method: 'post', path: '/api/v1/invites/accept', summary: 'Accept an invite and set a password', tag: 'Tenants', access: 'public', body: acceptInviteSchema },
  { method: 'put', path: '/api/v1/agency/settings', summary: 'Agency settings', tag: 'Agency', access: 'token', body: agencySettingsSchema },
  { method: 'put', path: '/api/v1/agency/mpesa-credentials', summary: 'The agency’s Daraja credentials', tag: 'Agency', access: 'token', body: mpesaCredentialsSchema },
  { method: 'post', path: '/api/v1/users/{id}/revoke-sessions', summary: 'Sign a person out everywhere', tag: 'Agency', access: 'token' },
  { method: 'get', path: '/api/v1/tokens', summary: 'Your API tokens', tag: 'API tokens', access: 'session' },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create an API token (the secret is shown once)', tag: 'API tokens', access: 'session', body: createTokenSchema, response: createdTokenSchema },
  { method: 'post', path: '/api/v1/tokens/{id}/revoke', summary: 'Revoke an API token', tag: 'API tokens', access: 'session' },
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', tag: 'Meta', access: 'public' },
];
