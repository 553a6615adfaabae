/**
 * SMS length rules (3GPP TS 23.038). A message in the GSM-7 alphabet fits 160 characters in one SMS (153 per part
 * when split); one character outside it switches the whole message to UCS-2, 70 (67 per part). Africa's Talking
 * bills per part, so Haven writes its texts in GSM-7 and keeps them to one part.
 */

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// These take two septets each (an escape, then the character).
const EXTENSION = '^{}\\[~]|€\f';

const basicSet = new Set(BASIC);
const extensionSet = new Set(EXTENSION);

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basicSet.has(ch) && !extensionSet.has(ch)) return false;
  return true;
}

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
}

export function measureSms(text: string): SmsSize {
  if (isGsm7(text)) {
    let units = 0;
    for (const ch of text) units += extensionSet.has(ch) ? 2 : 1;
    return { encoding: 'GSM-7', units, parts: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}

const REPLACEMENTS: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '‐': '-', '…': '...', '·': '.', '•': '*',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '×': 'x',
};

/**
 * Text from people (names, property names) made GSM-7: typographic punctuation to its plain twin, accents the
 * alphabet lacks dropped (ô → o), anything else left out, so one stray character never doubles the price.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basicSet.has(ch) || extensionSet.has(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (plain && [...plain].every((c) => basicSet.has(c))) out += plain;
    }
  }
  return out;
}
