import { describe, expect, it } from 'vitest';
import {
  accountKeysClash,
  candidateAccountKeys,
  computeCheckCharacter,
  formatAccountReference,
  formatCheckedAccountReference,
  normalizeAccountText,
  pickAccountMatch,
  readAccountReference,
} from './account-reference';

describe('normalizeAccountText', () => {
  it('ignores case, spaces, dashes and zero padding in numbers', () => {
    for (const typed of ['KH-A1', 'kh a1', 'KHA1', 'KH-A01', ' kh - a 001 ', 'Kh_A1', 'kh.a1']) expect(normalizeAccountText(typed)).toBe('KHA1');
    expect(normalizeAccountText('UC-1A')).toBe('UC1A');
    expect(normalizeAccountText('RG-03')).toBe('RG3');
  });

  it('keeps zeros that are the number, or inside it', () => {
    expect(normalizeAccountText('KH-A10')).toBe('KHA10');
    expect(normalizeAccountText('KH-100')).toBe('KH100');
    expect(normalizeAccountText('KH-0')).toBe('KH0');
    expect(normalizeAccountText('KH-000')).toBe('KH0');
    expect(normalizeAccountText('K0-A0B0')).toBe('K0A0B0');
  });

  it('is empty for text without letters or digits', () => {
    expect(normalizeAccountText(' - ')).toBe('');
    expect(readAccountReference('--')).toBeNull();
    expect(candidateAccountKeys('')).toEqual([]);
  });
});

describe('check character', () => {
  it('is a letter that cannot be read as a digit', () => {
    const letters = new Set(['KHA1', 'KHB1', 'UC1A', 'RG3', 'NRA1', 'ABCDE123456'].map(computeCheckCharacter));
    for (const c of letters) expect(c).toMatch(/^[A-HJ-NP-RT-Z]$/);
  });

  it('changes with any single substitution and any swap of two different characters', () => {
    const key = 'KHA12';
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < key.length; i += 1) {
      for (const c of chars) {
        if (c === key[i]) continue;
        // Values 23 apart (0/N, 1/P…) are the modulus' blind spot: not a likely slip of the thumb.
        if (Math.abs(chars.indexOf(c) - chars.indexOf(key[i]!)) === 23) continue;
        const typo = key.slice(0, i) + c + key.slice(i + 1);
        expect(computeCheckCharacter(typo), typo).not.toBe(computeCheckCharacter(key));
      }
      for (let j = i + 1; j < key.length; j += 1) {
        if (key[i] === key[j]) continue;
        const swapped = [...key];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        expect(computeCheckCharacter(swapped.join(''))).not.toBe(computeCheckCharacter(key));
      }
    }
  });

  it('refuses text that is not a normalised key', () => {
    expect(() => computeCheckCharacter('kh-a1')).toThrow();
  });
});

describe('formatCheckedAccountReference', () => {
  it('adds the check letter as its own group, within 12 characters', () => {
    const made = formatCheckedAccountReference({ propertyCode: 'kh', unitLabel: 'A1' })!;
    expect(made).toEqual({ reference: `KH-A1-${computeCheckCharacter('KHA1')}`, accountKey: 'KHA1' });
    // Zero padding stays in what is shown; the key drops it.
    expect(formatCheckedAccountReference({ propertyCode: 'RG', unitLabel: '03' })).toMatchObject({ reference: `RG-03-${computeCheckCharacter('RG3')}`, accountKey: 'RG3' });
  });

  it('drops dashes before it would pass 12 characters', () => {
    const longest = formatCheckedAccountReference({ propertyCode: 'ABCDE', unitLabel: 'F12345' })!;
    expect(longest.reference).toBe(`ABCDEF12345${computeCheckCharacter('ABCDEF12345')}`);
    expect(formatCheckedAccountReference({ propertyCode: 'ABCDE', unitLabel: 'F1234' })!.reference).toBe(`ABCDEF1234-${computeCheckCharacter('ABCDEF1234')}`);
    for (const r of [longest.reference]) expect(r.length).toBeLessThanOrEqual(12);
  });

  it('keeps the plain form for the leases made before check characters', () => {
    expect(formatAccountReference({ propertyCode: 'KH', unitLabel: 'A1' })).toBe('KH-A1');
  });
});

describe('matching typed text to leases', () => {
  const check = computeCheckCharacter('KHA1');
  const wrong = check === 'B' ? 'C' : 'B';
  const leases = [
    { id: 'a1', accountKey: 'KHA1', inForce: true },
    { id: 'b1', accountKey: 'KHB1', inForce: true },
  ];

  it('finds the lease however its reference is typed, with or without the check letter', () => {
    for (const typed of ['KH-A1', 'kh a1', 'KHA1', 'KH-A01', `KH-A1-${check}`, `kha1${check.toLowerCase()}`, `KH A01 ${check}`]) {
      expect(pickAccountMatch(typed, leases)?.id, typed).toBe('a1');
    }
  });

  it('a wrong check letter matches nothing', () => {
    expect(readAccountReference(`KH-A1-${wrong}`)?.checked).toEqual({ key: 'KHA1', check: wrong, valid: false });
    expect(pickAccountMatch(`KH-A1-${wrong}`, leases)).toBeNull();
    expect(pickAccountMatch('KH-A2', leases)).toBeNull();
  });

  it('looks both readings up', () => {
    expect(candidateAccountKeys(`kh-a1-${check}`)).toEqual([`KHA1${check}`, 'KHA1']);
    expect(candidateAccountKeys('KH-12')).toEqual(['KH12']);
  });

  it('prefers a lease in force, and names none when two keys could be meant', () => {
    const ended = { id: 'old', accountKey: 'KHA1', inForce: false };
    expect(pickAccountMatch('KHA1', [ended, leases[0]!])?.id).toBe('a1');
    expect(pickAccountMatch('KHA1', [ended])?.id).toBe('old');
    const unit1A = { id: 'x', accountKey: `KHA1${check}`, inForce: true };
    expect(pickAccountMatch(`KHA1${check}`, [leases[0]!, unit1A])).toBeNull();
  });

  it('calls keys that read as one another a clash', () => {
    expect(accountKeysClash({ accountKey: 'KHA1', other: 'KHA1' })).toBe(true);
    expect(accountKeysClash({ accountKey: 'KHA1', other: `KHA1${check}` })).toBe(true);
    expect(accountKeysClash({ accountKey: `KHA1${check}`, other: 'KHA1' })).toBe(true);
    expect(accountKeysClash({ accountKey: 'KHA1', other: `KHA1${wrong}` })).toBe(false);
    expect(accountKeysClash({ accountKey: 'KHA1', other: 'KHA10' })).toBe(false);
  });
});
