/**
 * Client-safe: the agency's low-balance threshold against the paybill's Utility balance (money out leaves from it).
 * One place decides "low", so the widget, the payout forms and the alert sent to admins never disagree.
 */

export interface UtilityBalance {
  /** The last successful check's Utility balance, in cents; null when none is known. */
  availableCents: number | null;
  thresholdCents: number;
}

/** True when the last known balance is below the threshold (unknown is not low: nothing to warn about yet). */
export function isBalanceLow({ availableCents, thresholdCents }: UtilityBalance): boolean {
  return availableCents !== null && availableCents < thresholdCents;
}

/** The balance left after sending `amountCents`, when that would be below the threshold; null otherwise. */
export function balanceLeftBelowThreshold({ availableCents, thresholdCents, amountCents }: UtilityBalance & { amountCents: number | null }): number | null {
  if (availableCents === null || amountCents === null || amountCents <= 0) return null;
  const left = availableCents - amountCents;
  return left < thresholdCents ? left : null;
}
