import { MongoServerError, type Db } from 'mongodb';
import { Roles } from '@tessera/auth';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams } from './auth/password-hasher.js';
import { normaliseEmail, usersCollection } from './repositories/users.js';

export interface SeedUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** Dev-only passwords, published in the README; never used outside dev and tests. */
  readonly password: string;
}

/** The password of the eight extra seeded customers. */
export const SEED_CUSTOMER_PASSWORD = 'tessera-customer';

const extraCustomers: readonly [string, string][] = [
  ['ada', 'Ada Lovelace'],
  ['grace', 'Grace Hopper'],
  ['alan', 'Alan Turing'],
  ['katherine', 'Katherine Johnson'],
  ['edsger', 'Edsger Dijkstra'],
  ['barbara', 'Barbara Liskov'],
  ['donald', 'Donald Knuth'],
  ['margaret', 'Margaret Hamilton'],
];

/**
 * The seeded accounts, with stable ids other subgraphs' seeds may reference (reviews' authors,
 * the demo user's orders). The first two are the contract's dev accounts. Admins are customers
 * too, so the admin can also shop and its token carries the customer scopes.
 */
export const SEED_USERS: readonly SeedUser[] = [
  {
    id: 'usr_0001',
    email: 'demo@tessera.dev',
    name: 'Dana Demo',
    roles: [Roles.customer],
    password: 'tessera-demo',
  },
  {
    id: 'usr_0002',
    email: 'admin@tessera.dev',
    name: 'Avery Admin',
    roles: [Roles.customer, Roles.admin],
    password: 'tessera-admin',
  },
  ...extraCustomers.map(([handle, name], index) => ({
    id: `usr_${String(index + 3).padStart(4, '0')}`,
    email: `${handle}@tessera.dev`,
    name,
    roles: [Roles.customer],
    password: SEED_CUSTOMER_PASSWORD,
  })),
];

export const DEMO_USER_ID = 'usr_0001';
export const ADMIN_USER_ID = 'usr_0002';

export interface AccountsSeedCounts {
  /** Seeded users present after the run. */
  readonly users: number;
  /** Of those, how many this run created. */
  readonly created: number;
}

export interface SeedOptions {
  /** scrypt cost for new users' hashes. @defaultValue DEFAULT_SCRYPT_PARAMS */
  readonly scrypt?: ScryptParams;
}

/**
 * Upserts the seed users by id. Idempotent: a second run creates nothing. Existing users get
 * their profile (email, name, roles) reset but keep their password hash, so a rerun neither
 * rehashes nor logs anybody out.
 */
export async function seed(db: Db, options: SeedOptions = {}): Promise<AccountsSeedCounts> {
  try {
    return await seedOnce(db, options);
  } catch (error) {
    // Another seeder (the service seeding its empty database while `npm run seed` runs) won the
    // race for some ids; a second pass finds them and only updates.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db, options);
  }
}

async function seedOnce(db: Db, options: SeedOptions): Promise<AccountsSeedCounts> {
  const users = usersCollection(db);
  const ids = SEED_USERS.map((user) => user.id);
  const existing = new Set(
    (await users.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map(
      (user) => user._id,
    ),
  );
  const missing = SEED_USERS.filter((user) => !existing.has(user.id));
  const now = new Date();
  const created = await Promise.all(
    missing.map(async (user) => ({
      _id: user.id,
      email: normaliseEmail(user.email),
      name: user.name,
      roles: [...user.roles],
      passwordHash: await hashPassword(user.password, options.scrypt ?? DEFAULT_SCRYPT_PARAMS),
      createdAt: now,
      updatedAt: now,
    })),
  );
  if (created.length > 0) await users.insertMany(created);
  const present = SEED_USERS.filter((user) => existing.has(user.id));
  if (present.length > 0) {
    await users.bulkWrite(
      present.map((user) => ({
        updateOne: {
          filter: { _id: user.id },
          update: {
            $set: { email: normaliseEmail(user.email), name: user.name, roles: [...user.roles] },
          },
        },
      })),
    );
  }
  return { users: await users.countDocuments({ _id: { $in: ids } }), created: created.length };
}
