import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { RequestSummary } from '../gateway-context.js';

/** Per-request state shared by the HTTP middleware and the Apollo context. */
export interface RequestState {
  readonly requestId: string;
  readonly startedAt: bigint;
  readonly summary: RequestSummary;
}

// Ids are echoed into logs and subgraph headers, so only a conservative shape is trusted.
const TRUSTED_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Adopts the caller's `x-request-id` when it looks sane, otherwise mints one, and echoes it. */
export function requestState(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId =
      incoming !== undefined && TRUSTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state: RequestState = { requestId, startedAt: process.hrtime.bigint(), summary: {} };
    res.locals['tessera'] = state;
    res.setHeader('x-request-id', requestId);
    next();
  };
}

export function stateOf(res: Response): RequestState {
  const state = res.locals['tessera'] as RequestState | undefined;
  if (!state) throw new TypeError('requestState() must run before this middleware.');
  return state;
}
