/**
 * Safaricom refuses callback URLs (STK CallBackURL, ResultURL/QueueTimeOutURL, C2B ConfirmationURL/ValidationURL)
 * that contain certain words, in any case and anywhere in the URL: host, path or our secret segment. Haven's
 * callbacks therefore live under `/api/v1/hooks/…` (the older `/api/v1/mpesa/…` paths stay for URLs already
 * registered), and production refuses a callback URL or secret that contains one of these words (lib/env.ts).
 */
export const CALLBACK_URL_FORBIDDEN_WORDS = ['m-pesa', 'mpesa', 'safaricom', 'exec', 'exe', 'cmd', 'sql', 'query'] as const;

/** The forbidden words found in `text` (a URL, or a secret that will end one), lower case, longest first. */
export function findForbiddenCallbackWords(text: string): string[] {
  const lower = text.toLowerCase();
  const found = CALLBACK_URL_FORBIDDEN_WORDS.filter((word) => lower.includes(word));
  // "exec" contains "exe" and "m-pesa" is not "mpesa": name each distinct problem once.
  return found.filter((word) => !found.some((other) => other !== word && other.includes(word)));
}
