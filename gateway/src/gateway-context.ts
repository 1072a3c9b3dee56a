import type { Principal } from '@tessera/auth';
import type { Logger } from 'pino';

/** Headers taken from the client request and passed on to subgraphs. */
export interface ForwardedHeaders {
  /** The verified `Authorization` header, exactly as the client sent it. Absent when anonymous. */
  readonly authorization?: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/**
 * What Apollo learns about a request while running it, for the metrics and the request log line
 * written when the HTTP response finishes. Left empty when the request never reached execution.
 */
export interface RequestSummary {
  operationType?: 'query' | 'mutation' | 'subscription';
  operationName?: string;
  result?: 'success' | 'partial' | 'error';
  errorCodes?: string[];
}

/** The per-request context: built by the gateway's context function, read by data sources. */
export interface GatewayContext {
  /** The verified caller, or null for an anonymous one. */
  readonly principal: Principal | null;
  readonly requestId: string;
  /** A child logger carrying `requestId`. */
  readonly logger: Logger;
  readonly forwardedHeaders: ForwardedHeaders;
  readonly summary: RequestSummary;
}
