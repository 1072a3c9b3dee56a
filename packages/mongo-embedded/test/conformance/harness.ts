/**
 * The conformance harness. Every conformance file runs its tests once per installed driver major
 * against ONE server: a real MongoDB when `MONGODB_URI` is set (it must be a replica set, for
 * transactions), otherwise an embedded server started for the file. Tests only use the public
 * driver API, so the same files judge the embedded server and a real `mongod` alike.
 */
import { randomBytes } from 'node:crypto';
import * as mongodb7 from 'mongodb';
import * as mongodb6 from 'mongodb6';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Collection, Db, MongoClient, MongoClientOptions } from 'mongodb';

/**
 * A driver module. `mongodb6` is typed as the 7.x module: the API the suite uses is the same in
 * both, and each driver must get BSON values built by its OWN `bson` (6.x vs 7.x), so tests take
 * `Long`, `Int32`, `Decimal128`... from `driver.mongo`, never from a shared import.
 */
export type DriverModule = typeof mongodb7;

export interface DriverUnderTest {
  readonly name: string;
  readonly mongo: DriverModule;
}

export const drivers: readonly DriverUnderTest[] = [
  { name: 'mongodb 7.x', mongo: mongodb7 },
  { name: 'mongodb 6.x', mongo: mongodb6 as unknown as DriverModule },
];

const externalUri = process.env['MONGODB_URI'];

/** True when the suite runs against the embedded server (no `MONGODB_URI`). */
export const isEmbedded = externalUri === undefined || externalUri === '';

export interface EmbeddedHandle {
  readonly uri: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface EmbeddedModule {
  readonly startEmbeddedMongo: (options: {
    port?: number;
    dbPath?: string;
  }) => Promise<EmbeddedHandle>;
}

/**
 * Starts an embedded server through the package's public entry point. Imported lazily so that a
 * run against a real MongoDB never loads the embedded server.
 */
export async function startEmbedded(
  options: { port?: number; dbPath?: string } = {},
): Promise<EmbeddedHandle> {
  const embedded = (await import('../../src/index.js')) as unknown as EmbeddedModule;
  return embedded.startEmbeddedMongo({ port: 0, ...options });
}

export interface ServerUnderTest {
  /** The connection string; valid inside tests and hooks. */
  readonly uri: string;
}

/**
 * Starts the server for this file (or points at `MONGODB_URI`). Call once at the top level of a
 * conformance file.
 */
export function useServer(): ServerUnderTest {
  let uri: string | undefined = isEmbedded ? undefined : externalUri;
  let handle: EmbeddedHandle | undefined;

  beforeAll(async () => {
    if (!isEmbedded) return;
    handle = await startEmbedded({ port: 0 });
    uri = handle.uri;
  });

  afterAll(async () => {
    await handle?.stop();
  });

  return {
    get uri(): string {
      if (uri === undefined) throw new Error('the server is not started (used outside a test?)');
      return uri;
    },
  };
}

/**
 * The document type of every test collection: any `_id`, any fields. The driver's default
 * (`Document`) types `_id` as ObjectId, which the suite's numeric and string ids are not.
 */
export interface Doc {
  // A union, not `unknown`: the driver's InferIdType maps `unknown` and `any` back to ObjectId.
  _id?: string | number | bigint | boolean | null | object;
  // `any`: the driver's update typings only accept $inc/$push on fields typed as numbers/arrays.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface Conformance {
  readonly mongo: DriverModule;
  /** A collection of the current test's database. */
  coll(name: string): Collection<Doc>;
  /** A client connected for the whole describe block. */
  readonly client: MongoClient;
  /** A fresh database, unique to the current test and dropped after it. */
  readonly db: Db;
  readonly dbName: string;
  /** Another fresh database for the current test (dropped after it). */
  otherDb(): Db;
  /** An extra client (e.g. a second "application"), closed after the current test. */
  connect(options?: MongoClientOptions): Promise<MongoClient>;
}

/** A unique database name: tests never share data, on the embedded server or a real one. */
export function uniqueDbName(): string {
  return `conf_${randomBytes(6).toString('hex')}`;
}

/** Per-driver client and per-test database. Call inside `describe.each(drivers)`. */
export function useConformance(server: ServerUnderTest, driver: DriverUnderTest): Conformance {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  let dbNames: string[] = [];
  let extraClients: MongoClient[] = [];

  const newClient = async (options: MongoClientOptions = {}): Promise<MongoClient> => {
    const c = new driver.mongo.MongoClient(server.uri, {
      serverSelectionTimeoutMS: 10_000,
      ...options,
    });
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    client = await newClient();
  });

  afterAll(async () => {
    await client?.close();
  });

  beforeEach(() => {
    const name = uniqueDbName();
    dbNames = [name];
    db = required(client, 'client').db(name);
  });

  afterEach(async () => {
    await Promise.all(extraClients.map((c) => c.close()));
    extraClients = [];
    const c = required(client, 'client');
    for (const name of dbNames) await c.db(name).dropDatabase();
    dbNames = [];
  });

  return {
    mongo: driver.mongo,
    get client() {
      return required(client, 'client');
    },
    get db() {
      return required(db, 'db');
    },
    coll(name) {
      return required(db, 'db').collection<Doc>(name);
    },
    get dbName() {
      return required(db, 'db').databaseName;
    },
    otherDb() {
      const name = uniqueDbName();
      dbNames.push(name);
      return required(client, 'client').db(name);
    },
    async connect(options) {
      const c = await newClient(options);
      extraClients.push(c);
      return c;
    },
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not ready (used outside a test?)`);
  return value;
}

/** What a failed driver call rejected with, for asserting `code`, `codeName` and labels. */
export interface ServerErrorShape {
  readonly name: string;
  readonly message: string;
  readonly code?: number | string;
  readonly codeName?: string;
  readonly errorLabels?: readonly string[];
  hasErrorLabel?(label: string): boolean;
  readonly [key: string]: unknown;
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<ServerErrorShape> {
  try {
    await promise;
  } catch (error) {
    return error as ServerErrorShape;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** The BSON type name of a value read with `promoteValues: false` ('Int32', 'Long', ...). */
export function bsonType(value: unknown): string {
  if (value !== null && typeof value === 'object' && '_bsontype' in value) {
    return String(value._bsontype);
  }
  return typeof value;
}
