import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy to a local port that a test can take down and bring back on the same port. */
export interface TcpProxy extends AsyncDisposable {
  readonly port: number;
  /** Stops listening and cuts every open connection, as a crashed server would. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = async (): Promise<void> => {
    const next = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    port = address.port;
    server = next;
  };

  const down = async (): Promise<void> => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current !== undefined) await new Promise((resolve) => current.close(resolve));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    down,
    up: listen,
    [Symbol.asyncDispose]: down,
  };
}
