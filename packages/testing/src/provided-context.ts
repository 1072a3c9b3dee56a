// What the integration project's globalSetup hands to tests through `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A MongoDB URI (the embedded server, or `MONGODB_URI`), without a database name. */
    mongoUri: string;
    /** A Redis URL (a `redis-server` started for the run, or `REDIS_URL`). */
    redisUrl: string;
  }
}

export {};
