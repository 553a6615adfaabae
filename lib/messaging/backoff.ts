/** Exponential back-off with jitter: base, 2×base, 4×base… capped at an hour, ±20% so retries do not march in step. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(raw * (0.8 + 0.4 * random()));
}
