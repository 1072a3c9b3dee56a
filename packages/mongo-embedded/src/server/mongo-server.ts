import { createServer, type Server, type Socket } from 'node:net';
import { Dispatcher } from '../commands/dispatcher.js';
import type { Logger } from '../logger.js';
import { Connection } from './connection.js';
import { ServerState } from './server-state.js';

export interface MongoServerOptions {
  /** @defaultValue 0 (a free port) */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** The replica set name reported by hello. @defaultValue 'tessera' */
  readonly setName?: string;
  readonly logger: Logger;
}

/** The TCP listener: accepts connections and hands each one to a Connection. */
export class MongoServer {
  readonly state: ServerState;
  private readonly dispatcher: Dispatcher;
  private readonly connections = new Set<Connection>();
  private server: Server | undefined;
  private nextConnectionId = 1;

  constructor(private readonly options: MongoServerOptions) {
    this.state = new ServerState(options.logger, options.setName ?? 'tessera');
    this.dispatcher = new Dispatcher(this.state);
  }

  async listen(): Promise<number> {
    const host = this.options.host ?? '127.0.0.1';
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.options.logger.error(`listener error: ${error.message}`));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    this.state.host = `${host}:${port}`;
    return port;
  }

  /** Stops accepting, closes every connection and waits for the listener to close. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const connection of this.connections) connection.close();
    this.connections.clear();
    this.state.cursors.clear();
    if (server === undefined) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const connection = new Connection(
      socket,
      this.nextConnectionId++,
      this.dispatcher,
      this.options.logger,
      () => this.state.beforeReply?.(),
    );
    this.connections.add(connection);
    this.state.connectionsCurrent++;
    this.state.connectionsTotal++;
    socket.on('close', () => {
      this.connections.delete(connection);
      this.state.connectionsCurrent--;
    });
  }
}
