import type { GraphQLFormattedError } from 'graphql';
import { errorCodes, isErrorCode } from './error-codes.js';

export interface FormatErrorOptions {
  /** Replace the message of unexpected errors with a generic one (production). */
  readonly maskInternalErrors: boolean;
  /** Called with every error that is masked, so the cause reaches the log but not the client. */
  readonly onInternalError?: (error: unknown) => void;
}

const INTERNAL_MESSAGE = 'Internal server error.';

/**
 * Builds Apollo Server's `formatError`. It guarantees every error carries a registered
 * `extensions.code`, strips what leaks internals (stack traces; `extensions.response`, where
 * `@apollo/gateway` copies a failing subgraph's URL and body) and masks unexpected errors when
 * asked to.
 */
export function createFormatError(options: FormatErrorOptions) {
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
  ): GraphQLFormattedError {
    const {
      stacktrace: _stacktrace,
      response: _response,
      exception: _exception,
      ...extensions
    } = formatted.extensions ?? {};
    const code = extensions['code'];
    // Anything with a code other than INTERNAL_SERVER_ERROR was raised on purpose (by us, by
    // Apollo, or by a subgraph) and is meant for the client.
    if (typeof code === 'string' && code !== '' && code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions: { ...extensions, code } };
    }
    if (!options.maskInternalErrors) {
      return { ...formatted, extensions: { ...extensions, code: 'INTERNAL_SERVER_ERROR' } };
    }
    options.onInternalError?.(error);
    const { path, locations } = formatted;
    return {
      message: INTERNAL_MESSAGE,
      ...(locations ? { locations } : {}),
      ...(path ? { path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

export function httpStatusOf(code: string): number {
  return isErrorCode(code) ? errorCodes[code].status : 500;
}
