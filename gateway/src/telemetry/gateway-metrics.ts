import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { GatewayContext } from '../gateway-context.js';
import { stateOf } from '../http/request-state.js';

export const METRIC_REQUESTS = 'tessera_gateway_requests_total';
export const METRIC_REQUEST_DURATION = 'tessera_gateway_request_duration_seconds';

export interface GatewayMetrics {
  /** This gateway's own registry, so several gateways in one process (tests) never collide. */
  readonly registry: Registry;
  /** Times each /graphql request and writes its log line; runs after `requestState()`. */
  readonly middleware: RequestHandler;
  /** Fills the request summary the middleware reports. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
}

/**
 * Request count and duration by operation type (`query`, `mutation`, `subscription`, `unknown`
 * when the request never got that far) and outcome (`success`, `partial` = data with errors,
 * `error`), plus Node's default process metrics.
 */
export function createGatewayMetrics(logger: Logger): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['operation_type', 'outcome'] as const;
  const requests = new Counter({
    name: METRIC_REQUESTS,
    help: 'GraphQL requests answered by the gateway.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: METRIC_REQUEST_DURATION,
    help: 'Time from receiving a GraphQL request to the end of its response.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const middleware: RequestHandler = (_req, res, next) => {
    res.on('finish', () => {
      const { summary, startedAt, requestId } = stateOf(res);
      // Sandbox pages and CORS preflights are not GraphQL requests.
      if (summary.result === undefined && res.statusCode < 400) return;
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const labels = {
        operation_type: summary.operationType ?? 'unknown',
        outcome: res.statusCode >= 400 ? 'error' : (summary.result ?? 'success'),
      };
      requests.inc(labels);
      duration.observe(labels, seconds);
      logger.info(
        {
          requestId,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000),
          operationType: labels.operation_type,
          ...(summary.operationName === undefined ? {} : { operationName: summary.operationName }),
          ...(summary.errorCodes === undefined ? {} : { errorCodes: summary.errorCodes }),
        },
        'graphql request',
      );
    });
    next();
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ contextValue, operation, operationName, response }) {
          const summary = contextValue.summary;
          if (operation) summary.operationType = operation.operation;
          if (operationName) summary.operationName = operationName;
          if (response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            summary.result = !errors?.length ? 'success' : data ? 'partial' : 'error';
            if (errors?.length) {
              summary.errorCodes = [...new Set(errors.map((e) => codeOf(e.extensions?.['code'])))];
            }
          } else {
            summary.result = 'success';
          }
          return Promise.resolve();
        },
      });
    },
  };

  return { registry, middleware, plugin };
}

function codeOf(code: unknown): string {
  return typeof code === 'string' ? code : 'UNKNOWN';
}
