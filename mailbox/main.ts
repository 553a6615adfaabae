import { z } from 'zod';
import { startMailbox } from './mailbox';

/** `npm run mailbox` (and `npm run dev`): the local SMTP server and its web inbox, on MAILBOX_SMTP_PORT / MAILBOX_HTTP_PORT. */
const env = z
  .object({
    MAILBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
    MAILBOX_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(1080),
    MAILBOX_HOST: z.string().default('127.0.0.1'),
  })
  .parse(process.env);

startMailbox({ smtpPort: env.MAILBOX_SMTP_PORT, httpPort: env.MAILBOX_HTTP_PORT, host: env.MAILBOX_HOST })
  .then((box) => {
    process.stdout.write(`Local mailbox: SMTP on ${env.MAILBOX_HOST}:${box.smtpPort}; read Haven's email at ${box.url}\n`);
    const stop = () => void box.stop().finally(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })
  .catch((error: unknown) => {
    console.error('Local mailbox failed to start:', error);
    process.exit(1);
  });
