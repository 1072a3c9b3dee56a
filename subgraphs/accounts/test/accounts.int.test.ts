import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type RunningTestServer,
} from '@tessera/testing';
import { generateSigningKey } from '../src/auth/signing-key.js';
import { accountsIndexes } from '../src/indexes.js';
import { seed, SEED_USERS } from '../src/seed.js';
import { createServer, JWKS_PATH } from '../src/server.js';
import { graphqlRequest } from './graphql-request.js';

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        name
        roles
      }
    }
  }
`;
const ME = /* GraphQL */ `
  {
    me {
      id
      email
      name
    }
  }
`;

interface LoginData {
  login: { token: string; expiresAt: string; user: { id: string; email: string; roles: string[] } };
}

let client: MongoClient;
let db: Db;
let server: RunningTestServer;
const commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  // Command monitoring lets the tests count the queries each request makes.
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  db = client.db(uniqueName('accounts'));
  await ensureIndexes(db, accountsIndexes);
  await seed(db);
  server = await startTestSubgraph(
    createServer({
      db,
      config: {
        jwtIssuer: DEV_ISSUER,
        jwtAudience: DEV_AUDIENCE,
        jwtTtlSeconds: 3600,
        nodeEnv: 'test',
      },
      signingKey: await generateSigningKey(),
      logger: createLogger({ service: 'accounts', level: 'silent' }),
    }),
  );
});

afterAll(async () => {
  await server?.stop();
  await db?.dropDatabase();
  await client?.close();
});

async function login(email: string, password: string) {
  return graphqlRequest<LoginData>(server.url, LOGIN, { email, password });
}

describe('accounts subgraph', () => {
  it('logs the demo user in and returns a token that the published JWKS verifies', async () => {
    const { body } = await login('demo@tessera.dev', 'tessera-demo');
    expect(body.errors).toBeUndefined();
    const payload = body.data?.login;
    expect(payload?.user).toEqual({
      id: 'usr_0001',
      email: 'demo@tessera.dev',
      name: 'Dana Demo',
      roles: ['customer'],
    });
    expect(Date.parse(payload?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    const verify = createTokenVerifier({
      jwks: new URL(JWKS_PATH, server.origin),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    });
    await expect(verify(payload?.token ?? '')).resolves.toMatchObject({
      userId: 'usr_0001',
      roles: ['customer'],
      scopes: expect.arrayContaining(['profile', 'orders:write']),
    });
  });

  it('serves only public keys at the JWKS endpoint, cacheable', async () => {
    const response = await fetch(new URL(JWKS_PATH, server.origin));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).toHaveProperty('kid');
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('logs in the admin with the admin role and scope', async () => {
    const { body } = await login('  ADMIN@tessera.dev ', 'tessera-admin');
    expect(body.data?.login.user.roles).toEqual(['customer', 'admin']);
  });

  it('answers a wrong password and an unknown email with the same UNAUTHENTICATED error', async () => {
    const wrong = await login('demo@tessera.dev', 'not-the-password');
    const unknown = await login('nobody@tessera.dev', 'not-the-password');
    for (const response of [wrong, unknown]) {
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'Invalid email or password.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rejects a malformed email with BAD_USER_INPUT naming the field', async () => {
    const { body } = await login('not-an-email', 'x');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('returns the signed-in user for me', async () => {
    const { body: loggedIn } = await login('demo@tessera.dev', 'tessera-demo');
    const { body } = await graphqlRequest(server.url, ME, {}, loggedIn.data?.login.token);
    expect(body).toEqual({
      data: { me: { id: 'usr_0001', email: 'demo@tessera.dev', name: 'Dana Demo' } },
    });
  });

  it('returns null for me when the caller is anonymous', async () => {
    const { body } = await graphqlRequest(server.url, ME);
    expect(body).toEqual({ data: { me: null } });
  });

  it('answers a forged token with HTTP 401 UNAUTHENTICATED', async () => {
    const { body: loggedIn } = await login('demo@tessera.dev', 'tessera-demo');
    const [header, payload] = (loggedIn.data?.login.token ?? '').split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    const response = await graphqlRequest(server.url, ME, {}, forged);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('resolves User entities in key order, null for unknown ids, with one users query per batch', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on User {
            id
            name
          }
        }
      }
    `;
    const ids = ['usr_0005', 'usr_0001', 'usr_9999', 'usr_0003', 'usr_0001'];
    commands.length = 0;
    const { body } = await graphqlRequest(server.url, query, {
      representations: ids.map((id) => ({ __typename: 'User', id })),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.['_entities']).toEqual([
      { id: 'usr_0005', name: 'Alan Turing' },
      { id: 'usr_0001', name: 'Dana Demo' },
      null,
      { id: 'usr_0003', name: 'Ada Lovelace' },
      { id: 'usr_0001', name: 'Dana Demo' },
    ]);
    const userQueries = commands.filter(
      (c) => c.databaseName === db.databaseName && c.commandName === 'find',
    );
    expect(userQueries).toHaveLength(1);
  });
});

describe('accounts seed', () => {
  it('is idempotent: a second run creates nothing and keeps passwords working', async () => {
    const target = client.db(uniqueName('accounts_seed'));
    try {
      await ensureIndexes(target, accountsIndexes);
      const first = await seed(target);
      const hashes = await target.collection('users').find({}).sort({ _id: 1 }).toArray();
      const second = await seed(target);
      expect(first).toEqual({ users: 10, created: 10 });
      expect(second).toEqual({ users: 10, created: 0 });
      expect(await target.collection('users').countDocuments()).toBe(SEED_USERS.length);
      expect(await target.collection('users').find({}).sort({ _id: 1 }).toArray()).toEqual(hashes);
    } finally {
      await target.dropDatabase();
    }
  });
});

const USERS = /* GraphQL */ `
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) {
      edges {
        node {
          id
          email
          roles
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface UsersData {
  users: {
    edges: { node: { id: string; email: string; roles: string[] } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function tokenOf(email: string, password: string): Promise<string> {
  const { body } = await login(email, password);
  return body.data?.login.token ?? '';
}

describe('accounts admin users connection', () => {
  it('pages through all 10 seeded users in id order for an admin', async () => {
    const token = await tokenOf('admin@tessera.dev', 'tessera-admin');
    const first = await graphqlRequest<UsersData>(server.url, USERS, { first: 6 }, token);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.users.pageInfo.hasNextPage).toBe(true);
    const next = await graphqlRequest<UsersData>(
      server.url,
      USERS,
      { first: 6, after: first.body.data?.users.pageInfo.endCursor },
      token,
    );
    const ids = [...(first.body.data?.users.edges ?? []), ...(next.body.data?.users.edges ?? [])]
      .map((edge) => edge.node.id)
      .filter((id) => SEED_USERS.some((user) => user.id === id));
    expect(ids).toEqual(SEED_USERS.map((user) => user.id).sort());
    expect(next.body.data?.users.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a customer with FORBIDDEN', async () => {
    const token = await tokenOf('demo@tessera.dev', 'tessera-demo');
    const { body } = await graphqlRequest(server.url, USERS, { first: 5 }, token);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects an anonymous caller with UNAUTHENTICATED', async () => {
    const { body } = await graphqlRequest(server.url, USERS, { first: 5 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects first above 100 with BAD_USER_INPUT naming first', async () => {
    const token = await tokenOf('admin@tessera.dev', 'tessera-admin');
    const { body } = await graphqlRequest(server.url, USERS, { first: 101 }, token);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('accounts Listing interface object', () => {
  const LISTINGS = /* GraphQL */ `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Listing {
          id
          viewerCanEdit
        }
      }
    }
  `;
  const representations = [
    { __typename: 'Listing', id: 'prod_0001' },
    { __typename: 'Listing', id: 'cat_01' },
  ];

  it('says an admin can edit listings, with one users query for the whole batch', async () => {
    const token = await tokenOf('admin@tessera.dev', 'tessera-admin');
    commands.length = 0;
    const { body } = await graphqlRequest(server.url, LISTINGS, { r: representations }, token);
    expect(body).toEqual({
      data: {
        _entities: [
          { id: 'prod_0001', viewerCanEdit: true },
          { id: 'cat_01', viewerCanEdit: true },
        ],
      },
    });
    const userQueries = commands.filter(
      (c) => c.databaseName === db.databaseName && c.commandName === 'find',
    );
    expect(userQueries).toHaveLength(1);
  });

  it('says a customer and an anonymous caller cannot', async () => {
    const token = await tokenOf('demo@tessera.dev', 'tessera-demo');
    for (const auth of [token, undefined]) {
      const { body } = await graphqlRequest<{ _entities: { viewerCanEdit: boolean }[] }>(
        server.url,
        LISTINGS,
        { r: representations },
        auth,
      );
      expect(body.data?._entities.map((e) => e.viewerCanEdit)).toEqual([false, false]);
    }
  });
});
