import { describe, expect, it } from 'vitest';
import { isGsm7, measureSms, toGsm7 } from './gsm7';
import { fitSms, shorten } from './templates/sms-fit';

describe('SMS length (GSM-7)', () => {
  it('counts 160 GSM-7 characters as one SMS and 161 as two parts of 153', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, parts: 2 });
    expect(measureSms('a'.repeat(307)).parts).toBe(3);
  });
  it('counts extension characters twice and switches to UCS-2 for anything outside the alphabet', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(measureSms(`${'a'.repeat(60)}’`)).toEqual({ encoding: 'UCS-2', units: 61, parts: 1 });
    expect(measureSms(`${'a'.repeat(70)}’`).parts).toBe(2);
    expect(isGsm7('KES 1,200 – paid')).toBe(false);
  });
  it('makes people’s text GSM-7 without losing its sense', () => {
    expect(toGsm7('Wanjirũ’s “Flat” – A1 · Nairobi…')).toBe('Wanjiru\'s "Flat" - A1 . Nairobi...');
    expect(toGsm7('Zoë Müller, Café Ñandú')).toBe('Zoe Müller, Café Ñandu');
    expect(isGsm7(toGsm7('Ōkubo 大阪 Court'))).toBe(true);
  });
  it('picks the fullest wording that fits one SMS, and never cuts a message', () => {
    const long = `Demo Properties: received KES 125,000 for ${'Very Long Property Name '.repeat(4)}on 2 Dec 14:05. Receipt: http://localhost:3000/r/7K3M9-QX2PD`;
    const short = 'Demo Properties: KES 125,000 received. http://localhost:3000/r/7K3M9-QX2PD';
    expect(fitSms([long, short])).toBe(short);
    expect(fitSms(['fits'])).toBe('fits');
    const tooLong = 'x'.repeat(200);
    expect(fitSms([tooLong])).toBe(tooLong);
    expect(shorten('Kilimani Heights Apartments', 10)).toBe('Kilimani.');
  });
});
