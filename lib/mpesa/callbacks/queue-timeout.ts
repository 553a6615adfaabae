import { resultEnvelopeSchema } from './result-envelope';

/**
 * QueueTimeOutURL notification (SPEC §5.5). No documented or captured body exists, so *any* payload means the
 * same thing: the request timed out in M-Pesa's queue and its outcome is unknown — reconcile with Transaction
 * Status. This parser never throws; it picks up whatever ids the body carries.
 */

export interface QueueTimeout {
  outcome: 'unknown';
  originatorConversationId?: string;
  conversationId?: string;
  resultCode?: string;
  resultDesc?: string;
  raw: unknown;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function parseQueueTimeout(body: unknown): QueueTimeout {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return { outcome: 'unknown', raw: body };
    }
  }
  const parsed = resultEnvelopeSchema.safeParse(value);
  if (parsed.success) {
    const r = parsed.data.Result;
    return {
      outcome: 'unknown',
      originatorConversationId: r.OriginatorConversationID,
      conversationId: r.ConversationID,
      resultCode: r.ResultCode,
      resultDesc: r.ResultDesc,
      raw: body,
    };
  }
  // Fall back to looking for the ids at the top level or under any `Result`-like object.
  const top = asRecord(value);
  const inner = asRecord(top?.Result) ?? top;
  return {
    outcome: 'unknown',
    originatorConversationId: str(inner?.OriginatorConversationID ?? top?.OriginatorConversationID),
    conversationId: str(inner?.ConversationID ?? top?.ConversationID),
    resultCode: str(inner?.ResultCode),
    resultDesc: str(inner?.ResultDesc),
    raw: body,
  };
}
