import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { darajaMoneyToCents, toDarajaAmount } from './amounts';
import { DarajaError } from './errors';
import { toDarajaMsisdn } from './msisdn';
import { createSecurityCredentialProvider, encryptSecurityCredential } from './security-credential';
import { buildStkCredentials, buildStkPassword } from './stk-password';
import { darajaTimestamp, parseDarajaTimestamp, tryParseDarajaTimestamp } from './timestamp';

const PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';

describe('timestamps (Kenyan local time)', () => {
  it('formats in Africa/Nairobi whatever the server zone: 21:30 UTC is the next day in Kenya', () => {
    expect(darajaTimestamp(new Date('2021-06-28T06:24:08Z'))).toBe('20210628092408');
    expect(darajaTimestamp(new Date('2024-12-31T21:30:00Z'))).toBe('20250101003000');
  });

  it('parses both Daraja forms, string or number', () => {
    expect(parseDarajaTimestamp(20191219102115)).toEqual(new Date('2019-12-19T07:21:15Z'));
    expect(parseDarajaTimestamp('20191219102115')).toEqual(new Date('2019-12-19T07:21:15Z'));
    expect(parseDarajaTimestamp('19.12.2019 11:45:50')).toEqual(new Date('2019-12-19T08:45:50Z'));
  });

  it('rejects impossible or foreign times', () => {
    expect(tryParseDarajaTimestamp('20210231120000')).toBeNull();
    expect(tryParseDarajaTimestamp('2021-06-28T09:24:08')).toBeNull();
    expect(() => parseDarajaTimestamp('')).toThrow(/Not a Daraja time/);
  });
});

describe('STK password', () => {
  it('matches the Password in Safaricom’s docs for Timestamp 20210628092408', () => {
    expect(buildStkPassword({ shortcode: '174379', passkey: PASSKEY, timestamp: '20210628092408' })).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it('uses the same Kenyan timestamp in body and password', () => {
    const c = buildStkCredentials({ shortcode: '174379', passkey: PASSKEY, now: new Date('2021-06-28T06:24:08Z') });
    expect(c.Timestamp).toBe('20210628092408');
    expect(Buffer.from(c.Password, 'base64').toString()).toBe(`174379${PASSKEY}20210628092408`);
  });
});

describe('phone numbers', () => {
  it.each([
    ['0712 345 678', '254712345678'],
    ['+254 712 345 678', '254712345678'],
    ['254112345678', '254112345678'],
    ['0110 123 456', '254110123456'],
  ])('%s → %s', (input, msisdn) => expect(toDarajaMsisdn(input)).toBe(msisdn));

  it.each(['', '0712', '+1 415 555 0100', '020 222 2222', 'phone'])('rejects %j with a validation error', (input) => {
    const e = (() => {
      try {
        toDarajaMsisdn(input, 'stk-push');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DarajaError);
    expect(e).toMatchObject({ kind: 'validation', api: 'stk-push' });
    expect((e as Error).message).toMatch(/phone|number|mobile/i);
  });
});

describe('amounts', () => {
  it('turns whole-shilling cents into KES', () => {
    expect(toDarajaAmount({ api: 'stk', amountCents: 1_200_00 })).toBe(1200);
  });

  it('rejects cents, and amounts outside the per-API limits', () => {
    expect(() => toDarajaAmount({ api: 'stk', amountCents: 1050 })).toThrow(/whole shillings/);
    expect(() => toDarajaAmount({ api: 'stk', amountCents: 0 })).toThrow(/minimum/);
    expect(() => toDarajaAmount({ api: 'b2c', amountCents: 900 })).toThrow(/minimum.*KES 10/);
    expect(() => toDarajaAmount({ api: 'stk', amountCents: 250_001_00 })).toThrow(/maximum/);
    expect(() => toDarajaAmount({ api: 'stk', amountCents: 1.5 })).toThrow(DarajaError);
    const limits = { stk: { minKes: 1, maxKes: 70_000 }, b2c: { minKes: 10, maxKes: 1 }, reversal: { minKes: 1, maxKes: 1 }, c2b: { minKes: 1, maxKes: 1 } };
    expect(() => toDarajaAmount({ api: 'stk', amountCents: 70_001_00, limits })).toThrow(/maximum/);
  });

  it('reads Daraja money without float drift', () => {
    expect(darajaMoneyToCents(8959269.6)).toBe(895926960);
    expect(darajaMoneyToCents('-1980.00')).toBe(-198000);
    expect(darajaMoneyToCents('5.5')).toBe(550);
    expect(darajaMoneyToCents('')).toBeNull();
    expect(darajaMoneyToCents(null)).toBeNull();
  });
});

/** Undo PKCS#1 v1.5 type-2 padding by hand: Node refuses RSA_PKCS1_PADDING in privateDecrypt (CVE-2023-46809). */
function decryptPkcs1(privateKeyPem: string, b64: string): string {
  const block = privateDecrypt({ key: privateKeyPem, padding: constants.RSA_NO_PADDING }, Buffer.from(b64, 'base64'));
  expect(block[0]).toBe(0x00);
  expect(block[1]).toBe(0x02);
  const sep = block.indexOf(0x00, 2);
  expect(sep).toBeGreaterThanOrEqual(10); // at least 8 random non-zero padding bytes
  return block.subarray(sep + 1).toString('utf8');
}

describe('SecurityCredential', async () => {
  const pems = await generate([{ name: 'commonName', value: 'apicrypt.test' }], { keySize: 2048, algorithm: 'sha256' });

  it('is the password RSA-encrypted with PKCS#1 v1.5, base64, 344 characters', () => {
    const credential = encryptSecurityCredential({ password: 'Safaricom123!!', certificate: pems.cert });
    expect(credential).toHaveLength(344);
    expect(credential.endsWith('==')).toBe(true);
    expect(decryptPkcs1(pems.private, credential)).toBe('Safaricom123!!');
  });

  it('is random each time (padding), yet decrypts to the same password', () => {
    const a = encryptSecurityCredential({ password: 'p#ss&1', certificate: pems.cert });
    const b = encryptSecurityCredential({ password: 'p#ss&1', certificate: pems.cert });
    expect(a).not.toBe(b);
    expect(decryptPkcs1(pems.private, b)).toBe('p#ss&1');
  });

  it('refuses a file that is not a certificate', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => encryptSecurityCredential({ password: 'x', certificate: pem })).toThrow(/not a valid X.509/);
  });

  it('uses a configured credential as given, or downloads the certificate once and caches the credential', async () => {
    expect(await createSecurityCredentialProvider({ securityCredential: 'given==' })()).toBe('given==');
    let downloads = 0;
    const fakeFetch: typeof fetch = async () => {
      downloads += 1;
      return new Response(pems.cert);
    };
    const provider = createSecurityCredentialProvider({ initiatorPassword: 'Safaricom123!!', certificatePath: 'http://sandbox.test/cert.cer' }, fakeFetch);
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a).toBe(b);
    expect(downloads).toBe(1);
    expect(decryptPkcs1(pems.private, a)).toBe('Safaricom123!!');
    await expect(createSecurityCredentialProvider({ initiatorPassword: 'x' })()).rejects.toThrow(/MPESA_CERTIFICATE_PATH/);
  });
});
