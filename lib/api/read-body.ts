import { AppError } from '@/lib/errors';

/** Largest JSON body an API route reads; forms here are a few hundred bytes. */
export const API_BODY_LIMIT_BYTES = 256 * 1024;
/** Largest callback body stored; Daraja's are a few kilobytes. */
export const CALLBACK_BODY_LIMIT_BYTES = 64 * 1024;
/** Deposit-deduction evidence: at most 4 files of 5 MB (lib/deposits/evidence-store.ts) plus the form's fields. */
export const EVIDENCE_UPLOAD_LIMIT_BYTES = 4 * 5 * 1024 * 1024 + 100_000;

/**
 * Reads a request body as UTF-8 text, refusing (413) anything over `limitBytes` — by Content-Length when one is
 * declared, and while streaming otherwise, so a chunked body cannot make us buffer without end.
 * Invalid UTF-8 becomes U+FFFD, as `request.text()` would do.
 */
export async function readBodyText(request: Request, { limitBytes }: { limitBytes: number }): Promise<string> {
  const tooLarge = () => new AppError('payload_too_large', `The request body must be at most ${Math.floor(limitBytes / 1024)} KB`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
