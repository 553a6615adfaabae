import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { EVIDENCE_UPLOAD_LIMIT_BYTES } from '@/lib/api/read-body';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { addDeduction, deductionSchema } from '@/lib/deposits/deposit-settlement';
import { AppError } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A deposit deduction with a reason and optional evidence files (multipart form: category, description, amount, evidence[]). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  // Refuse oversized bodies before reading them into memory.
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > EVIDENCE_UPLOAD_LIMIT_BYTES) throw new AppError('invalid_request', 'The upload is too large: at most 4 files of 5 MB');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError('invalid_request', 'Send the deduction as a form (multipart/form-data)');
  }
  const input = deductionSchema.parse({ category: form.get('category'), description: form.get('description') ?? '', amount: form.get('amount') ?? '' });
  const files = await Promise.all(
    form.getAll('evidence').filter((f): f is File => typeof f !== 'string' && f.size > 0).map(async (f) => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) })),
  );
  const movement = await addDeduction(await getDb(), { caller, leaseId: id, input, files });
  return NextResponse.json({ id: movement.id, redirect: `/leases/${id}` }, { status: 201 });
});
