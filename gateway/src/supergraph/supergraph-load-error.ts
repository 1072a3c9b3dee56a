/**
 * The supergraph could not be loaded at startup (missing file, unreadable, or not a valid
 * supergraph). `main.ts` prints the message and exits 1. After startup a bad file never throws:
 * it is logged and the previous supergraph keeps serving.
 */
export class SupergraphLoadError extends Error {
  readonly code = 'SUPERGRAPH_LOAD_FAILED';

  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot load the supergraph at ${path} (SUPERGRAPH_PATH): ${reason}`, options);
    this.name = 'SupergraphLoadError';
  }
}
