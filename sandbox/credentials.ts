import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { pkcs1v15Decrypt } from './rsa-pkcs1';

export interface KeyMaterial {
  privateKey: KeyObject;
  /** PEM text, served as `/__sandbox/certificate.cer` like the portal's download. */
  certificatePem: string;
}

const KEY_FILE = 'private-key.pem';
const CERT_FILE = 'certificate.cer';

/** Made once per data directory and reused, so a SecurityCredential computed earlier stays valid. */
export async function loadOrCreateKeyMaterial(dataDir: string): Promise<KeyMaterial> {
  try {
    const [keyPem, certificatePem] = await Promise.all([
      readFile(join(dataDir, KEY_FILE), 'utf8'),
      readFile(join(dataDir, CERT_FILE), 'utf8'),
    ]);
    return { privateKey: createPrivateKey(keyPem), certificatePem };
  } catch {
    // First start (or a half-written directory): make a fresh pair.
  }
  const now = new Date();
  const pems = await generate(
    [
      { name: 'commonName', value: 'apicrypt.sandbox.haven.local' },
      { name: 'organizationName', value: 'Haven Daraja Sandbox' },
      { name: 'countryName', value: 'KE' },
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000),
    },
  );
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, KEY_FILE), pems.private, { mode: 0o600 });
  await writeFile(join(dataDir, CERT_FILE), pems.cert);
  return { privateKey: createPrivateKey(pems.private), certificatePem: pems.cert };
}

/** The initiator password inside a SecurityCredential, or null when it is not ours to read. */
export function decryptSecurityCredential(material: KeyMaterial, credential: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credential)) return null;
  const plain = pkcs1v15Decrypt(material.privateKey, Buffer.from(credential, 'base64'));
  return plain ? plain.toString('utf8') : null;
}
