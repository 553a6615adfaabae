import 'server-only';
import type { Db, DbOrTx, Tx } from '@/db/client';
import type { InitiatorAck } from '@/lib/mpesa/client-types';
import type { ProcessResult } from '../inbox-processors';
import type { MpesaContext } from '../mpesa-context';

/**
 * Money going out, balance checks and Transaction Status queries share one lifecycle (ARCHITECTURE invariant 3
 * and 5): recorded (QUEUED) → claimed for sending (UNKNOWN: from here on it may have reached M-Pesa, so it is
 * never resent) → acknowledged (PENDING, with Daraja's ids) → a result or a queue timeout → settled. What differs
 * per kind is small and lives in a descriptor: its table, how it is sent, and what a result means.
 */

export type InitiatorKindName = 'payout' | 'reversal' | 'balance' | 'status';

export interface InitiatorRow {
  id: string;
  agencyId: string | null;
  /** Daraja's id from the acknowledgement; null until it is stored. */
  conversationId: string | null;
}

/** The ids a result envelope carries: Daraja's ConversationID and the OriginatorConversationID. */
export interface ResultIds {
  conversationId: string;
  originatorConversationId?: string | null;
}

export interface InitiatorKind<Row extends InitiatorRow, Result extends ResultIds> {
  name: InitiatorKindName;
  audit: { targetType: string; prefix: string };
  get(db: DbOrTx, id: string): Promise<Row | null>;
  /** QUEUED → UNKNOWN (and sent_at) in one UPDATE: only the caller that wins it sends, so it is sent at most once. */
  claimForSend(db: DbOrTx, id: string): Promise<Row | null>;
  /** Daraja refused it before doing anything: UNKNOWN → FAILED. */
  recordRefusal(db: DbOrTx, id: string, refusal: { code: string | null; description: string }): Promise<void>;
  /** Stores the acknowledgement's ids; UNKNOWN → PENDING unless a result got there first. */
  recordAck(tx: Tx, id: string, ack: InitiatorAck): Promise<void>;
  send(ctx: MpesaContext, row: Row): Promise<InitiatorAck>;
  parseResult(body: string): Result;
  /**
   * The request a result (or queue timeout) is about; null while its ack ids are not stored yet. A reversal result
   * also names the receipt it reverses (`originalTransactionId`), which finds a reversal whose ack was never stored.
   */
  findForResult(db: DbOrTx, result: ResultIds & { occasion?: string | null; originalTransactionId?: string | null }): Promise<Row | null>;
  applyResult(db: Db, args: { request: Row; result: Result; inboxId: string }): Promise<ProcessResult>;
  applyTimeout(db: Db, args: { request: Row; inboxId: string }): Promise<ProcessResult>;
}
