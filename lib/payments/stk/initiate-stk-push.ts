import 'server-only';
import type { Db } from '@/db/client';
import { processInboxRow } from '@/lib/payments/process-inbox';
import { listWaitingForCorrelation } from '@/db/queries/callback-inbox';
import { getLeaseForCaller } from '@/db/queries/leases';
import { getPendingPushForLease, getPushById, insertPendingPush, lockCheckoutCorrelation, updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { countRecentHits, recordHit } from '@/db/queries/rate-limit';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { isDarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { formatKes } from '@/lib/money';
import { normalizeKenyanPhone } from '@/lib/phone';
import { callbackUrl } from '../callback-guard';
import { describeStkPushError } from './stk-sync-errors';
import { getStkSettings, STK_MAX_KES, STK_MIN_KES, STK_RATE_LIMITS, STK_TRANSACTION_DESC, type StkSettings } from './stk-settings';

export type StkClient = Pick<DarajaClient, 'stkPush' | 'stkQuery'>;

export interface InitiateStkPushInput {
  caller: Caller;
  leaseId: string;
  phoneNumber: string;
  amountCents: number;
  accountReference?: string;
  client?: StkClient;
  callbackUrl?: string;
  settings?: StkSettings;
}

export interface InitiateStkPushResult {
  push: StkRow & { checkoutRequestId: string };
  /** A push was already pending on this lease: it is returned and no second prompt is sent. */
  reused: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withCheckoutId(row: StkRow): (StkRow & { checkoutRequestId: string }) | null {
  return row.checkoutRequestId ? (row as StkRow & { checkoutRequestId: string }) : null;
}

/** A concurrent request (a double tap) is still talking to Daraja: wait briefly for its CheckoutRequestID. */
async function awaitPendingPush(db: Db, row: StkRow): Promise<InitiateStkPushResult> {
  for (let i = 0; i < 40; i += 1) {
    const current = await getPushById(db, { id: row.id });
    const ready = current && withCheckoutId(current);
    if (ready) return { push: ready, reused: true };
    if (current && current.status !== 'PENDING') break;
    await sleep(250);
  }
  throw new AppError('conflict', 'A payment prompt for this lease is already being sent. Check your phone, or try again in a minute.');
}

// Checked before the push row is claimed, counted only once it is: the second tap of a double tap finds the
// first tap's pending push instead of spending (and being refused by) the rate limit.
async function checkRateLimits(db: Db, { caller, phone }: { caller: Caller; phone: string }): Promise<void> {
  const { perUser, perPhone } = STK_RATE_LIMITS;
  const userKey = `stk:user:${caller.id}`;
  const phoneKey = `stk:phone:${phone}`;
  const [byUser, byPhone] = await Promise.all([
    countRecentHits(db, { key: userKey, windowSeconds: perUser.windowSeconds }),
    countRecentHits(db, { key: phoneKey, windowSeconds: perPhone.windowSeconds }),
  ]);
  if (byUser >= perUser.max) {
    throw new AppError('rate_limited', `You have sent ${perUser.max} payment prompts in the last ${perUser.windowSeconds / 60} minutes. Wait a few minutes, or pay by paybill.`);
  }
  if (byPhone >= perPhone.max) {
    throw new AppError('rate_limited', `That phone has had ${perPhone.max} prompts in the last ${perPhone.windowSeconds / 60} minutes. Wait two minutes and try again.`);
  }
}

async function recordRateLimitHits(db: Db, { caller, phone }: { caller: Caller; phone: string }): Promise<void> {
  await Promise.all([recordHit(db, { key: `stk:user:${caller.id}` }), recordHit(db, { key: `stk:phone:${phone}` })]);
}

/**
 * Sends an STK push for a lease the caller may pay. The request is recorded before Daraja is called; while one is
 * pending on the lease, it is returned instead of prompting again (the partial unique index settles races).
 */
export async function initiateStkPush(db: Db, input: InitiateStkPushInput): Promise<InitiateStkPushResult> {
  const settings = input.settings ?? getStkSettings();
  const { caller, amountCents } = input;
  const phone = normalizeKenyanPhone(input.phoneNumber);
  if (!phone.ok) throw new AppError('invalid_request', phone.message, { details: { fields: [{ path: 'phoneNumber', message: phone.message }] } });
  if (!Number.isSafeInteger(amountCents) || amountCents % 100 !== 0) throw new AppError('invalid_request', 'Enter a whole number of shillings: M-Pesa does not move cents');
  if (amountCents < STK_MIN_KES * 100 || amountCents > STK_MAX_KES * 100) {
    throw new AppError('invalid_request', `Enter an amount between ${formatKes(STK_MIN_KES * 100)} and ${formatKes(STK_MAX_KES * 100)}`);
  }

  const lease = await getLeaseForCaller(db, { caller, leaseId: input.leaseId });
  if (!lease) throw notFound('Lease');
  if (lease.status !== 'active') throw new AppError('conflict', 'This lease is not active, so rent cannot be paid on it');

  const pending = await getPendingPushForLease(db, { leaseId: lease.id });
  if (pending) return awaitPendingPush(db, pending);

  await checkRateLimits(db, { caller, phone: phone.msisdn });

  const accountReference = input.accountReference?.trim() || lease.accountReference;
  const inserted = await insertPendingPush(db, {
    agencyId: lease.agencyId,
    leaseId: lease.id,
    initiatedBy: caller.id,
    shortcode: settings.shortcode,
    phone: phone.msisdn,
    amountCents,
    accountReference,
  });
  if (!inserted) {
    // Lost the race against a concurrent request for the same lease: return that one.
    const winner = await getPendingPushForLease(db, { leaseId: lease.id });
    if (winner) return awaitPendingPush(db, winner);
    throw new AppError('conflict', 'A payment prompt for this lease was just sent. Check your phone.');
  }
  await recordRateLimitHits(db, { caller, phone: phone.msisdn });

  const client = input.client ?? getDarajaClient();
  let ack: Awaited<ReturnType<StkClient['stkPush']>>;
  try {
    ack = await client.stkPush({
      phoneNumber: phone.msisdn,
      amountCents,
      accountReference,
      transactionDesc: STK_TRANSACTION_DESC,
      callbackUrl: input.callbackUrl ?? callbackUrl('callback'),
    });
  } catch (error) {
    if (isUnknownOutcome(error)) {
      // It may have reached M-Pesa: never resend. The row stays pending (blocking a second prompt) and the sweep
      // hands it to a person if no CheckoutRequestID ever appears.
      await updatePush(db, { id: inserted.id, set: { resultDescription: error.message } });
      throw new AppError('payment_provider_error', 'We could not confirm that M-Pesa received the request. If a prompt appears on your phone you may approve it; otherwise try again in two minutes.');
    }
    const failure = isDarajaError(error) ? describeStkPushError(error) : null;
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
    if (failure) throw new AppError(failure.code, failure.message, { cause: error });
    throw error;
  }

  const updated = await db.transaction(async (tx) => {
    await lockCheckoutCorrelation(tx, { checkoutRequestId: ack.checkoutRequestId });
    return updatePush(tx, {
      id: inserted.id,
      set: { checkoutRequestId: ack.checkoutRequestId, merchantRequestId: ack.merchantRequestId, customerMessage: ack.customerMessage },
    });
  });
  // Daraja may have answered before it acknowledged: apply a callback that is already waiting for this id.
  for (const row of await listWaitingForCorrelation(db, { correlationId: ack.checkoutRequestId })) await processInboxRow(db, row);
  const latest = (await getPushById(db, { id: inserted.id })) ?? updated;
  const push = latest && withCheckoutId(latest);
  if (!push) throw new Error('STK push row lost its CheckoutRequestID');
  return { push, reused: false };
}
