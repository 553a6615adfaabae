import { describe, expect, it } from 'vitest';
import { parseUnitRange } from './unit-range';

describe('unit ranges', () => {
  it('expands A1–A12 (en dash or hyphen), numeric and zero-padded ranges, and lists', () => {
    const a = parseUnitRange('A1–A12');
    expect(a).toEqual({ ok: true, labels: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12'] });
    expect(parseUnitRange('b01-b03')).toEqual({ ok: true, labels: ['B01', 'B02', 'B03'] });
    expect(parseUnitRange('1-3, G1, shop1')).toEqual({ ok: true, labels: ['1', '2', '3', 'G1', 'SHOP1'] });
  });
  it('refuses backwards ranges, mixed letters, bad labels, duplicates and too many', () => {
    expect(parseUnitRange('A5-A1').ok).toBe(false);
    expect(parseUnitRange('A1-B3').ok).toBe(false);
    expect(parseUnitRange('Penthouse-1').ok).toBe(false);
    expect(parseUnitRange('A1, a1').ok).toBe(false);
    expect(parseUnitRange('1-500').ok).toBe(false);
    expect(parseUnitRange(' ').ok).toBe(false);
  });
});
