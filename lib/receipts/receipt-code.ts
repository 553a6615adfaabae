import { randomInt } from 'node:crypto';

/**
 * A receipt's public code: 10 characters of Crockford base32 (50 random bits), printed `7K3M9-QX2PD`. Short enough
 * to read out or type from paper, and with lookups rate-limited far too many to guess: even a million receipts
 * leave one chance in a billion per try.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_LENGTH = 10;

export function generateReceiptCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return formatReceiptCode(code);
}

export function formatReceiptCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed (lower case, spaces, O for 0, I or L for 1) → the stored form, or null if it cannot be one. */
export function normalizeReceiptCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== RECEIPT_CODE_LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return formatReceiptCode(compact);
}

export function receiptVerifyUrl(appUrl: string, code: string): string {
  return `${appUrl}/r/${code}`;
}
