import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Answers with a GraphQL-shaped JSON error: clients parse JSON even when the request was bad. */
export function sendGraphQLError(res: Response, status: number, code: string, message: string) {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * A POST must carry a JSON body. Without this, Express leaves `req.body` unset and the Apollo
 * integration answers 500 in plain text.
 */
export function requireJsonPost(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.is(JSON_TYPES)) {
      next();
      return;
    }
    sendGraphQLError(
      res,
      400,
      'BAD_REQUEST',
      'A GraphQL POST request must have a JSON body with "Content-Type: application/json".',
    );
  };
}

export const jsonBodyTypes = JSON_TYPES;

interface BodyParserError {
  type?: unknown;
  limit?: unknown;
}

/**
 * Turns body-parser failures into BAD_REQUEST JSON. The status stays body-parser's (413 for too
 * large, 415 for a charset), as the subgraph kit answers, so clients see one behaviour.
 */
export function bodyParserErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const { type, limit } = (
      typeof error === 'object' && error !== null ? error : {}
    ) as BodyParserError;
    switch (type) {
      case 'entity.parse.failed':
        sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
        return;
      case 'entity.too.large':
        sendGraphQLError(
          res,
          413,
          'BAD_REQUEST',
          `The request body is larger than the ${String(limit)} bytes allowed.`,
        );
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        sendGraphQLError(res, 415, 'BAD_REQUEST', 'The request body must be UTF-8 JSON.');
        return;
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body could not be read.');
        return;
      default:
        next(error);
    }
  };
}

/** JSON for unknown routes, instead of Express's HTML page. */
export function notFound(): RequestHandler {
  return (req, res) => {
    sendGraphQLError(
      res,
      404,
      'NOT_FOUND',
      `No route for ${req.method} ${req.path}. GraphQL is served at /graphql.`,
    );
  };
}

/** The last resort: JSON, logged, nothing internal in the body. */
export function internalErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    logger.error({ err: error }, 'unhandled error in the HTTP layer');
    sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
  };
}
