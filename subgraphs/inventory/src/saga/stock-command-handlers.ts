import type { IdempotentHandler } from '@tessera/events';
import { commitStock } from './commit-stock.js';
import { releaseStock } from './release-stock.js';
import { reserveStock } from './reserve-stock.js';

/**
 * inventory's handlers on the `inventory` queue, by command type: each runs as an idempotent
 * consumer (one effect per message id), its stock change and its reply in one transaction.
 */
export const stockCommandHandlers = {
  'stock.reserve-requested': reserveStock,
  'stock.release-requested': releaseStock,
  'stock.commit-requested': commitStock,
} as const satisfies Readonly<Record<string, IdempotentHandler<unknown>>>;
