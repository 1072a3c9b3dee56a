import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import {
  asRequestError,
  BadUserInputError,
  createFormatError,
  errorCodes,
  httpStatusOf,
  RateLimitedError,
  TesseraError,
  UnauthenticatedError,
} from '../src/index.js';

describe('createFormatError', () => {
  it('keeps a deliberate error and its public extensions, dropping the stack trace', () => {
    const error = new BadUserInputError('first must be at most 100.', 'first');
    const format = createFormatError({ maskInternalErrors: true });
    const out = format(
      { message: error.message, extensions: { ...error.extensions, stacktrace: ['x'] } },
      error,
    );
    expect(out.message).toBe('first must be at most 100.');
    expect(out.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(out.extensions).not.toHaveProperty('stacktrace');
  });

  it('strips the subgraph URL and body the gateway copies into extensions.response', () => {
    const format = createFormatError({ maskInternalErrors: false });
    const out = format(
      {
        message: 'boom',
        extensions: {
          code: 'DOWNSTREAM_SERVICE_ERROR',
          response: { url: 'http://10.0.0.1/graphql', body: 'secret' },
        },
      },
      new Error('boom'),
    );
    expect(out.extensions).toEqual({ code: 'DOWNSTREAM_SERVICE_ERROR' });
  });

  it('masks an unexpected error in production and reports the cause once', () => {
    const onInternalError = vi.fn();
    const cause = new Error('connection string mongodb://user:pw@host leaked');
    const format = createFormatError({ maskInternalErrors: true, onInternalError });
    const out = format(
      { message: cause.message, path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      cause,
    );
    expect(out).toEqual({
      message: 'Internal server error.',
      path: ['me'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(onInternalError).toHaveBeenCalledWith(cause);
  });

  it('gives an error without a code INTERNAL_SERVER_ERROR in development, keeping the message', () => {
    const format = createFormatError({ maskInternalErrors: false });
    const out = format({ message: 'oops' }, new GraphQLError('oops'));
    expect(out).toEqual({ message: 'oops', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('error registry', () => {
  it('maps every registered code to an HTTP status and unknown codes to 500', () => {
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusOf('RATE_LIMITED')).toBe(429);
    expect(httpStatusOf('NO_SUCH_CODE')).toBe(500);
    for (const [code, entry] of Object.entries(errorCodes)) {
      expect(entry.description.length, code).toBeGreaterThan(10);
    }
  });

  it('leaves a field error without an HTTP status, so a partial result stays a 200', () => {
    const error = new BadUserInputError('quantity must be at least 1.', 'input.lines.0.quantity');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.lines.0.quantity' });
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('gives a request-level rejection the registry status, keeping code, message and extensions', () => {
    const error = asRequestError(
      new UnauthenticatedError('The access token has expired.', { extensions: { hint: 'x' } }),
    );
    expect(error).toBeInstanceOf(TesseraError);
    expect(error.message).toBe('The access token has expired.');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', hint: 'x', http: { status: 401 } });
    expect(asRequestError(new RateLimitedError(3)).extensions).toMatchObject({
      retryAfter: 3,
      http: { status: 429 },
    });
  });
});
