import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

function isInternal(error: GraphQLError): boolean {
  const code = error.extensions['code'];
  return typeof code !== 'string' || code === '' || code === 'INTERNAL_SERVER_ERROR';
}

/**
 * Logs what went wrong in GraphQL requests with the request's logger: client errors at debug
 * (they are the client's business), unexpected ones at error with their cause. When
 * `logInternal` is false (production), internal errors are left to formatError's
 * `onInternalError`, which sees them as they are masked, so each is logged once.
 */
export function logGraphQLErrors<C extends object>(
  loggerOf: () => Logger,
  logInternal: boolean,
): ApolloServerPlugin<C> {
  return {
    contextCreationDidFail({ error }) {
      if (error instanceof GraphQLError && !isInternal(error)) {
        loggerOf().debug({ code: error.extensions['code'] }, error.message);
      } else if (logInternal) {
        loggerOf().error({ err: error }, 'creating the request context failed');
      }
      return Promise.resolve();
    },
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, operationName }) {
          const log = loggerOf();
          for (const error of errors) {
            if (!isInternal(error)) {
              log.debug(
                { code: error.extensions['code'], operationName, path: error.path },
                error.message,
              );
            } else if (logInternal) {
              log.error(
                { err: error.originalError ?? error, operationName, path: error.path },
                'resolver failed',
              );
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
