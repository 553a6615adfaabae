import { constants, privateDecrypt, type KeyObject } from 'node:crypto';

/**
 * Daraja's SecurityCredential is RSA PKCS#1 v1.5 (SPEC §10). Node 20 refuses PKCS#1 v1.5 private
 * decryption since CVE-2023-46809 unless started with --security-revert, so we decrypt raw and
 * strip the padding ourselves. Timing leaks do not matter here: the key guards demo passwords.
 */
export function pkcs1v15Decrypt(privateKey: KeyObject, ciphertext: Buffer): Buffer | null {
  const keyBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8);
  if (ciphertext.length !== keyBytes) return null;
  let em: Buffer;
  try {
    em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return null;
  }
  // EM = 0x00 || 0x02 || PS (at least 8 non-zero bytes) || 0x00 || M
  if (em.length !== keyBytes || em[0] !== 0x00 || em[1] !== 0x02) return null;
  const separator = em.indexOf(0x00, 2);
  if (separator < 10) return null;
  return em.subarray(separator + 1);
}
