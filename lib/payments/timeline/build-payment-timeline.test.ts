import { describe, expect, it } from 'vitest';
import type { PaymentTimelineRows } from '@/db/queries/payment-timeline';
import { buildPaymentTimeline } from './build-payment-timeline';
import { paymentTimelineSchema } from './timeline-schema';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 9, minute));

const stkBody = JSON.stringify({
  Body: {
    stkCallback: {
      MerchantRequestID: 'm-1', CheckoutRequestID: 'ws_CO_1', ResultCode: 0, ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: { Item: [{ Name: 'Amount', Value: 1500 }, { Name: 'MpesaReceiptNumber', Value: 'UAB1234567' }, { Name: 'PhoneNumber', Value: 254712345678 }] },
    },
  },
});

/** An STK payment: pushed by the tenant, acknowledged, called back, credited and allocated, then a reversal asked. */
function rows(overrides: Partial<PaymentTimelineRows> = {}): PaymentTimelineRows {
  const base = {
    payment: {
      id: 'pay-1', agencyId: 'ag-1', leaseId: 'lease-1', amountCents: 150_000, method: 'mpesa_stk', status: 'completed', receipt: 'UAB1234567', pushId: 'push-1',
      payerPhone: '254712345678', reference: null, note: null, paidAt: at(3), reversedAt: null, createdAt: at(3), recordedBy: null,
      tenantName: 'Amina', propertyName: 'Kilimani Heights', unitLabel: 'A1', accountReference: 'KH-A1-R',
    },
    push: {
      push: {
        id: 'push-1', agencyId: 'ag-1', leaseId: 'lease-1', initiatedBy: 'u-tenant', shortcode: '174379', phone: '254712345678', amountCents: 150_000, accountReference: 'KH-A1-R',
        merchantRequestId: 'm-1', checkoutRequestId: 'ws_CO_1', status: 'SUCCESS', sentAt: at(1), mpesaReceiptNumber: 'UAB1234567', claimedReceipt: null, resultCode: '0',
        resultDescription: 'The service request is processed successfully.', customerMessage: 'Success. Request accepted for processing', needsReview: false, reviewReason: null,
        queryCount: 0, lastQueriedAt: null, callbackReceivedAt: at(2), transactionDate: at(2), completedAt: at(3), createdAt: at(0), updatedAt: at(3),
      },
      initiatorName: 'Amina', initiatorRole: 'tenant',
    },
    check: null, confirmation: null, statementRow: null,
    allocations: [{ amountCents: 150_000, description: 'Rent', period: '2026-01', kind: 'rent' }],
    corrections: [],
    receiptIssued: { paymentId: 'pay-1', issuedAt: at(3), lines: [], creditCents: 0, balanceAfterCents: 0 },
    reversals: [],
    unplaced: null,
    recorderName: null,
    statusQueries: [],
    callbacks: [{
      id: 'cb-1', kind: 'stk', path: '/api/v1/mpesa/callback/x', headers: {}, sourceAddress: '127.0.0.1', body: stkBody, correlationId: 'ws_CO_1', receivedAt: at(2),
      processedAt: at(3), outcome: 'applied', error: null, agencyId: 'ag-1', claimedAt: null, claimToken: null, attempts: 1, failures: 0, nextAttemptAt: at(2),
    }],
    audit: [{
      entry: { id: 'a-1', agencyId: 'ag-1', actorId: null, actorRole: 'system', action: 'payment.credited', targetType: 'payment', targetId: 'pay-1', details: { receipt: 'UAB1234567' }, createdAt: at(3) },
      actorName: null,
    }],
  } as unknown as PaymentTimelineRows;
  return { ...base, ...overrides };
}

describe('buildPaymentTimeline', () => {
  it('tells the story oldest first: request (who, phone, amount), Daraja’s acknowledgement, the callback, the books, the audit', () => {
    const timeline = paymentTimelineSchema.parse(buildPaymentTimeline(rows(), { caller: { role: 'admin' } }));
    expect(timeline.events.map((e) => e.kind)).toEqual(['stk-request', 'stk-acknowledged', 'callback', 'stk-result', 'ledger', 'allocation', 'receipt-issued', 'audit']);
    const request = timeline.events[0]!;
    expect(request.actor).toBe('Amina (tenant)');
    expect(request.detail).toContain('KES 1,500');
    expect(request.detail).toContain('0712 345 678');
    const callback = timeline.events.find((e) => e.kind === 'callback')!;
    expect(callback).toMatchObject({ receipt: 'UAB1234567', amountCents: 150_000, badge: { label: 'Applied · succeeded', tone: 'green' }, raw: stkBody });
    expect(timeline.events.find((e) => e.kind === 'audit')).toMatchObject({ title: 'Payment credited', actor: 'Haven (automatic)', detail: 'receipt: UAB1234567 · payment.credited' });
  });

  it('gives staff the reverse, refund and receipt actions; a tenant only the receipt, without raw callbacks or the audit trail', () => {
    const admin = buildPaymentTimeline(rows(), { caller: { role: 'admin' } });
    expect(admin.actions.map((a) => a.kind)).toEqual(['receipt', 'reverse', 'refund']);
    const tenant = buildPaymentTimeline(rows(), { caller: { role: 'tenant' } });
    expect(tenant.actions.map((a) => a.kind)).toEqual(['receipt']);
    expect(tenant.events.some((e) => e.kind === 'audit')).toBe(false);
    expect(tenant.events.every((e) => e.raw === null)).toBe(true);
  });

  it('offers no second reversal while one is live, links its status, and offers none for a reversed payment', () => {
    const reversal = { reversal: { id: 'rev-1', status: 'AWAITING_APPROVAL', withdrawnAt: null, amountCents: 150_000, remarks: 'Paid twice', rejectionReason: null, resultDescription: null, createdAt: at(20) }, requesterName: 'Peter' };
    const live = buildPaymentTimeline(rows({ reversals: [reversal] as unknown as PaymentTimelineRows['reversals'] }), { caller: { role: 'landlord' } });
    expect(live.actions.map((a) => a.kind)).toEqual(['receipt', 'payouts', 'refund']);
    expect(live.events.at(-1)).toMatchObject({ kind: 'reversal', actor: 'Peter', badge: { label: 'Waiting for approval', tone: 'amber' }, href: '/payouts' });

    const reversed = rows();
    reversed.payment = { ...reversed.payment, status: 'reversed' };
    expect(buildPaymentTimeline(reversed, { caller: { role: 'admin' } }).actions.map((a) => a.kind)).not.toContain('reverse');
  });

  it('shows a paybill payer’s number only when Daraja sent a number, not its hash', () => {
    const confirmation = (msisdn: string) => ({ id: 'c-1', transId: 'UAB1234567', amountCents: 150_000, billRefNumber: 'KH-A1-R', msisdn, payerName: 'Amina', outcome: 'credited', createdAt: at(2) });
    const detailWith = (msisdn: string) =>
      buildPaymentTimeline(rows({ confirmation: confirmation(msisdn) as unknown as PaymentTimelineRows['confirmation'] }), { caller: { role: 'admin' } }).events.find((e) => e.kind === 'paybill')!.detail;
    expect(detailWith('254712345678')).toBe('account KH-A1-R · from 0712 345 678 · Amina');
    expect(detailWith('8b0f1214f9aae18d2ca5176bfa8b0c29d991b3b279297ca16d031adc37ad2aeb')).toBe('account KH-A1-R · Amina');
  });

  it('sends an admin to the unmatched queue when the receipt still waits there', () => {
    const unplaced = { state: 'review' } as unknown as PaymentTimelineRows['unplaced'];
    expect(buildPaymentTimeline(rows({ unplaced }), { caller: { role: 'admin' } }).actions.map((a) => a.kind)).toContain('place');
    expect(buildPaymentTimeline(rows({ unplaced }), { caller: { role: 'landlord' } }).actions.map((a) => a.kind)).not.toContain('place');
  });
});
