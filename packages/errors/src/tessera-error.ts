import { GraphQLError } from 'graphql';
import { errorCodes, type ErrorCode } from './error-codes.js';

export interface TesseraErrorOptions {
  readonly cause?: unknown;
  /** Extra public extensions, e.g. `{ field: 'input.lines.0.quantity' }`. Never put secrets here. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /**
   * The HTTP status of the whole response. Set it only for an error that rejects the request
   * before execution (a bad token, a rate limit); see `asRequestError`.
   * @defaultValue none: a field error leaves the response at 200
   */
  readonly httpStatus?: number;
}

/**
 * The base of every client-facing error. It is a GraphQLError so resolvers can throw it as is,
 * with `extensions.code` from the registry.
 *
 * A field error carries no HTTP status on purpose: GraphQL over HTTP answers an executed
 * operation with 200, partial data included, and a subgraph answering 4xx would make other
 * gateways (Apollo Router, Hive) drop its data as a failed fetch.
 */
export class TesseraError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: TesseraErrorOptions = {}) {
    super(message, {
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions: {
        ...options.extensions,
        code,
        ...(options.httpStatus === undefined ? {} : { http: { status: options.httpStatus } }),
      },
    });
    this.name = 'TesseraError';
    this.code = code;
  }
}

/**
 * The same error as a rejection of the whole request, with the registry's HTTP status (e.g. 401
 * for a bad token), for errors thrown from a server's `context` function. Apollo Server reads
 * `extensions.http` and strips it from the body.
 */
export function asRequestError(error: TesseraError): TesseraError {
  const { http: _http, code: _code, ...extensions } = error.extensions;
  return new TesseraError(error.code, error.message, {
    cause: error.originalError ?? error,
    extensions,
    httpStatus: errorCodes[error.code].status,
  });
}

export class UnauthenticatedError extends TesseraError {
  constructor(
    message = 'Authentication required. Log in and send the token as "Authorization: Bearer <token>".',
    options?: TesseraErrorOptions,
  ) {
    super('UNAUTHENTICATED', message, options);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends TesseraError {
  constructor(
    message = 'You are not allowed to access this resource.',
    options?: TesseraErrorOptions,
  ) {
    super('FORBIDDEN', message, options);
    this.name = 'ForbiddenError';
  }
}

export class BadUserInputError extends TesseraError {
  readonly field: string | undefined;

  /** @param field the input path at fault, e.g. `first` or `input.lines.0.quantity` */
  constructor(message: string, field?: string, options: TesseraErrorOptions = {}) {
    super('BAD_USER_INPUT', message, {
      ...options,
      extensions: { ...options.extensions, ...(field === undefined ? {} : { field }) },
    });
    this.name = 'BadUserInputError';
    this.field = field;
  }
}

export class NotFoundError extends TesseraError {
  constructor(message: string, options?: TesseraErrorOptions) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

export class DownstreamServiceError extends TesseraError {
  constructor(
    message = 'A service behind the gateway failed. Try again shortly.',
    options?: TesseraErrorOptions,
  ) {
    super('DOWNSTREAM_SERVICE_ERROR', message, options);
    this.name = 'DownstreamServiceError';
  }
}

export class RateLimitedError extends TesseraError {
  constructor(retryAfterSeconds: number, options: TesseraErrorOptions = {}) {
    super('RATE_LIMITED', `Too many requests. Retry in ${retryAfterSeconds} s.`, {
      ...options,
      extensions: { ...options.extensions, retryAfter: retryAfterSeconds },
    });
    this.name = 'RateLimitedError';
  }
}
