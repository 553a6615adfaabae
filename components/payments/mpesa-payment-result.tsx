'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { formatKes } from '@/lib/money';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';

export function MpesaPaymentSuccess({ status }: { status: StkStatusView }) {
  return (
    <div className="space-y-4" data-stage="success">
      <Alert tone="success" title="Payment received">
        <p>
          <span data-testid="stk-paid-amount">{formatKes(status.amountCents)}</span> paid with M-Pesa.
        </p>
        <p className="mt-1">
          M-Pesa receipt:{' '}
          {status.mpesaReceiptNumber ? (
            <span className="font-mono font-semibold" data-testid="stk-receipt-number">
              {status.mpesaReceiptNumber}
            </span>
          ) : (
            <span>on its way (M-Pesa confirmed the payment; the number appears when its message arrives)</span>
          )}
        </p>
      </Alert>
      {status.paymentId && (
        <Link href={`/receipts/${status.paymentId}`} className={buttonClass('primary', 'w-full sm:w-auto')}>
          View receipt
        </Link>
      )}
    </div>
  );
}

export function MpesaPaymentFailure({ title, message, action, onRetry, onCancel }: { title: string; message: string; action?: string; onRetry: () => void; onCancel?: () => void }) {
  return (
    <div className="space-y-4" data-stage="failed">
      <Alert tone="error" title={title}>
        <p data-testid="stk-failure-message">{message}</p>
        {action && <p className="mt-1">{action}</p>}
      </Alert>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onRetry}>Try again</Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </div>
  );
}

/** No final answer yet: the page keeps checking, and the tenant's M-Pesa SMS is the quickest proof. */
export function MpesaPaymentUnresolved({ status }: { status: StkStatusView }) {
  return (
    <div className="space-y-3" data-stage="unresolved">
      <Alert tone="warning" title="Check your M-Pesa messages">
        <p>
          We have not had a final answer from M-Pesa yet for {formatKes(status.amountCents)}. If you received an M-Pesa SMS confirming the payment, you do
          not need to pay again: it will show here as soon as M-Pesa confirms it.
        </p>
      </Alert>
      <p role="status" aria-live="polite" className="text-sm text-slate-600">
        Still checking… {status.userMessage}
      </p>
    </div>
  );
}
