import { z, type ZodObject, type ZodType } from 'zod';
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
import { leaseListQuerySchema, paymentListQuerySchema } from '../resources/list-query';
import {
  balanceCheckListSchema, balanceCheckResponseSchema, createdPayoutResponseSchema, leasePageSchema, leaseSchema, paymentPageSchema, paymentSchema,
  payoutListSchema, payoutResponseSchema, reversalListSchema, reversalResponseSchema,
} from './resource-schemas';
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
  /** The query string's schema (the one the handler parses). */
  query?: ZodObject;
  /** Kept working for old clients; the summary names the path to use instead. */
  deprecated?: boolean;
  /**
   * A request that runs as it is against the local sandbox and the demo data (tests/api/openapi-examples.spec.ts
   * sends each one with a real token). `<name>` in a value stands for an id the caller gets from another call
   * (e.g. `<payoutId>` from `POST /api/v1/payouts`).
   */
  example?: ApiExample;
}

export interface ApiExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** The status the example answers with. */
  status: number;
}

const M = '/api/v1/mpesa';
const DARAJA = 'Daraja callbacks';

const HOOKS = '/api/v1/hooks';

/**
 * A Daraja callback, at its path under /api/v1/hooks (what Haven registers: Safaricom refuses callback URLs that
 * contain "mpesa") and at the older /api/v1/mpesa path, kept for URLs registered before (C2B URLs are registered
 * once in production).
 */
const callback = (path: string, summary: string): ApiOperation[] => [
  { method: 'post', path: `${HOOKS}/${path}/{secret}`, summary, tag: DARAJA, access: 'callback' },
  { method: 'post', path: `${M}/${path}/{secret}`, summary: `${summary} (older path: register ${HOOKS}/${path} instead)`, tag: DARAJA, access: 'callback', deprecated: true },
];

export const apiOperations: ApiOperation[] = [
  // The write-up's calls.
  { method: 'post', path: `${M}/stk-push`, summary: 'Ask a tenant to pay by M-Pesa (STK push); the lease is found by `accountReference` when `leaseId` is not sent', tag: 'Collections', access: 'token', body: stkPushRequestSchema, response: stkPushResponseSchema, idempotent: true, example: { body: { phoneNumber: '254795112233', amount: 10, accountReference: 'WC-1' }, status: 201 } },
  { method: 'get', path: `${M}/status/{checkoutRequestId}`, summary: 'The status of a payment prompt (short)', tag: 'Collections', access: 'token', response: stkStatusSchema, example: { params: { checkoutRequestId: '<checkoutRequestId>' }, status: 200 } },
  { method: 'get', path: `${M}/status-detailed/{checkoutRequestId}`, summary: 'The status of a payment prompt with the message to show', tag: 'Collections', access: 'token', response: stkStatusDetailedSchema, example: { params: { checkoutRequestId: '<checkoutRequestId>' }, status: 200 } },
  { method: 'get', path: `${M}/events/{checkoutRequestId}`, summary: 'Status changes of a payment prompt as they happen', tag: 'Collections', access: 'token', produces: 'text/event-stream' },
  { method: 'post', path: `${M}/b2c`, summary: 'Send a payout or deposit refund (B2C); the same as POST /api/v1/payouts', tag: 'Payouts', access: 'token', body: payoutRequestSchema, response: createdPayoutResponseSchema, idempotent: true, example: { body: { phoneNumber: '254708374149', amount: 100, remarks: 'Caretaker December', occasion: 'Payout' }, status: 201 } },
  { method: 'get', path: `${M}/b2c`, summary: 'List payouts; the same as GET /api/v1/payouts', tag: 'Payouts', access: 'token', response: payoutListSchema, example: { status: 200 } },
  { method: 'get', path: `${M}/b2c/{id}`, summary: 'One payout; the same as GET /api/v1/payouts/{id}', tag: 'Payouts', access: 'token', response: payoutResponseSchema, example: { params: { id: '<payoutId>' }, status: 200 } },
  { method: 'post', path: `${M}/payouts/{id}/approve`, summary: 'Deprecated: approve a waiting payout or reversal. Use /api/v1/payouts/{id}/approve or /api/v1/reversals/{id}/approve', tag: 'Payouts', access: 'token', idempotent: true, deprecated: true },
  { method: 'post', path: `${M}/payouts/{id}/reject`, summary: 'Deprecated: reject a waiting payout or reversal. Use /api/v1/payouts/{id}/reject or /api/v1/reversals/{id}/reject', tag: 'Payouts', access: 'token', body: rejectRequestSchema, deprecated: true },
  { method: 'post', path: `${M}/payouts/{id}/withdraw`, summary: 'Deprecated: withdraw your waiting payout or reversal. Use /api/v1/payouts/{id}/withdraw or /api/v1/reversals/{id}/withdraw', tag: 'Payouts', access: 'token', deprecated: true },
  { method: 'post', path: `${M}/reverse`, summary: 'Reverse an M-Pesa payment; the same as POST /api/v1/reversals', tag: 'Reversals', access: 'token', body: reversalRequestSchema, response: reversalResponseSchema, idempotent: true, example: { body: { transactionId: '<receipt>', amount: 10, remarks: 'Paid twice' }, status: 201 } },
  { method: 'get', path: `${M}/reversal/{id}`, summary: 'One reversal; the same as GET /api/v1/reversals/{id}', tag: 'Reversals', access: 'token', response: reversalResponseSchema, example: { params: { id: '<reversalId>' }, status: 200 } },
  { method: 'post', path: `${M}/balance`, summary: 'Check the M-Pesa account balance (answered by callback; poll /balance/latest); the same as POST /api/v1/balance-checks', tag: 'Balance', access: 'token', response: balanceCheckResponseSchema, idempotent: true, example: { status: 202 } },
  { method: 'get', path: `${M}/balance`, summary: 'Balance check history', tag: 'Balance', access: 'token', example: { status: 200 } },
  { method: 'get', path: `${M}/balance/latest`, summary: 'The latest balance and check', tag: 'Balance', access: 'token', example: { status: 200 } },

  // REST resources: list and get, actions as sub-resources.
  { method: 'get', path: '/api/v1/payments', summary: 'Your payments, newest first, filtered (keyset pages: pass `next` back as `cursor`)', tag: 'Payments', access: 'token', query: paymentListQuerySchema, response: paymentPageSchema, example: { query: { method: 'mpesa_stk', limit: '5' }, status: 200 } },
  { method: 'get', path: '/api/v1/payments/{id}', summary: 'One payment', tag: 'Payments', access: 'token', response: z.object({ payment: paymentSchema }), example: { params: { id: '<paymentId>' }, status: 200 } },
  { method: 'get', path: '/api/v1/leases', summary: 'Your leases (keyset pages: pass `next` back as `cursor`)', tag: 'Leases', access: 'token', query: leaseListQuerySchema, response: leasePageSchema, example: { query: { status: 'active', limit: '10' }, status: 200 } },
  { method: 'get', path: '/api/v1/leases/{id}', summary: 'One lease', tag: 'Leases', access: 'token', response: z.object({ lease: leaseSchema }), example: { params: { id: '<leaseId>' }, status: 200 } },
  { method: 'get', path: '/api/v1/payouts', summary: 'The newest 50 payouts', tag: 'Payouts', access: 'token', response: payoutListSchema, example: { status: 200 } },
  { method: 'post', path: '/api/v1/payouts', summary: 'Send a payout or deposit refund (B2C)', tag: 'Payouts', access: 'token', body: payoutRequestSchema, response: createdPayoutResponseSchema, idempotent: true, example: { body: { phoneNumber: '254708374149', amount: 100, remarks: 'Caretaker December', occasion: 'Payout', requestApproval: true }, status: 201 } },
  { method: 'get', path: '/api/v1/payouts/{id}', summary: 'One payout', tag: 'Payouts', access: 'token', response: payoutResponseSchema, example: { params: { id: '<payoutId>' }, status: 200 } },
  { method: 'post', path: '/api/v1/payouts/{id}/approve', summary: 'Approve a payout waiting for a second admin (then it is sent)', tag: 'Payouts', access: 'token', idempotent: true, response: payoutResponseSchema, example: { params: { id: '<waitingPayoutId>' }, status: 200 } },
  { method: 'post', path: '/api/v1/payouts/{id}/reject', summary: 'Reject a payout waiting for approval (nothing is sent)', tag: 'Payouts', access: 'token', body: rejectRequestSchema, response: payoutResponseSchema, example: { params: { id: '<waitingPayoutId>' }, body: { reason: 'Not agreed with the landlord' }, status: 200 } },
  { method: 'post', path: '/api/v1/payouts/{id}/withdraw', summary: 'Withdraw your own payout while it waits for approval', tag: 'Payouts', access: 'token', response: payoutResponseSchema, example: { params: { id: '<ownWaitingPayoutId>' }, body: {}, status: 200 } },
  { method: 'get', path: '/api/v1/reversals', summary: 'The newest 50 reversals', tag: 'Reversals', access: 'token', response: reversalListSchema, example: { status: 200 } },
  { method: 'post', path: '/api/v1/reversals', summary: 'Reverse an M-Pesa payment (by its receipt)', tag: 'Reversals', access: 'token', body: reversalRequestSchema, response: reversalResponseSchema, idempotent: true, example: { body: { transactionId: '<receipt>', amount: 10, remarks: 'Paid twice' }, status: 201 } },
  { method: 'get', path: '/api/v1/reversals/{id}', summary: 'One reversal', tag: 'Reversals', access: 'token', response: reversalResponseSchema, example: { params: { id: '<reversalId>' }, status: 200 } },
  { method: 'post', path: '/api/v1/reversals/{id}/approve', summary: 'Approve a reversal waiting for a second admin (then it is sent)', tag: 'Reversals', access: 'token', idempotent: true, response: reversalResponseSchema, example: { params: { id: '<waitingReversalId>' }, status: 200 } },
  { method: 'post', path: '/api/v1/reversals/{id}/reject', summary: 'Reject a reversal waiting for approval (nothing is sent)', tag: 'Reversals', access: 'token', body: rejectRequestSchema, response: reversalResponseSchema, example: { params: { id: '<waitingReversalId>' }, body: { reason: 'The tenant paid the right account' }, status: 200 } },
  { method: 'post', path: '/api/v1/reversals/{id}/withdraw', summary: 'Withdraw your own reversal while it waits for approval', tag: 'Reversals', access: 'token', response: reversalResponseSchema, example: { params: { id: '<ownWaitingReversalId>' }, body: {}, status: 200 } },
  { method: 'get', path: '/api/v1/balance-checks', summary: 'The newest 30 balance checks', tag: 'Balance', access: 'token', response: balanceCheckListSchema, example: { status: 200 } },
  { method: 'post', path: '/api/v1/balance-checks', summary: 'Check the M-Pesa account balance (the result comes by callback: poll the check)', tag: 'Balance', access: 'token', response: balanceCheckResponseSchema, idempotent: true, example: { status: 202 } },
  { method: 'get', path: '/api/v1/balance-checks/{id}', summary: 'One balance check', tag: 'Balance', access: 'token', response: balanceCheckResponseSchema, example: { params: { id: '<balanceCheckId>' }, status: 200 } },
  { method: 'post', path: `${M}/callbacks/{id}/replay`, summary: 'Replay a dead-letter callback through the inbox (admin, audited)', tag: 'Reconciliation', access: 'token', body: replayCallbackSchema, response: replayCallbackResultSchema },
  { method: 'get', path: `${M}/daily-proof/{day}`, summary: 'The daily proof: every receipt of a day and where it went', tag: 'Reconciliation', access: 'token', produces: 'text/csv' },
  { method: 'post', path: `${M}/statement/register`, summary: 'Register the paybill for M-Pesa statements (Pull)', tag: 'Reconciliation', access: 'token', body: registerPullSchema },
  { method: 'post', path: `${M}/statement/reconcile`, summary: 'Reconcile against M-Pesa statements now', tag: 'Reconciliation', access: 'token' },
  { method: 'get', path: `${M}/statement/runs`, summary: 'Statement reconciliation runs', tag: 'Reconciliation', access: 'token' },
  ...callback('callback', 'STK push result'),
  ...callback('b2c/result', 'B2C result'),
  ...callback('b2c/timeout', 'B2C queue timeout'),
  ...callback('reversal/result', 'Reversal result'),
  ...callback('reversal/timeout', 'Reversal queue timeout'),
  ...callback('balance/result', 'Account balance result'),
  ...callback('balance/timeout', 'Account balance queue timeout'),
  ...callback('transaction-status/result', 'Transaction status result'),
  ...callback('transaction-status/timeout', 'Transaction status queue timeout'),
  ...callback('c2b/confirmation', 'Paybill payment confirmation (C2B)'),
  ...callback('c2b/validation', 'Paybill payment validation (C2B)'),

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
