import 'server-only';
import type { Db } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { closeUnplacedPayment } from './close-unplaced-payment';
import { mergeUnplacedPayment } from './merge-unplaced-payment';
import { placeUnplacedPayment } from './place-unplaced-payment';
import { refundUnplacedPayment } from './refund-unplaced-payment';
import { undoUnplacedAction } from './undo-unplaced-action';
import type { UnplacedActionInput } from './unplaced-action-input';

/** One entry point for the route handler: each action is its own service, chosen by the parsed input. */
export async function runUnplacedAction(db: Db, { caller, itemId, input }: { caller: Caller; itemId: string; input: UnplacedActionInput }): Promise<{ itemId: string }> {
  switch (input.action) {
    case 'place':
      return placeUnplacedPayment(db, { caller, itemId, leaseId: input.leaseId, reason: input.reason });
    case 'refund':
      return refundUnplacedPayment(db, { caller, itemId, reason: input.reason });
    case 'not_ours':
    case 'keep':
      return closeUnplacedPayment(db, { caller, itemId, action: input.action, reason: input.reason });
    case 'merge':
      return mergeUnplacedPayment(db, { caller, itemId, paymentId: input.paymentId, reason: input.reason });
    case 'undo':
      return undoUnplacedAction(db, { caller, itemId, reason: input.reason });
  }
}
