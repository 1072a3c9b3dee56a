import { ObjectId } from 'bson';
import type { Logger } from '../logger.js';
import { StorageEngine } from '../storage/storage-engine.js';
import { TransactionManager } from '../storage/transaction-manager.js';
import { CursorStore } from './cursor-store.js';
import { OpCounters } from './op-counters.js';
import { SessionRegistry } from './session-registry.js';

/** Everything the commands share: data, cursors, counters and identity. */
export class ServerState {
  readonly storage = new StorageEngine();
  readonly transactions = new TransactionManager(this.storage);
  readonly sessions = new SessionRegistry(this.transactions);
  readonly cursors = new CursorStore();
  readonly counters = new OpCounters();
  readonly startedAt = new Date();
  /** Reported in hello as `electionId`; drivers compare it to detect stale primaries. */
  readonly electionId = new ObjectId('7fffffff0000000000000001');
  host = '127.0.0.1:0';
  connectionsCurrent = 0;
  connectionsTotal = 0;
  /** Makes acknowledged writes durable before a reply leaves (the journal flush). */
  beforeReply: (() => void) | undefined;

  constructor(
    readonly logger: Logger,
    readonly setName: string,
  ) {}
}
