import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { asNumber } from '../../bson-number.js';
import type { Logger } from '../../logger.js';
import type { Catalog } from '../catalog.js';
import type { CommitListener, JournalEntry } from '../write-op.js';
import { lockDbPath } from './dbpath-lock.js';
import { documentToEntry, entryToDocument } from './journal-codec.js';
import { decodeFrames, encodeFrame } from './record-framing.js';
import { replayEntry } from './replay.js';
import { loadSnapshot, writeSnapshot } from './snapshot-file.js';

export const JOURNAL_FILE = 'journal.bson';

export interface PersistenceOptions {
  /** fsync the journal this often when it has new records. @defaultValue 100 */
  readonly fsyncIntervalMs?: number;
  /** Compact into a new snapshot once the journal passes this size. @defaultValue 64 MiB */
  readonly compactAtBytes?: number;
}

/**
 * Durability for a dbPath. Each commit becomes one checksummed journal record. Records are
 * written to the file (the OS page cache) before the reply that acknowledges them is sent, so
 * a killed process (SIGKILL) loses no acknowledged write; they are fsynced every
 * `fsyncIntervalMs`, so a machine crash or power loss may lose that last interval. A clean
 * stop writes a compacted snapshot and empties the journal.
 */
export class Persistence implements CommitListener {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private journalBytes: number;
  private dirty = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly dir: string,
    private readonly catalog: Catalog,
    private readonly logger: Logger,
    private readonly fd: number,
    private lsn: number,
    journalBytes: number,
    private readonly unlock: () => void,
    private readonly compactAtBytes: number,
    fsyncIntervalMs: number,
  ) {
    this.journalBytes = journalBytes;
    this.timer = setInterval(() => this.sync(), fsyncIntervalMs);
    this.timer.unref();
  }

  /** Locks the directory, loads the snapshot and replays the journal into `catalog`. */
  static open(
    dir: string,
    catalog: Catalog,
    logger: Logger,
    options: PersistenceOptions = {},
  ): Persistence {
    mkdirSync(dir, { recursive: true });
    const unlock = lockDbPath(dir);
    try {
      let lsn = loadSnapshot(dir, catalog);
      const journalPath = join(dir, JOURNAL_FILE);
      let data: Buffer;
      try {
        data = readFileSync(journalPath);
      } catch {
        data = Buffer.alloc(0);
      }
      const { frames, validLength, tornTail } = decodeFrames(data);
      let replayed = 0;
      for (const [head, ...docs] of frames) {
        const recordLsn = asNumber(head?.lsn) ?? 0;
        if (recordLsn <= lsn) continue;
        const entries = docs.map(documentToEntry).filter((e): e is JournalEntry => e !== undefined);
        for (const entry of entries) replayEntry(catalog, entry, logger);
        lsn = recordLsn;
        replayed++;
      }
      const fd = openSync(journalPath, 'a+');
      if (tornTail) {
        logger.warn(`recovery: dropped a torn journal tail of ${data.length - validLength} bytes`);
        ftruncateSync(fd, validLength);
      }
      if (replayed > 0) logger.info(`recovery: replayed ${replayed} journal records`);
      return new Persistence(
        dir,
        catalog,
        logger,
        fd,
        lsn,
        validLength,
        unlock,
        options.compactAtBytes ?? 64 * 1024 * 1024,
        options.fsyncIntervalMs ?? 100,
      );
    } catch (error) {
      unlock();
      throw error;
    }
  }

  onCommit(entries: readonly JournalEntry[]): void {
    if (this.closed) return;
    this.lsn++;
    const frame = encodeFrame([{ lsn: this.lsn }, ...entries.map(entryToDocument)]);
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= 1024 * 1024) this.flush();
  }

  /** Writes pending records to the journal file; called before every reply is sent. */
  flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    const data =
      this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    writeSync(this.fd, data);
    this.journalBytes += data.length;
    this.dirty = true;
    if (this.journalBytes >= this.compactAtBytes) this.compact();
  }

  /** Writes a full snapshot and empties the journal. */
  compact(): void {
    this.flush();
    writeSnapshot(this.dir, this.catalog, this.lsn);
    // Records up to `lsn` are in the snapshot; a crash before this truncation only leaves
    // records that recovery skips by their lsn.
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.journalBytes = 0;
    this.dirty = false;
  }

  /** Flushes, compacts and releases the directory. */
  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    try {
      this.compact();
    } finally {
      this.closed = true;
      closeSync(this.fd);
      this.unlock();
    }
  }

  private sync(): void {
    try {
      this.flush();
      if (this.dirty && !this.closed) {
        fsyncSync(this.fd);
        this.dirty = false;
      }
    } catch (error) {
      this.logger.error(`journal sync failed: ${(error as Error).message}`);
    }
  }
}
