import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode } from '@tessera/errors';

/** A GraphQL-shaped error body, so clients that expect JSON never get an HTML page. */
export function sendJsonError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

interface HttpError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly type?: unknown;
  readonly expose?: unknown;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as HttpError;
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 600 ? value : undefined;
}

/**
 * The last Express error handler. Body-parser failures (malformed JSON, too large, bad charset)
 * are the client's: 4xx with BAD_REQUEST and body-parser's own safe message. Anything else is
 * logged and answered with a bare 500.
 */
export function jsonErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    if (status !== undefined && status < 500) {
      const exposed = (error as HttpError).expose === true && error instanceof Error;
      const message =
        (error as HttpError).type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : exposed
            ? error.message
            : 'The request could not be read.';
      sendJsonError(res, status, 'BAD_REQUEST', message);
      return;
    }
    const log = (res.locals['logger'] as Logger | undefined) ?? logger;
    log.error({ err: error, method: req.method, path: pathOf(req) }, 'unhandled HTTP error');
    sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
  };
}

/** Unknown routes: JSON 404 rather than Express's HTML page. */
export function notFoundHandler(req: Request, res: Response): void {
  sendJsonError(
    res,
    404,
    'NOT_FOUND',
    `No route for ${req.method} ${pathOf(req)}. GraphQL is served at /graphql.`,
  );
}

// The full path without the query string (which may carry a GraphQL document), even inside a
// mounted router, where req.path is relative.
function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? '/';
}
