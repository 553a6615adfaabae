import 'server-only';
import type { Db } from '@/db/client';
import { findLeaseByAccountReferenceForCaller, getLeaseForCaller } from '@/db/queries/leases';
import { getPendingPushForLease, getPushById, insertPendingPush, lockCheckoutCorrelation, updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { countRecentHits, recordHit } from '@/db/queries/rate-limit';
import type { Caller } from '@/lib/auth/caller';
import { getEnv } from '@/lib/env';
import { AppError, notFound, type ErrorCode } from '@/lib/errors';
import { isDarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { describeStkPushRefusal, type StkPushRefusal } from '@/lib/mpesa/stk-push-refusal';
import { formatKes } from '@/lib/money';
import { normalizeMpesaPhone } from '@/lib/phone';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { processWaitingCallbacks } from '../process-inbox';

import { STK_MAX_KES, STK_MIN_KES, STK_RATE_LIMITS, STK_TRANSACTION_DESC } from './stk-settings';
import { fitAccountReference } from './stk-push-input';

export interface InitiateStkPushInput {
  caller: Caller;
  /** Without it, `accountReference` must be the account number of a lease the caller may pay. */
  leaseId?: string;
  phoneNumber: string;
  amountCents: number;
  accountReference?: string;
  mpesa?: MpesaContext;
}

export interface InitiateStkPushResult {
  push: StkRow;
  /** A push was already pending on this lease: it is returned and no second prompt is sent. */
  reused: boolean;
  /** Daraja may or may not have received the push (timeout, reset, 5xx): it stays pending until settled. */
  unknownOutcome: boolean;
}

// How each kind of refusal reaches the caller: a prompt already open is a conflict the tenant resolves on the phone.
const REFUSAL_CODES: Record<StkPushRefusal, ErrorCode> = {
  'invalid-input': 'invalid_request',
  'prompt-open': 'conflict',
  busy: 'payment_provider_busy',
  'not-set-up': 'payment_provider_error',
  other: 'payment_provider_error',
};

/** Leases that can take rent: active ones, and those under notice until they end. */
const PAYABLE_LEASE_STATUSES: readonly string[] = ['active', 'notice'];

// Checked before the push row is claimed, counted only once it is: the second tap of a double tap finds the
// first tap's pending push instead of spending (and being refused by) the rate limit.
async function checkRateLimits(db: Db, { caller, phone }: { caller: Caller; phone: string }): Promise<void> {
  const { perUser, perPhone } = STK_RATE_LIMITS;
  const [byUser, byPhone] = await Promise.all([
    countRecentHits(db, { key: `stk:user:${caller.id}`, windowSeconds: perUser.windowSeconds }),
    countRecentHits(db, { key: `stk:phone:${phone}`, windowSeconds: perPhone.windowSeconds }),
  ]);
  if (byUser >= perUser.max) {
    throw new AppError('rate_limited', `You have sent ${perUser.max} payment prompts in the last ${perUser.windowSeconds / 60} minutes. Wait a few minutes, or pay by paybill.`);
  }
  if (byPhone >= perPhone.max) {
    throw new AppError('rate_limited', `That phone has had ${perPhone.max} prompts in the last ${perPhone.windowSeconds / 60} minutes. Wait two minutes and try again.`);
  }
}

function validate({ phoneNumber, amountCents }: { phoneNumber: string; amountCents: number }): string {
  const phone = normalizeMpesaPhone(phoneNumber);
  if (!phone.ok) throw new AppError('invalid_request', phone.message, { details: { fields: [{ path: 'phoneNumber', message: phone.message }] } });
  if (!Number.isSafeInteger(amountCents) || amountCents % 100 !== 0) throw new AppError('invalid_request', 'Enter a whole number of shillings: M-Pesa does not move cents');
  if (amountCents < STK_MIN_KES * 100 || amountCents > STK_MAX_KES * 100) {
    throw new AppError('invalid_request', `Enter an amount between ${formatKes(STK_MIN_KES * 100)} and ${formatKes(STK_MAX_KES * 100)}`);
  }
  return phone.msisdn;
}

/**
 * The lease named by id, or else by its account number among the leases the caller may see (a tenant's own, a
 * landlord's properties', an admin's agency's): an unknown number is its own error code, so a script can tell a
 * typo from a lease it may not use — both look the same to it, and neither reveals another agency's leases.
 */
async function findPayableLease(db: Db, { caller, leaseId, accountReference }: Pick<InitiateStkPushInput, 'caller' | 'leaseId' | 'accountReference'>) {
  if (leaseId !== undefined) {
    const lease = await getLeaseForCaller(db, { caller, leaseId });
    if (!lease) throw notFound('Lease');
    return lease;
  }
  const lease = accountReference ? await findLeaseByAccountReferenceForCaller(db, { caller, accountReference }) : null;
  if (!lease) {
    throw new AppError('unknown_account_reference', `No lease you can collect for has the account number "${accountReference ?? ''}". Check it (e.g. KH-A1-R) or send the leaseId.`, {
      details: { fields: [{ path: 'accountReference', message: 'No lease has this account number' }] },
    });
  }
  return lease;
}

/**
 * A push whose request is still out to Daraja right now: sent, no CheckoutRequestID yet, and no failure recorded.
 * A second tap in that moment is the same payment and gets that push (one prompt); only once the call has ended
 * without an answer (the error is recorded on the push) — or has been out longer than any Daraja call may take, the
 * app having died in it — is its outcome unknown, and a new push refused.
 */
function isAwaitingDaraja(push: StkRow): boolean {
  const longestCallMs = 2 * getEnv().mpesa.httpTimeoutMs;
  return push.resultDescription === null && push.sentAt !== null && Date.now() - push.sentAt.getTime() < longestCallMs;
}

/**
 * Sends an STK push for a lease the caller may pay. Everything needed to recognise the payment later (lease,
 * phone, amount, account reference, our id, the time) is stored before Daraja is called, and the row blocks a
 * second push on the lease until it is settled (partial unique index). A push whose outcome is unknown is never
 * resent and never reported as "nothing was charged": it stays pending until the STK query, or a receipt proven
 * by Transaction Status, settles it (lib/payments/receipts).
 */
export async function initiateStkPush(db: Db, input: InitiateStkPushInput): Promise<InitiateStkPushResult> {
  const { caller, amountCents } = input;
  const phone = validate(input);
  const lease = await findPayableLease(db, input);
  if (!PAYABLE_LEASE_STATUSES.includes(lease.status)) throw new AppError('conflict', 'This lease is not active, so rent cannot be paid on it');

  const pending = await getPendingPushForLease(db, { leaseId: lease.id });
  if (pending && pending.checkoutRequestId === null && pending.sentAt !== null && !isAwaitingDaraja(pending)) {
    // We do not know whether the last push reached M-Pesa: another one could make the tenant pay twice.
    throw new AppError('conflict', 'We are still checking with M-Pesa whether your last payment went through. Wait until it is settled before paying again.', {
      details: { pushId: pending.id },
    });
  }
  if (pending) return { push: pending, reused: true, unknownOutcome: false };

  await checkRateLimits(db, { caller, phone });
  const ctx = input.mpesa ?? (await getMpesaContext(db, { agencyId: lease.agencyId }));
  // Found by its account number: the prompt shows the lease's own, however the caller spelled it.
  const accountReference = (input.leaseId === undefined ? '' : fitAccountReference(input.accountReference ?? '')) || lease.accountReference;
  const inserted = await insertPendingPush(db, {
    agencyId: lease.agencyId,
    leaseId: lease.id,
    initiatedBy: caller.id,
    shortcode: ctx.shortcode,
    phone,
    amountCents,
    accountReference,
  });
  if (!inserted) {
    // Lost the race against a concurrent request for the same lease: that one is the payment.
    const winner = await getPendingPushForLease(db, { leaseId: lease.id });
    if (winner) return { push: winner, reused: true, unknownOutcome: false };
    throw new AppError('conflict', 'A payment prompt for this lease was just sent. Check your phone.');
  }
  await Promise.all([recordHit(db, { key: `stk:user:${caller.id}` }), recordHit(db, { key: `stk:phone:${phone}` })]);
  // From here on the request may reach M-Pesa: sent_at says so, whatever happens next.
  await updatePush(db, { id: inserted.id, set: { sentAt: new Date() } });

  let ack;
  try {
    ack = await ctx.client.stkPush({ phoneNumber: phone, amountCents, accountReference, transactionDesc: STK_TRANSACTION_DESC, callbackUrl: ctx.callbackUrl('callback') });
  } catch (error) {
    if (isUnknownOutcome(error)) {
      console.warn(`STK push ${inserted.id}: ${error.message}; keeping it pending until M-Pesa's records settle it`);
      const push = await updatePush(db, { id: inserted.id, set: { resultDescription: error.message } });
      return { push: push ?? inserted, reused: false, unknownOutcome: true };
    }
    const failure = isDarajaError(error) ? describeStkPushRefusal(error) : null;
    await updatePush(db, {
      id: inserted.id,
      set: {
        status: 'FAILED',
        resultCode: isDarajaError(error) ? (error.errorCode ?? error.kind) : 'error',
        resultDescription: error instanceof Error ? error.message : String(error),
        customerMessage: failure?.message ?? null,
        completedAt: new Date(),
      },
    });
    if (failure) throw new AppError(REFUSAL_CODES[failure.refusal], failure.message, { cause: error });
    throw error;
  }

  // Crash tests only (local sandbox): die in the one window where M-Pesa has the push and we do not know its id.
  if (getEnv().faultKillAfterStkAck) process.kill(process.pid, 'SIGKILL');
  await db.transaction(async (tx) => {
    await lockCheckoutCorrelation(tx, { checkoutRequestId: ack.checkoutRequestId });
    await updatePush(tx, { id: inserted.id, set: { checkoutRequestId: ack.checkoutRequestId, merchantRequestId: ack.merchantRequestId, customerMessage: ack.customerMessage } });
  });
  // Daraja may have answered before it acknowledged: apply a callback that is already waiting for this id.
  await processWaitingCallbacks(db, { correlationId: ack.checkoutRequestId });
  const push = await getPushById(db, { id: inserted.id });
  if (!push) throw new Error('STK push row vanished');
  return { push, reused: false, unknownOutcome: false };
}
