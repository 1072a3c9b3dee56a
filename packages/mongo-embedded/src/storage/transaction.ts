import type { Document } from 'bson';
import type { RecordId } from './sorted-index.js';

export type TransactionState = 'in-progress' | 'committed' | 'aborted';

/** Record ids at or above this are documents a transaction inserted but has not committed. */
export const FIRST_PENDING_RID = 2 ** 50;

/** A transaction's latest version of one record: a document, or null once deleted. */
export interface PendingWrite {
  readonly db: string;
  readonly coll: string;
  readonly rid: RecordId;
  doc: Document | null;
}

/**
 * One multi-document transaction: the snapshot it reads from and its private writes, in the
 * order records were first touched. Nothing here is visible to others until commit.
 */
export class Transaction {
  state: TransactionState = 'in-progress';
  /** Why the transaction was aborted, reported by its next command. */
  abortReason: string | undefined;
  private readonly writes = new Map<string, PendingWrite>();
  private nextPendingRid = FIRST_PENDING_RID;
  private readonly resolvers: (() => void)[] = [];

  constructor(
    readonly txnNumber: number,
    readonly snapshot: number,
    readonly startedAt: number,
  ) {}

  pendingRid(): RecordId {
    return this.nextPendingRid++;
  }

  write(db: string, coll: string, rid: RecordId, doc: Document | null): void {
    const key = writeKey(db, coll, rid);
    const existing = this.writes.get(key);
    if (existing !== undefined) existing.doc = doc;
    else this.writes.set(key, { db, coll, rid, doc });
  }

  pending(db: string, coll: string, rid: RecordId): PendingWrite | undefined {
    return this.writes.get(writeKey(db, coll, rid));
  }

  /** This transaction's writes to one collection. */
  writesTo(db: string, coll: string): PendingWrite[] {
    return [...this.writes.values()].filter((w) => w.db === db && w.coll === coll);
  }

  allWrites(): PendingWrite[] {
    return [...this.writes.values()];
  }

  get hasWrites(): boolean {
    return this.writes.size > 0;
  }

  /** Resolves when the transaction commits or aborts (writers outside it wait on this). */
  finished(): Promise<void> {
    if (this.state !== 'in-progress') return Promise.resolve();
    return new Promise((resolve) => this.resolvers.push(resolve));
  }

  end(state: 'committed' | 'aborted', reason?: string): void {
    this.state = state;
    this.abortReason = reason;
    for (const resolve of this.resolvers.splice(0)) resolve();
  }
}

function writeKey(db: string, coll: string, rid: RecordId): string {
  return `${rid}\u0000${db}\u0000${coll}`;
}
