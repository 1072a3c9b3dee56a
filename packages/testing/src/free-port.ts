import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now. Prefer listening on port 0 where the server allows it:
 * another process may take this port before you bind it.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('freePort: no port assigned')),
      );
    });
  });
}
