import { createServer, type Server } from 'node:http';
import type { Sandbox } from './context';
import { gatewayError, writeReply } from './http';
import { route } from './router';

export function createSandboxServer(sandbox: Sandbox): Server {
  return createServer((req, res) => {
    route(sandbox, req)
      .then((reply) => writeReply(res, reply))
      .catch((err: unknown) => {
        console.error('sandbox: request failed', err);
        writeReply(res, gatewayError('500.003.1001', 'Internal Server Error'));
      });
  });
}
