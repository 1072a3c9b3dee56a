import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import type { LoginService } from './auth/login.js';
import { createUsersRepository, type UserRecord } from './repositories/users.js';

/** Process-wide services, built once by `createServer`. */
export interface AccountsServices {
  readonly login: LoginService;
}

/** The DataLoader set of one request: never shared between callers. */
export interface AccountsLoaders {
  /** Users by id, batched into one query per tick; `null` for an unknown id. */
  readonly userById: DataLoader<string, UserRecord | null>;
  /**
   * The process-wide services. They ride along here because the kit's context carries only
   * the loader set; they hold no per-request state.
   */
  readonly services: AccountsServices;
}

export function createLoaders(deps: {
  readonly db: Db;
  readonly services: AccountsServices;
}): AccountsLoaders {
  const users = createUsersRepository(deps.db);
  return {
    userById: new DataLoader(async (ids) =>
      inKeyOrder(ids, await users.findByIds(ids), (user) => user._id),
    ),
    services: deps.services,
  };
}
