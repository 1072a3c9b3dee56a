import type { Db } from 'mongodb';
import type { Principal } from '@tessera/auth';
import type { Logger } from 'pino';

/** What every resolver of a subgraph receives as `context`, built afresh per request. */
export interface SubgraphContext<L> {
  /** The verified caller; null for an anonymous one. */
  readonly principal: Principal | null;
  /** This request's DataLoader set, from `createLoaders`. */
  readonly loaders: L;
  readonly db: Db;
  /** A child logger carrying `requestId`. */
  readonly logger: Logger;
  /** From `x-request-id` (as forwarded by the gateway) or generated; echoed in the response. */
  readonly requestId: string;
  /** The W3C `traceparent` received, to pass on to jobs and downstream calls. */
  readonly traceparent: string | undefined;
}
