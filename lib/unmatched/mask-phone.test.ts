import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask-phone';

describe('maskPhone', () => {
  it('hides the middle digits', () => {
    expect(maskPhone('254712345678')).toBe('0712 ••• 678');
    expect(maskPhone('2547123')).toBe('••• 123');
    expect(maskPhone(null)).toBeNull();
  });
});
