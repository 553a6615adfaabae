import type { PayoutStatus } from '@/db/schema/mpesa';
import { describeResult, type ResultApi } from '@/lib/mpesa/result-codes';

/** How a payout or reversal status reads to a person. Client-safe: the forms and lists import it. */

type Tone = 'green' | 'red' | 'amber' | 'slate' | 'blue';

export const statusLabel: Record<PayoutStatus, { label: string; tone: Tone }> = {
  AWAITING_APPROVAL: { label: 'Waiting for approval', tone: 'amber' },
  REJECTED: { label: 'Rejected', tone: 'slate' },
  QUEUED: { label: 'Queued', tone: 'blue' },
  PENDING: { label: 'Sent, waiting for M-Pesa', tone: 'blue' },
  UNKNOWN: { label: 'Checking with M-Pesa', tone: 'amber' },
  SUCCESS: { label: 'Completed', tone: 'green' },
  FAILED: { label: 'Failed', tone: 'red' },
};

/** The label of a request's status: a REJECTED request the requester withdrew reads "Withdrawn". */
export function requestStatusLabel({ status, withdrawnAt }: { status: PayoutStatus; withdrawnAt: Date | string | null }): string {
  return status === 'REJECTED' && withdrawnAt ? 'Withdrawn' : statusLabel[status].label;
}

export const FINAL_STATUSES: readonly PayoutStatus[] = ['SUCCESS', 'FAILED', 'REJECTED'];

export function isFinalStatus(status: PayoutStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The catalogue message for a finished request (insufficient balance, wrong initiator credential, …). */
export function resultMessage({ api, resultCode, resultDescription }: { api: ResultApi; resultCode: string | null; resultDescription: string | null }) {
  if (resultCode === null) return resultDescription ? { message: resultDescription, action: '' } : null;
  // Our own codes for requests Daraja never accepted or that Transaction Status settled.
  if (!/^[A-Z0-9_]+$/i.test(resultCode) || resultCode.includes('.')) return { message: resultDescription ?? 'M-Pesa refused the request', action: '' };
  const d = describeResult({ api, code: resultCode, resultDesc: resultDescription });
  return { message: d.message, action: d.action };
}
