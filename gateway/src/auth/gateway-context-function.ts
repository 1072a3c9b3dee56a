import { KeySetUnavailableError, parseBearer, type TokenVerifier } from '@tessera/auth';
import { asRequestError, TesseraError, UnauthenticatedError } from '@tessera/errors';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ForwardedHeaders, GatewayContext } from '../gateway-context.js';
import { stateOf } from '../http/request-state.js';

export interface ContextFunctionDeps {
  readonly verifyToken: TokenVerifier;
  readonly logger: Logger;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_TRACESTATE_LENGTH = 512;

/**
 * Apollo's `context` function: verifies the bearer token before anything runs. A bad token
 * rejects the request with HTTP 401 (`asRequestError` sets the status Apollo applies); an
 * unreachable key set with 502 (`KeySetUnavailableError`).
 * No `Authorization` header means an anonymous caller.
 */
export function createContextFunction(deps: ContextFunctionDeps) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<GatewayContext> => {
    const { requestId, summary } = stateOf(res);
    const logger = deps.logger.child({ requestId });
    const authorization = req.get('authorization');
    let principal: GatewayContext['principal'] = null;
    try {
      const token = parseBearer(authorization);
      if (token !== null) principal = await deps.verifyToken(token);
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        logger.info({ reason: error.message }, 'rejected a request with a bad token');
      } else if (error instanceof KeySetUnavailableError) {
        logger.error({ reason: describeCause(error) }, 'cannot verify tokens: key set unavailable');
      }
      throw error instanceof TesseraError ? asRequestError(error) : error;
    }
    return {
      principal,
      requestId,
      logger,
      forwardedHeaders: forwardedHeaders(req, principal === null ? undefined : authorization),
      summary,
    };
  };
}

function forwardedHeaders(req: Request, authorization: string | undefined): ForwardedHeaders {
  const traceparent = req.get('traceparent');
  const tracestate = req.get('tracestate');
  const validParent = traceparent !== undefined && TRACEPARENT.test(traceparent);
  return {
    ...(authorization === undefined ? {} : { authorization }),
    ...(validParent ? { traceparent } : {}),
    // W3C: tracestate means nothing without a valid traceparent.
    ...(validParent && tracestate !== undefined && tracestate.length <= MAX_TRACESTATE_LENGTH
      ? { tracestate }
      : {}),
  };
}

function describeCause(error: KeySetUnavailableError): string {
  const cause = error.originalError;
  if (!(cause instanceof Error)) return error.message;
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
}
