import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { inboxPage, messagePage } from './pages';

/**
 * The local mailbox: a real SMTP server (smtp-server) that keeps what it receives in memory, parsed (mailparser),
 * and a small web inbox to read it. `npm run dev` starts it beside the app; tests start their own on free ports
 * and read what arrived through `messages()` or the JSON API. Never for production: it accepts mail for anyone.
 */

export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  cid: string | null;
  content: Buffer;
}

export interface StoredEmail {
  id: string;
  receivedAt: string;
  messageId: string | null;
  from: string;
  fromName: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
}

export interface Mailbox {
  smtpPort: number;
  httpPort: number;
  /** The web inbox. */
  url: string;
  messages(): StoredEmail[];
  clear(): void;
  /** Resolves with the first message (arrived or arriving) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (m: StoredEmail) => boolean, timeoutMs?: number): Promise<StoredEmail>;
  stop(): Promise<void>;
}

const MAX_MESSAGES = 500;

export async function startMailbox({ smtpPort = 0, httpPort = 0, host = '127.0.0.1' }: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<Mailbox> {
  let store: StoredEmail[] = [];
  const waiters = new Set<() => void>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream, { keepCidLinks: true })
        .then((parsed) => {
          const from = parsed.from?.value[0];
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
          store = [{
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            messageId: parsed.messageId ?? null,
            from: from?.address ?? '',
            fromName: from?.name || null,
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, size: a.size, cid: a.contentId?.replace(/^<|>$/g, '') ?? a.cid ?? null, content: a.content })),
          }, ...store].slice(0, MAX_MESSAGES);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, () => resolve());
  });
  const actualSmtpPort = (smtp.server.address() as AddressInfo).port;

  const http = createServer((req, res) => {
    try {
      handleHttp(req, res, { messages: () => store, clear: () => { store = []; } });
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(httpPort, host, () => resolve());
  });
  const actualHttpPort = (http.address() as AddressInfo).port;

  return {
    smtpPort: actualSmtpPort,
    httpPort: actualHttpPort,
    url: `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${actualHttpPort}`,
    messages: () => store,
    clear: () => {
      store = [];
    },
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = store.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching email within ${timeoutMs} ms (${store.length} received)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async stop() {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => http.close(() => r()))]);
    },
  };
}

/** A message without its binary contents, for the JSON API. */
function summary(m: StoredEmail, full = false) {
  return { ...m, text: full ? m.text : undefined, html: full ? m.html : undefined, attachments: m.attachments.map(({ content: _content, ...a }) => a) };
}

function handleHttp(req: IncomingMessage, res: ServerResponse, box: { messages(): StoredEmail[]; clear(): void }): void {
  const url = new URL(req.url ?? '/', 'http://mailbox.local');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const json = (status: number, value: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const html = (status: number, body: string): void => void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const find = (id: string | undefined) => box.messages().find((m) => m.id === id);

  if (req.method === 'GET' && parts.length === 0) return html(200, inboxPage(box.messages()));
  if (parts[0] === 'api' && parts[1] === 'messages') {
    if (req.method === 'DELETE' && parts.length === 2) {
      box.clear();
      return json(200, { ok: true });
    }
    if (parts.length === 2) return json(200, box.messages().map((m) => summary(m)));
    const m = find(parts[2]);
    return m ? json(200, summary(m, true)) : json(404, { error: 'not found' });
  }
  if (req.method === 'GET' && parts[0] === 'messages') {
    const m = find(parts[1]);
    if (!m) return html(404, '<p>No such message. <a href="/">Inbox</a></p>');
    if (parts.length === 2) return html(200, messagePage(m));
    if (parts[2] === 'html') {
      // Shown in a sandboxed frame: mail HTML runs no script and loads nothing from outside.
      const body = (m.html ?? '').replace(/cid:([^"'\s)]+)/g, (_all, cid: string) => `/messages/${m.id}/cid/${encodeURIComponent(cid)}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'" });
      return void res.end(body);
    }
    const attachment = parts[2] === 'cid' ? m.attachments.find((a) => a.cid === parts[3]) : parts[2] === 'attachments' ? m.attachments[Number(parts[3])] : undefined;
    if (!attachment) return html(404, '<p>No such attachment.</p>');
    res.writeHead(200, {
      'content-type': attachment.contentType,
      'content-disposition': `${parts[2] === 'cid' ? 'inline' : 'attachment'}; filename="${attachment.filename.replace(/"/g, '')}"`,
    });
    return void res.end(attachment.content);
  }
  return html(404, '<p>Not found. <a href="/">Inbox</a></p>');
}
