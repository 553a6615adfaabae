/**
 * Unit labels from what an agent types: `A1–A12`, `A1-A12`, `1-12`, `A01-A12` (zero padding kept), or a list
 * `G1, G2, Shop 1` — mixed freely, separated by commas. Labels are upper-cased, at most 6 letters/digits, and at
 * most 200 per request.
 */

export const UNIT_LABEL_PATTERN = /^[A-Z0-9]{1,6}$/;
const MAX_UNITS = 200;

export type UnitRangeResult = { ok: true; labels: string[] } | { ok: false; message: string };

export function parseUnitRange(input: string): UnitRangeResult {
  const labels: string[] = [];
  const parts = input.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Enter unit labels, like A1–A12 or 1, 2, 3' };
  for (const part of parts) {
    const range = /^([A-Za-z]*)(\d+)\s*(?:-|–|—|to)\s*([A-Za-z]*)(\d+)$/.exec(part);
    if (range) {
      const [, prefixA, fromText, prefixB, toText] = range as unknown as [string, string, string, string, string];
      const prefix = prefixA.toUpperCase();
      if (prefixB && prefixB.toUpperCase() !== prefix) return { ok: false, message: `In ${part}, both ends must have the same letters` };
      const from = Number(fromText);
      const to = Number(toText);
      if (to < from) return { ok: false, message: `In ${part}, the range must go up` };
      if (to - from + 1 > MAX_UNITS) return { ok: false, message: `Add at most ${MAX_UNITS} units at a time` };
      const width = fromText.startsWith('0') ? fromText.length : 0;
      for (let n = from; n <= to; n++) labels.push(`${prefix}${String(n).padStart(width, '0')}`);
      continue;
    }
    labels.push(part.toUpperCase().replace(/\s+/g, ''));
  }
  const bad = labels.find((l) => !UNIT_LABEL_PATTERN.test(l));
  if (bad) return { ok: false, message: `“${bad}” is not a unit label: use up to 6 letters and digits, like A1 or 12` };
  if (labels.length > MAX_UNITS) return { ok: false, message: `Add at most ${MAX_UNITS} units at a time` };
  const seen = new Set<string>();
  const dup = labels.find((l) => (seen.has(l) ? true : (seen.add(l), false)));
  if (dup) return { ok: false, message: `${dup} is listed twice` };
  return { ok: true, labels };
}
