import { describe, expect, it } from 'vitest';
import { interpretSearchTerm } from './search-term';
import { paymentFiltersFrom, paymentFiltersQuery } from './payment-filters';

describe('interpretSearchTerm', () => {
  it('reads a receipt however it is typed', () => {
    expect(interpretSearchTerm(' ul2a 3oxzfz ').receipt).toBe('UL2A3OXZFZ');
  });

  it('reads a phone in any format, and a ten-digit phone is not a receipt', () => {
    for (const typed of ['0712 345 678', '0712345678', '+254 712 345 678', '254712345678', '712345678']) {
      expect(interpretSearchTerm(typed).phone, typed).toBe('254712345678');
    }
    expect(interpretSearchTerm('0712345678').receipt).toBeNull();
  });

  it('reads an amount in shillings, with commas, a currency or cents', () => {
    expect(interpretSearchTerm('25,000').amountCents).toBe(2_500_000);
    expect(interpretSearchTerm('KES 15000').amountCents).toBe(1_500_000);
    expect(interpretSearchTerm('12.50').amountCents).toBe(1_250);
    expect(interpretSearchTerm('Amina').amountCents).toBeNull();
  });

  it('keeps the text for names and references; empty means nothing', () => {
    expect(interpretSearchTerm('Amina').text).toBe('Amina');
    expect(interpretSearchTerm('  ')).toEqual({ receipt: null, phone: null, amountCents: null, text: null });
  });
});

describe('payment filters', () => {
  it('blank fields are "any"; bad ones are refused', () => {
    expect(paymentFiltersFrom({ q: '', from: '', method: '' })).toMatchObject({ success: true, data: {} });
    expect(paymentFiltersFrom({ method: 'bitcoin' }).success).toBe(false);
    expect(paymentFiltersFrom({ from: '2030-02-30' }).success).toBe(false);
    expect(paymentFiltersFrom({ from: '2030-02-02', to: '2030-02-01' }).success).toBe(false);
    expect(paymentFiltersFrom({ propertyId: 'nope' }).success).toBe(false);
  });

  it('round-trips through a query string', () => {
    const parsed = paymentFiltersFrom(new URLSearchParams('q=Amina&from=2030-01-01&method=mpesa_stk'));
    expect(parsed.success && paymentFiltersQuery(parsed.data)).toBe('?q=Amina&from=2030-01-01&method=mpesa_stk');
  });
});
