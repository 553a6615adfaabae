'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { MpesaPayment, type MpesaPaymentProps } from '@/components/payments/mpesa-payment';

/** The payment component, refreshing the server-rendered balance once a payment is confirmed. */
export function PayRent(props: Omit<MpesaPaymentProps, 'onSuccess' | 'onCancel'>) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.refresh(), [router]);
  const onCancel = useCallback(() => router.push('/tenant'), [router]);
  return <MpesaPayment {...props} onSuccess={onSuccess} onCancel={onCancel} />;
}
