// The walking skeleton, end to end: the real gateway process in front of the real accounts and
// catalog processes, started by createDevStack exactly as `npm run dev` starts them.
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { createTestIssuer, testMongoUri, testRedisUrl, uniqueName } from '@tessera/testing';
import { createDevStack, DEMO_ACCOUNT, DevStackError, type DevStack } from '../src/index.js';

interface GraphQLReply<T> {
  readonly status: number;
  readonly body: {
    data?: T | null;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
}

// A signing key of our own for accounts (JWT_PRIVATE_KEY), so the test can mint an expired
// token that is otherwise perfectly valid. It lives in memory only.
const signingJwk: JsonWebKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
const databases = new Map<string, string>();
const queueEnvironment = uniqueName('e2e_skeleton');
let stack: DevStack;

async function graphql<T>(
  query: string,
  options: { variables?: Record<string, unknown>; token?: string } = {},
): Promise<GraphQLReply<T>> {
  const response = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLReply<T>['body'] };
}

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email } }
}`;
const PRODUCTS = `query Products($first: Int, $after: String) {
  products(first: $first, after: $after) {
    edges { node { id name price { amount currency } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface LoginData {
  login: { token: string; expiresAt: string; user: { id: string; email: string } } | null;
}
interface ProductsData {
  products: {
    edges: { node: { id: string; name: string; price: { amount: number; currency: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function demoLogin(): Promise<NonNullable<LoginData['login']>> {
  const reply = await graphql<LoginData>(LOGIN, { variables: { ...DEMO_ACCOUNT } });
  expect(reply.body.errors).toBeUndefined();
  const login = reply.body.data?.login;
  if (!login) throw new Error('login returned no payload');
  return login;
}

/** A token signed with accounts' real key, with claims of our choosing. */
async function tokenSignedByAccounts(userId: string, expiresAt: number): Promise<string> {
  const accounts = stack.subgraphs.find((s) => s.name === 'accounts');
  const jwks = (await (await fetch(`${accounts?.url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string; alg: string }[];
  };
  const [published] = jwks.keys;
  if (!published) throw new Error('accounts publishes no key');
  const key = await importJWK({ ...signingJwk, kty: 'OKP' }, 'EdDSA');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['customer'], scope: 'profile' })
    .setProtectedHeader({ alg: 'EdDSA', kid: published.kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt(Math.min(now, expiresAt) - 60)
    .setExpirationTime(expiresAt)
    .sign(key);
}

beforeAll(async () => {
  try {
    stack = await createDevStack({
      freePorts: true,
      // Other end-to-end files start stacks in parallel on the same 2 cores.
      startupTimeoutMs: 100_000,
      mongoUri: testMongoUri(),
      redisUrl: testRedisUrl(),
      // Only what the processes need: nothing of the test runner's environment leaks in.
      baseEnv: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'warn' },
      subgraphEnv: (subgraph) => {
        const db = uniqueName(`e2e_${subgraph.name}`);
        databases.set(subgraph.name, db);
        return {
          [`${subgraph.envPrefix}_MONGODB_DB`]: db,
          // The saga's queues of this stack alone: other stacks share the test Redis.
          QUEUE_ENVIRONMENT: queueEnvironment,
          ...(subgraph.name === 'accounts' ? { JWT_PRIVATE_KEY: JSON.stringify(signingJwk) } : {}),
        };
      },
    });
  } catch (error) {
    // Show why a process died, not only that it did.
    if (error instanceof DevStackError && error.lastLines.length > 0) {
      error.message += `\n${error.lastLines.join('\n')}`;
    }
    throw error;
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  const client = new MongoClient(testMongoUri());
  try {
    for (const db of databases.values()) await client.db(db).dropDatabase();
  } finally {
    await client.close();
  }
});

describe('the walking skeleton through the real gateway', () => {
  it('logs the demo account in and returns a token', async () => {
    const login = await demoLogin();
    expect(login.user.email).toBe(DEMO_ACCOUNT.email);
    expect(login.token.split('.')).toHaveLength(3);
    expect(Date.parse(login.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers `me` with the demo user for its bearer token', async () => {
    const login = await demoLogin();
    const reply = await graphql<{ me: { id: string; email: string } | null }>(
      '{ me { id email } }',
      { token: login.token },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.me).toEqual({ id: login.user.id, email: DEMO_ACCOUNT.email });
  });

  it('answers `me` with null for an anonymous caller', async () => {
    const reply = await graphql<{ me: unknown }>('{ me { id } }');
    expect(reply.status).toBe(200);
    expect(reply.body.data?.me).toBeNull();
  });

  it('pages through products with a cursor that fetches the next, non-overlapping page', async () => {
    const first = await graphql<ProductsData>(PRODUCTS, { variables: { first: 5 } });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data?.products;
    expect(page1?.edges).toHaveLength(5);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    for (const { node } of page1?.edges ?? []) {
      expect(node.name).not.toBe('');
      expect(Number.isInteger(node.price.amount)).toBe(true);
      expect(node.price.currency).toMatch(/^[A-Z]{3}$/);
    }

    const second = await graphql<ProductsData>(PRODUCTS, {
      variables: { first: 5, after: page1?.pageInfo.endCursor },
    });
    expect(second.body.errors).toBeUndefined();
    const page2 = second.body.data?.products;
    expect(page2?.edges).toHaveLength(5);
    const ids1 = new Set(page1?.edges.map((e) => e.node.id));
    expect(page2?.edges.filter((e) => ids1.has(e.node.id))).toEqual([]);
  });

  it('rejects `products(first: 1000)` with BAD_USER_INPUT', async () => {
    const reply = await graphql<ProductsData>(PRODUCTS, { variables: { first: 1000 } });
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(reply.body.data?.products ?? null).toBeNull();
  });

  it('rejects a token signed by another key (forged) with HTTP 401 UNAUTHENTICATED', async () => {
    const login = await demoLogin();
    const forger = await createTestIssuer();
    const forged = await forger.sign({ sub: login.user.id });
    const reply = await graphql('{ me { id } }', { token: forged });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token signed by the real key with HTTP 401 UNAUTHENTICATED', async () => {
    const login = await demoLogin();
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    // The control: the same construction, not expired, is accepted, so only expiry differs.
    const fresh = await graphql<{ me: { id: string } | null }>('{ me { id } }', {
      token: await tokenSignedByAccounts(login.user.id, hourAgo + 7200),
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.data?.me?.id).toBe(login.user.id);

    const reply = await graphql('{ me { id } }', {
      token: await tokenSignedByAccounts(login.user.id, hourAgo),
    });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a malformed token with HTTP 401 UNAUTHENTICATED', async () => {
    const reply = await graphql('{ me { id } }', { token: 'not-a-jwt' });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password with the same clean error as an unknown email', async () => {
    const wrongPassword = await graphql<LoginData>(LOGIN, {
      variables: { email: DEMO_ACCOUNT.email, password: 'not-the-password' },
    });
    const unknownEmail = await graphql<LoginData>(LOGIN, {
      variables: { email: 'nobody@tessera.dev', password: 'not-the-password' },
    });
    for (const reply of [wrongPassword, unknownEmail]) {
      expect(reply.body.data?.login ?? null).toBeNull();
      expect(reply.body.errors).toHaveLength(1);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(wrongPassword.body.errors?.[0]?.message).toBe(unknownEmail.body.errors?.[0]?.message);
    expect(wrongPassword.body.errors?.[0]?.message).not.toMatch(/exist|unknown|not found/i);
  });
});
