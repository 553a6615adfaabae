import 'server-only';
import type { Db } from '@/db/client';
import { getReceiptCheckById, listReceiptChecksDue } from '@/db/queries/mpesa-receipt-checks';
import { queryReceipt } from './claim-receipt';

/** Receipts still waiting for proof are asked about again once their last query went unanswered for this long. */
const REQUERY_AFTER_SECONDS = 30;

export async function requeryPendingReceipts(db: Db): Promise<number> {
  const due = await listReceiptChecksDue(db, { minIntervalSeconds: REQUERY_AFTER_SECONDS });
  for (const { id } of due) {
    const check = await getReceiptCheckById(db, { id });
    if (check) await queryReceipt(db, check);
  }
  return due.length;
}
