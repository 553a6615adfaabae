import { getEnv } from '@/lib/env';

/**
 * Tunables of the STK flow. Time limits come from the environment (tests and e2e shorten them); the rest are
 * product decisions kept in one place.
 */
export interface StkSettings {
  shortcode: string;
  /** Ask Daraja (STK query) once a push is this old and still has no answer. */
  queryAfterSeconds: number;
  /** Never query one push more often than this, whoever asks (status polls, sweeps on several instances). */
  queryMinIntervalSeconds: number;
  /** A push still pending this long is handed to a person (marked for review), never silently failed. */
  reviewAfterSeconds: number;
  /** A push that never got a CheckoutRequestID (the app died mid-request) is handed to a person after this. */
  unsentAfterSeconds: number;
  /**
   * A push recorded but never sent (no sent_at: the app died between storing it and calling Daraja) is closed after
   * this: nothing reached M-Pesa, and until it is closed the tenant cannot pay on that lease.
   */
  neverSentAfterSeconds: number;
  /** A callback whose request we cannot find is retried this long (it may be early), then kept as unmatched. */
  unmatchedAfterSeconds: number;
}

export const STK_RATE_LIMITS = {
  perUser: { max: 5, windowSeconds: 10 * 60 },
  perPhone: { max: 3, windowSeconds: 2 * 60 },
} as const;

/** Daraja's documented STK limits (SPEC §12), whole shillings. */
export const STK_MIN_KES = 1;
export const STK_MAX_KES = 250_000;

export const STK_TRANSACTION_DESC = 'Rent payment';

export function getStkSettings(overrides: Partial<StkSettings> = {}): StkSettings {
  const { mpesa } = getEnv();
  return {
    shortcode: mpesa.shortcode,
    queryAfterSeconds: mpesa.stkQueryAfterSeconds,
    queryMinIntervalSeconds: Math.max(2, Math.min(10, Math.ceil(mpesa.stkQueryAfterSeconds / 3))),
    reviewAfterSeconds: mpesa.stkReviewAfterSeconds,
    // Long enough for the paybill twin of a payment that did go through (SPEC §9.6) to prove it, short enough not
    // to block the tenant's next push for long (3 min by default); a late receipt is still credited to the closed push.
    unsentAfterSeconds: mpesa.stkUnsentAfterSeconds,
    // Far longer than the few statements between recording a push and marking it sent take on a busy machine.
    neverSentAfterSeconds: 60,
    unmatchedAfterSeconds: 120,
    ...overrides,
  };
}
