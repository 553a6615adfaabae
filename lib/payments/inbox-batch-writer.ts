import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertInboxRows, type NewInboxRow } from '@/db/queries/callback-inbox';

/**
 * Stores callbacks for intake, several per statement. Under a burst, every callback that arrives while a write is
 * in flight joins the next one, so fifty callbacks cost a couple of commits instead of fifty — and no caller waits
 * longer than one write for its row to be durable (it is answered "Accepted" only then). At most `maxInFlight`
 * writes run at once: the size of intake's own pool.
 */
export interface InboxBatchWriter {
  store(row: NewInboxRow): Promise<string>;
}

interface Pending {
  row: NewInboxRow & { id: string };
  resolve: (id: string) => void;
  reject: (error: unknown) => void;
}

export function createInboxBatchWriter({ db, maxInFlight, maxBatch = 200 }: { db: () => Promise<Db>; maxInFlight: number; maxBatch?: number }): InboxBatchWriter {
  let queue: Pending[] = [];
  let inFlight = 0;

  // One statement for the batch; if it fails, each row alone, so that one row the database refuses cannot cost the
  // callbacks that happened to arrive with it their "Accepted".
  const write = async (batch: Pending[]): Promise<void> => {
    try {
      await insertInboxRows(await db(), batch.map((p) => p.row));
      batch.forEach((p) => p.resolve(p.row.id));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const p of batch) {
        try {
          await insertInboxRows(await db(), [p.row]);
          p.resolve(p.row.id);
        } catch (rowError) {
          p.reject(rowError);
        }
      }
    }
  };

  const flush = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void write(batch).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  };

  return {
    store(row) {
      return new Promise<string>((resolve, reject) => {
        queue.push({ row: { ...row, id: row.id ?? randomUUID() }, resolve, reject });
        // Deferred to the next turn so that requests parsed in this one share the statement.
        if (queue.length === 1) setImmediate(flush);
      });
    },
  };
}
