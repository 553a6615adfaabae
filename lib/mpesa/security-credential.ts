import 'server-only';
import { X509Certificate, constants, publicEncrypt, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * The initiator `SecurityCredential` (SPEC §10): the initiator password, RSA-encrypted with the public key of
 * Safaricom's (or the local sandbox's) X.509 certificate with PKCS#1 v1.5 padding — not OAEP — then base64.
 * The padding is random, so every encryption differs; Safaricom says one credential can be reused, so it is
 * computed once per (certificate, password) and cached.
 */

export function encryptSecurityCredential({ password, certificate }: { password: string; certificate: string | Buffer }): string {
  const key = publicKeyFromCertificate(certificate);
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString('base64');
}

/** Accepts PEM or DER (`.cer` files are distributed in both). */
export function publicKeyFromCertificate(certificate: string | Buffer): KeyObject {
  try {
    return new X509Certificate(certificate).publicKey;
  } catch (cause) {
    throw new Error('The M-Pesa certificate is not a valid X.509 certificate (PEM or DER)', { cause });
  }
}

/** Reads a certificate from a file path or an http(s) URL (the local sandbox serves its own). */
export async function loadCertificate(location: string, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
  if (/^https?:\/\//i.test(location)) {
    const res = await fetchImpl(location, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`Could not download the M-Pesa certificate from ${location}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  return readFile(location);
}

export interface SecurityCredentialSource {
  securityCredential?: string;
  initiatorPassword?: string;
  certificatePath?: string;
}

/**
 * Returns a function giving the credential: the configured one as is, or one computed from the initiator
 * password and certificate (fetched once; a failed fetch is not cached so a later call can retry).
 */
export function createSecurityCredentialProvider(source: SecurityCredentialSource, fetchImpl: typeof fetch = fetch): () => Promise<string> {
  let pending: Promise<string> | null = null;
  return () => {
    if (source.securityCredential) return Promise.resolve(source.securityCredential);
    const { initiatorPassword, certificatePath } = source;
    if (!initiatorPassword || !certificatePath) {
      return Promise.reject(
        new Error('M-Pesa initiator APIs need MPESA_SECURITY_CREDENTIAL, or MPESA_INITIATOR_PASSWORD with MPESA_CERTIFICATE_PATH'),
      );
    }
    pending ??= loadCertificate(certificatePath, fetchImpl)
      .then((certificate) => encryptSecurityCredential({ password: initiatorPassword, certificate }))
      .catch((e: unknown) => {
        pending = null;
        throw e;
      });
    return pending;
  };
}
