/**
 * The one place a lease's paybill account reference is made and read. Dependency-free: the local sandbox's demo
 * world uses it too.
 *
 * - A reference is `<PROPERTY CODE>-<UNIT LABEL>-<CHECK>`, upper case, e.g. `KH-A1-R` — what a tenant types as
 *   "Account no." and what an STK push carries as AccountReference (at most 12 characters). Leases created before
 *   check characters (and the seeded demo leases) keep their `KH-A1`: a reference is fixed when the lease is made,
 *   so standing orders keep working.
 * - People type what they read loosely: case, spaces, dashes and zero padding (`kh a1`, `KHA1`, `KH-A01`) do not
 *   matter. Matching compares the *account key*, the normalised property code + unit label (`KHA1`).
 * - The check character is a letter computed from the key, so one mistyped character (or two swapped) gives a
 *   reference that matches no lease instead of crediting a neighbour. Typed without it, a reference still matches;
 *   typed with a wrong one, it matches nothing. Check letters leave out I, O and S, which read as 1, 0 and 5.
 */

export const ACCOUNT_REFERENCE_MAX = 12;

const CHECK_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ'; // 23 letters: a prime modulus
const VALUE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Upper case, letters and digits only, numeric runs without leading zeros: `kh a-01` → `KHA1`. */
export function normalizeAccountText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, ''));
}

/**
 * The check letter of an account key: Σ value(cᵢ)·2ⁱ mod 23. 2 has order 11 modulo 23, so the weights of a key of up
 * to 11 characters are distinct and non-zero: any single substitution (except between values 23 apart, like 0/N,
 * which nobody confuses) and any transposition of two characters changes the letter.
 */
export function computeCheckCharacter(accountKey: string): string {
  let sum = 0;
  let weight = 1;
  for (const c of accountKey) {
    const value = VALUE_ALPHABET.indexOf(c);
    if (value < 0) throw new Error(`"${accountKey}" is not a normalised account key`);
    sum = (sum + value * weight) % CHECK_ALPHABET.length;
    weight = (weight * 2) % CHECK_ALPHABET.length;
  }
  return CHECK_ALPHABET[sum]!;
}

/** The account key of a property's unit: what every spelling of its reference normalises to. */
export function accountKeyOf({ propertyCode, unitLabel }: { propertyCode: string; unitLabel: string }): string {
  return normalizeAccountText(`${propertyCode}${unitLabel}`);
}

/** The reference without a check character (`KH-A1`): the seeded demo leases' and every lease made before checks. */
export function formatAccountReference({ propertyCode, unitLabel }: { propertyCode: string; unitLabel: string }): string {
  return `${propertyCode}-${unitLabel}`.toUpperCase().replace(/\s+/g, '');
}

/**
 * A new lease's reference: `KH-A1-R`, or, when the longest codes and labels would pass 12 characters, the same with
 * fewer dashes (`ABCDEF12345-R`, then `ABCDEF12345R`) — dashes never matter to matching. Null when even that is too
 * long (only unit labels and codes longer than the property rules allow).
 */
export function formatCheckedAccountReference({ propertyCode, unitLabel }: { propertyCode: string; unitLabel: string }): { reference: string; accountKey: string } | null {
  const code = propertyCode.toUpperCase().replace(/\s+/g, '');
  const label = unitLabel.toUpperCase().replace(/\s+/g, '');
  const accountKey = accountKeyOf({ propertyCode: code, unitLabel: label });
  if (!accountKey) return null;
  const check = computeCheckCharacter(accountKey);
  const reference = [`${code}-${label}-${check}`, `${code}${label}-${check}`, `${code}${label}${check}`].find((r) => r.length <= ACCOUNT_REFERENCE_MAX);
  return reference ? { reference, accountKey } : null;
}

export interface AccountReading {
  /** The account key if the typed text carries no check character. */
  key: string;
  /** The account key if its last letter is a check character, with that letter; null when it cannot be. */
  checked: { key: string; check: string; valid: boolean } | null;
}

/**
 * The two ways typed text can be read: all of it is the key (`KHA1`), or its last letter is a check character
 * (`KHA1R` → key `KHA1`, check `R`, valid or not). Which one names a lease is for the lookup to decide.
 */
export function readAccountReference(typed: string): AccountReading | null {
  const full = normalizeAccountText(typed);
  if (!full) return null;
  const last = full.slice(-1);
  const stem = full.slice(0, -1);
  const checked = stem && /[A-Z]/.test(last) ? { key: stem, check: last, valid: computeCheckCharacter(stem) === last } : null;
  return { key: full, checked };
}

/** The account keys a lookup must fetch for typed text (both readings). */
export function candidateAccountKeys(typed: string): string[] {
  const reading = readAccountReference(typed);
  if (!reading) return [];
  return reading.checked ? [reading.key, reading.checked.key] : [reading.key];
}

/**
 * Which of the leases fetched for `candidateAccountKeys(typed)` the text names: a lease whose key is the whole text,
 * or whose key is the text less a correct check letter. Leases in force are preferred; when two different keys
 * could be meant the answer is none (lease creation refuses such pairs among leases in force).
 */
export function pickAccountMatch<T extends { accountKey: string; inForce: boolean }>(typed: string, leases: readonly T[]): T | null {
  const reading = readAccountReference(typed);
  if (!reading) return null;
  const named = leases.filter((l) => l.accountKey === reading.key || (reading.checked?.valid === true && l.accountKey === reading.checked.key));
  const pool = named.some((l) => l.inForce) ? named.filter((l) => l.inForce) : named;
  if (new Set(pool.map((l) => l.accountKey)).size !== 1) return null;
  return pool[0] ?? null;
}

/**
 * Whether a new lease's account key could be read as another lease's (`other`): the same key, or one key typed with
 * its check letter being the other key (`KH-1-A` and unit `1A`).
 */
export function accountKeysClash({ accountKey, other }: { accountKey: string; other: string }): boolean {
  if (accountKey === other) return true;
  if (other === accountKey + computeCheckCharacter(accountKey)) return true;
  return accountKey === other + computeCheckCharacter(other);
}

/** The keys another lease in force must not have for a new lease with `accountKey` (see accountKeysClash). */
export function clashingAccountKeys(accountKey: string): string[] {
  return [accountKey, accountKey + computeCheckCharacter(accountKey), accountKey.slice(0, -1)].filter(Boolean);
}
