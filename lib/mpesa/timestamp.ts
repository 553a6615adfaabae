/**
 * Daraja times are Kenyan local wall-clock times without a zone: `YYYYMMDDHHmmss` (STK Timestamp,
 * TransactionDate, TransTime, BOCompletedTime…) and `DD.MM.YYYY HH:mm:ss` (B2C TransactionCompletedDateTime).
 * Kenya (Africa/Nairobi, EAT) is UTC+3 all year with no daylight saving, so a fixed offset is exact and does
 * not depend on the server's zone or ICU data — an offshore server in another zone must still send EAT.
 */

const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDHHmmss` in Africa/Nairobi, as the STK `Timestamp` (and its Password) need. */
export function darajaTimestamp(date: Date = new Date()): string {
  const t = new Date(date.getTime() + EAT_OFFSET_MS);
  return (
    `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
    `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`
  );
}

function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  // Reject 31.02 and friends rather than letting Date roll them over into March.
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(utc - EAT_OFFSET_MS);
}

/**
 * Parses a Daraja time (Kenyan local) into a Date, or returns null when it is not one. Accepts the number form
 * (`20191219102115`, as STK callbacks and the 2017 docs send it), the string form, and `DD.MM.YYYY HH:mm:ss`.
 */
export function tryParseDarajaTimestamp(value: string | number): Date | null {
  const s = String(value).trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (compact) {
    const [y, mo, d, h, mi, sec] = compact.slice(1).map(Number) as [number, number, number, number, number, number];
    return fromParts(y, mo, d, h, mi, sec);
  }
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(s);
  if (dotted) {
    const [d, mo, y, h, mi, sec] = dotted.slice(1).map(Number) as [number, number, number, number, number, number];
    return fromParts(y, mo, d, h, mi, sec);
  }
  return null;
}

/** Like tryParseDarajaTimestamp, but throws on anything that is not a Daraja time. */
export function parseDarajaTimestamp(value: string | number): Date {
  const parsed = tryParseDarajaTimestamp(value);
  if (!parsed) throw new RangeError(`Not a Daraja time (YYYYMMDDHHmmss or DD.MM.YYYY HH:mm:ss): ${String(value)}`);
  return parsed;
}
