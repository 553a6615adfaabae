import ky, { HTTPError } from 'ky';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';

/**
 * The pay page's requests and Haven's one JSON error shape, read in the browser. Kept apart from the live status
 * (mpesa-payment-status.tsx, which brings SWR) so that the form and "find my payment" load without it: the status
 * code is fetched only once a prompt has been sent.
 */

/** Haven's one JSON error shape, read from a failed request: the message, and the push it names, if any. */
export async function readApiError(error: unknown): Promise<{ message: string; pushId: string | null }> {
  if (error instanceof HTTPError) {
    try {
      const body = (await error.response.json()) as { error?: { message?: unknown; details?: { pushId?: unknown } } } | null;
      const message = body?.error?.message;
      const pushId = body?.error?.details?.pushId;
      if (typeof message === 'string') return { message, pushId: typeof pushId === 'string' ? pushId : null };
    } catch {
      // Not JSON: fall through.
    }
    return { message: `The server answered ${error.response.status}. Please try again.`, pushId: null };
  }
  return { message: await errorMessage(error), pushId: null };
}

/** The message of Haven's one JSON error shape, or a plain-language fallback. */
export async function errorMessage(error: unknown): Promise<string> {
  if (error instanceof HTTPError) return (await readApiError(error)).message;
  if (error instanceof Error && error.name === 'TimeoutError') return 'The network is slow and the request timed out. Check your connection and try again.';
  return 'We could not reach Haven. Check your connection and try again.';
}

export const fetchStatus = (url: string) => ky.get(url, { timeout: 20_000, retry: 1, cache: 'no-store' }).json<StkStatusView>();

export const statusUrl = (pushId: string) => `/api/v1/mpesa/status-detailed/${encodeURIComponent(pushId)}`;
