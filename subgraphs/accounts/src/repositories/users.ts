import type { Collection, Db, IndexDescription } from 'mongodb';

/** A user as stored in `tessera_accounts.users`. */
export interface UserDocument {
  /** A stable string id, e.g. `usr_0001`. */
  readonly _id: string;
  /** Normalised with {@link normaliseEmail}; unique. */
  readonly email: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** `scrypt$N$r$p$salt$hash`; never leaves this subgraph. */
  readonly passwordHash: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A user as the graph sees it: everything but the password hash. */
export type UserRecord = Omit<UserDocument, 'passwordHash'>;

export const USERS_COLLECTION = 'users';

export const usersIndexes: IndexDescription[] = [
  { key: { email: 1 }, name: 'users_email_unique', unique: true },
];

/** Emails compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface UsersRepository {
  /** The full document, hash included: only login needs this. */
  findByEmailWithHash(email: string): Promise<UserDocument | null>;
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** `limit` users in `_id` order (the always-indexed key), after `afterId` when given. */
  findPage(query: { readonly limit: number; readonly afterId?: string }): Promise<UserRecord[]>;
}

const withoutHash = { projection: { passwordHash: 0 } } as const;

export function usersCollection(db: Db): Collection<UserDocument> {
  return db.collection<UserDocument>(USERS_COLLECTION);
}

export function createUsersRepository(db: Db): UsersRepository {
  const users = usersCollection(db);
  return {
    findByEmailWithHash: (email) => users.findOne({ email: normaliseEmail(email) }),
    findByIds: (ids) => users.find<UserRecord>({ _id: { $in: [...ids] } }, withoutHash).toArray(),
    findPage: ({ limit, afterId }) =>
      users
        .find<UserRecord>(afterId === undefined ? {} : { _id: { $gt: afterId } }, withoutHash)
        .sort({ _id: 1 })
        .limit(limit)
        .toArray(),
  };
}
