import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';

/**
 * Evidence for deposit deductions (photos, invoices) on local disk under HAVEN_DATA_DIR/evidence. Files are
 * named by a random id (never by what the uploader called them), limited in size and type — checked by their
 * first bytes, not their claimed type — and served only through the evidence route, which checks the caller may
 * see the lease. Several app instances need HAVEN_DATA_DIR on shared storage (or one instance serving uploads).
 */

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 4;

const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export interface StoredEvidence { storageKey: string; contentType: string; sizeBytes: number; sha256: string; fileName: string }

const root = () => path.resolve(getEnv().dataDir, 'evidence');

export function checkEvidence(fileName: string, bytes: Buffer): { type: string; ext: string } {
  if (bytes.length === 0) throw new AppError('invalid_request', `${fileName} is empty`, { details: { fields: [{ path: 'evidence', message: `${fileName} is empty` }] } });
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    const message = `${fileName} is larger than 5 MB: take a smaller photo or scan`;
    throw new AppError('invalid_request', message, { details: { fields: [{ path: 'evidence', message }] } });
  }
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) {
    const message = `${fileName} is not a JPEG, PNG or WebP photo or a PDF`;
    throw new AppError('invalid_request', message, { details: { fields: [{ path: 'evidence', message }] } });
  }
  return kind;
}

export async function storeEvidence({ agencyId, fileName, bytes }: { agencyId: string; fileName: string; bytes: Buffer }): Promise<StoredEvidence> {
  const kind = checkEvidence(fileName, bytes);
  const storageKey = `${agencyId}/${randomUUID()}.${kind.ext}`;
  const target = path.join(root(), storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes, { flag: 'wx', mode: 0o600 });
  const cleanName = fileName.replace(/[^\w .()-]/g, '_').slice(-100) || `evidence.${kind.ext}`;
  return { storageKey, contentType: kind.type, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), fileName: cleanName };
}

export async function readEvidence(storageKey: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|pdf)$/.test(storageKey)) throw new AppError('not_found', 'That file was not found');
  return readFile(path.join(root(), storageKey));
}
