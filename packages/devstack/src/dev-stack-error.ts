/** Why the dev stack could not start. Stable codes so callers (and tests) can branch on them. */
export type DevStackErrorCode =
  | 'REDIS_UNAVAILABLE'
  | 'CHILD_EXITED'
  | 'READY_TIMEOUT'
  | 'NO_SUBGRAPHS'
  | 'DEMO_LOGIN_FAILED'
  | 'ALREADY_RUNNING';

export class DevStackError extends Error {
  constructor(
    readonly code: DevStackErrorCode,
    message: string,
    /** The failing process's last output lines, oldest first, when there is one. */
    readonly lastLines: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DevStackError';
  }
}
