import { Binary, type Document } from 'bson';
import type { Transaction } from '../storage/transaction.js';
import type { TransactionManager } from '../storage/transaction-manager.js';

/** The reply of the last retryable write, returned again if the driver retries it. */
export interface RetryRecord {
  readonly txnNumber: number;
  readonly command: string;
  readonly reply: Document;
}

export class ServerSession {
  lastUse = Date.now();
  /** The highest `txnNumber` seen on this session. */
  txnNumber = -1;
  txn: Transaction | undefined;
  retry: RetryRecord | undefined;

  constructor(readonly key: string) {}
}

/** Sessions idle longer than `logicalSessionTimeoutMinutes` (30) are dropped. */
const SESSION_TIMEOUT_MS = 30 * 60_000;

/** Server-side state per logical session (`lsid`), as drivers expect for transactions. */
export class SessionRegistry {
  private readonly sessions = new Map<string, ServerSession>();
  private lastReap = Date.now();

  constructor(private readonly transactions: TransactionManager) {}

  /** The session an `lsid` names, created on first use; undefined when there is no lsid. */
  resolve(lsid: unknown): ServerSession | undefined {
    const key = sessionKey(lsid);
    if (key === undefined) return undefined;
    let session = this.sessions.get(key);
    if (session === undefined) {
      session = new ServerSession(key);
      this.sessions.set(key, session);
    }
    session.lastUse = Date.now();
    return session;
  }

  end(lsids: readonly unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      const session = key !== undefined ? this.sessions.get(key) : undefined;
      if (session === undefined) continue;
      if (session.txn !== undefined) this.transactions.abort(session.txn, 'session ended');
      this.sessions.delete(session.key);
    }
  }

  /** Aborts transactions and forgets sessions that timed out. Cheap when called often. */
  reap(now: number): void {
    this.transactions.expire(now);
    if (now - this.lastReap < 60_000) return;
    this.lastReap = now;
    for (const [key, session] of this.sessions) {
      if (now - session.lastUse > SESSION_TIMEOUT_MS) {
        if (session.txn !== undefined) this.transactions.abort(session.txn, 'session expired');
        this.sessions.delete(key);
      }
    }
  }

  get size(): number {
    return this.sessions.size;
  }
}

function sessionKey(lsid: unknown): string | undefined {
  if (lsid === null || typeof lsid !== 'object') return undefined;
  const id: unknown = (lsid as Document).id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return undefined;
}
