import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayId } from './ids';
import { toWireJson } from './wire-json';

export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering (the `reset-connection` fault). */
  resetConnection?: boolean;
}

export const resetReply: Reply = { status: 0, body: '', contentType: 'text/plain', resetConnection: true };

export const jsonReply = (status: number, value: unknown): Reply => ({
  status,
  body: toWireJson(value),
  contentType: 'application/json;charset=UTF-8',
});

export const htmlReply = (status: number, html: string): Reply => ({ status, body: html, contentType: 'text/html; charset=utf-8' });

/**
 * The gateway's error envelope (SPEC §1.2). Daraja's body is a hand-written template: no space
 * after `"requestId":`, one after the other keys, tabs and spaces mixed. We copy that template.
 */
export function gatewayError(errorCode: string, errorMessage: string, requestId: string = gatewayId()): Reply {
  const status = Number(errorCode.slice(0, 3));
  const body = `{\n    "requestId":${JSON.stringify(requestId)},\n    "errorCode": ${JSON.stringify(errorCode)},\n\t"errorMessage": ${JSON.stringify(errorMessage)}\n}`;
  return { status, body, contentType: 'application/json;charset=UTF-8', headers: { 'cache-control': 'no-store' } };
}

/** Thrown by validation deep inside a handler; the pipeline turns it into the reply. */
export class GatewayError extends Error {
  readonly reply: Reply;
  constructor(errorCode: string, errorMessage: string, requestId?: string) {
    super(`${errorCode} ${errorMessage}`);
    this.reply = gatewayError(errorCode, errorMessage, requestId);
  }
}

export const invalidField = (field: string): GatewayError => new GatewayError('400.002.02', `Bad Request - Invalid ${field}`);

export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.resetConnection) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
  res.end(reply.body);
}
