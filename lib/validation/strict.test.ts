import { describe, expect, it } from 'vitest';
import { idSchema, parseIdParam, parseTextParam, safeMultilineText, safeText, strictKes } from './strict';

describe('strict amounts (issue 14, item 8)', () => {
  const amount = strictKes({ min: 1, max: 150_000 });
  it.each([[16], [16.0], [1e1], [150_000]])('accepts the JSON integer %j', (value) => {
    expect(amount.safeParse(value).success).toBe(true);
  });
  it.each([['16'], [true], [[16]], ['0x10'], ['1e1'], [16.5], [null], [0], [-5], [Number.MAX_SAFE_INTEGER + 2], [{}], [Infinity], [NaN]])('refuses %j', (value) => {
    expect(amount.safeParse(value).success).toBe(false);
  });
  it('says what is wrong with a number sent as a string', () => {
    expect(amount.safeParse('16').error?.issues[0]?.message).toMatch(/number without quotes/);
    expect(amount.safeParse(undefined).error?.issues[0]?.message).toBe('Enter the amount in KES');
  });
});

describe('safe text', () => {
  const remarks = safeText({ min: 2, max: 100 });
  it('trims and accepts ordinary text in any language', () => {
    expect(remarks.parse('  Deposit refund — Café Zürich 😀  ')).toBe('Deposit refund — Café Zürich 😀');
  });
  it.each(['a\u0000b', 'tab\there', 'line\nbreak', 'del\u007f', 'c1\u0085', 'rtl\u202eoverride', 'isolate\u2066x', 'lone \ud800 surrogate'])('refuses %j', (value) => {
    expect(remarks.safeParse(value).success).toBe(false);
  });
  it('allows line breaks and tabs in multi-line text, but not NUL', () => {
    const notes = safeMultilineText({ max: 500 });
    expect(notes.parse('first\n\tsecond\r\nthird')).toBe('first\n\tsecond\r\nthird');
    expect(notes.safeParse('a\u0000b').success).toBe(false);
  });
});

describe('ids and route segments', () => {
  it('accepts only 8-4-4-4-12 hex ids', () => {
    expect(parseIdParam('0D3F7A5C-1B2E-4F60-8A9B-0C1D2E3F4A5B')).toBe('0d3f7a5c-1b2e-4f60-8a9b-0c1d2e3f4a5b');
    for (const bad of ['-'.repeat(36), 'not-an-id', '0d3f7a5c1b2e4f608a9b0c1d2e3f4a5b', "1' or '1'='1", undefined]) expect(parseIdParam(bad)).toBeNull();
    expect(idSchema().safeParse(['0d3f7a5c-1b2e-4f60-8a9b-0c1d2e3f4a5b']).success).toBe(false);
  });
  it('takes a text segment as Next.js decoded it, without decoding it again', () => {
    expect(parseTextParam('ws_CO_191220191020363925')).toBe('ws_CO_191220191020363925');
    expect(parseTextParam('%E0')).toBe('%E0');
    expect(parseTextParam('a\u0000b')).toBeNull();
    expect(parseTextParam('x'.repeat(101))).toBeNull();
  });
});
