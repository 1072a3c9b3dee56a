// The storefront's pages through the REAL gateway in front of every subgraph process (started by
// createDevStack as `npm run dev` starts them), with proof that loading is N+1-free: each
// subgraph reaches MongoDB through its own counting proxy, so the figures are exact per subgraph
// whatever else runs on the shared test server.
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { importJWK, SignJWT } from 'jose';
import { BSON, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { testMongoUri, testRedisUrl, uniqueName } from '@tessera/testing';
import {
  createDevStack,
  DEMO_ACCOUNT,
  DevStackError,
  REPO_ROOT,
  type DevStack,
} from '../src/index.js';

/** One command a subgraph sent to MongoDB. */
interface RecordedCommand {
  readonly name: string;
  readonly collection: unknown;
}

/** A TCP proxy in front of MongoDB that records each OP_MSG command passing through. */
interface CommandCounter {
  readonly uri: string;
  readonly commands: RecordedCommand[];
  close(): Promise<void>;
}

const OP_MSG = 2013;

async function startCommandCounter(upstreamUri: string): Promise<CommandCounter> {
  const upstream = new URL(upstreamUri);
  const commands: RecordedCommand[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const db = createConnection({ host: upstream.hostname, port: Number(upstream.port) });
    sockets.add(client).add(db);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
        const frame = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(frame.length);
        // OP_MSG: header (16), flagBits (4), then a kind-0 section holding the command document.
        if (frame.readInt32LE(12) === OP_MSG && frame[20] === 0) {
          const body = BSON.deserialize(frame.subarray(21, 21 + frame.readInt32LE(21)));
          const name = Object.keys(body)[0] ?? '';
          commands.push({ name, collection: body[name] });
        }
      }
      db.write(chunk);
    });
    db.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      db.destroy();
    };
    client.on('close', end).on('error', end);
    db.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // directConnection: the server's hello names its own address as the replica-set member; the
    // driver must keep talking to the proxy instead of discovering its way around it.
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    commands,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface GraphQLReply<T> {
  readonly status: number;
  readonly body: {
    data?: T | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
}

const signingJwk: JsonWebKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
const databases = new Map<string, string>();
const counters = new Map<string, CommandCounter>();
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

function operation(file: string): string {
  return readFileSync(`${REPO_ROOT}/schema/operations/${file}`, 'utf8');
}

/** A customer token signed with accounts' real key, for a user of our choosing. */
async function customerToken(userId: string): Promise<string> {
  const accounts = stack.subgraphs.find((s) => s.name === 'accounts');
  const jwks = (await (await fetch(`${accounts?.url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[];
  };
  const kid = jwks.keys[0]?.kid;
  if (!kid) throw new Error('accounts publishes no key');
  const key = await importJWK({ ...signingJwk, kty: 'OKP' }, 'EdDSA');
  return new SignJWT({ roles: ['customer'], scope: 'profile orders:read orders:write' })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}

async function demoToken(): Promise<string> {
  const reply = await graphql<{ login: { token: string } }>(
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { variables: { ...DEMO_ACCOUNT } },
  );
  const token = reply.body.data?.login.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(reply.body.errors)}`);
  return token;
}

const queueEnvironment = uniqueName('e2e_storefront');

// subgraphEnv is synchronous: the proxies are started before the stack, one per known domain.
const DOMAINS = ['accounts', 'catalog', 'inventory', 'orders', 'payments', 'reviews'];
const proxyUris = new Map<string, string>();
function counterFor(name: string): string {
  const uri = proxyUris.get(name);
  if (!uri) throw new Error(`no counting proxy for subgraph ${name}`);
  return uri;
}
beforeAll(async () => {
  for (const name of DOMAINS) {
    const counter = await startCommandCounter(testMongoUri());
    counters.set(name, counter);
    proxyUris.set(name, counter.uri);
  }
}, 30_000);

beforeAll(async () => {
  try {
    stack = await createDevStack({
      freePorts: true,
      mongoUri: testMongoUri(),
      redisUrl: testRedisUrl(),
      baseEnv: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'warn' },
      subgraphEnv: (subgraph) => {
        const db = uniqueName(`e2e_${subgraph.name}`);
        databases.set(subgraph.name, db);
        return {
          [`${subgraph.envPrefix}_MONGODB_DB`]: db,
          [`${subgraph.envPrefix}_MONGODB_URI`]: counterFor(subgraph.name),
          // The saga's queues of this stack alone: other stacks share the test Redis.
          QUEUE_ENVIRONMENT: queueEnvironment,
          ...(subgraph.name === 'accounts' ? { JWT_PRIVATE_KEY: JSON.stringify(signingJwk) } : {}),
        };
      },
    });
  } catch (error) {
    if (error instanceof DevStackError && error.lastLines.length > 0) {
      error.message += `\n${error.lastLines.join('\n')}`;
    }
    throw error;
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  for (const counter of counters.values()) await counter.close();
  const client = new MongoClient(testMongoUri());
  try {
    for (const db of databases.values()) await client.db(db).dropDatabase();
  } finally {
    await client.close();
  }
});

const PRODUCTS_WITH_EVERYTHING = `query Storefront($first: Int!) {
  products(first: $first) {
    edges { node {
      id name inStock availableQuantity averageRating
      reviews(first: 5) { edges { node { rating author { id name } } } }
    } }
  }
}`;

interface StorefrontData {
  products: {
    edges: {
      node: {
        id: string;
        name: string;
        inStock: boolean;
        availableQuantity: number;
        averageRating: number | null;
        reviews: {
          edges: { node: { rating: number; author: { id: string; name: string } | null } }[];
        };
      };
    }[];
  };
}

/**
 * The fetches per subgraph of the plan the gateway builds for `query`: the same planner version
 * as @apollo/gateway (they must match exactly) over the supergraph file the gateway loads.
 * (The planner packages come with the gateway; devstack does not declare them itself.)
 */
function planFetches(query: string): Record<string, number> {
  const supergraph = Supergraph.build(
    readFileSync(`${REPO_ROOT}/schema/supergraph.graphql`, 'utf8'),
  );
  const plan = new QueryPlanner(supergraph).buildQueryPlan(
    operationFromDocument(supergraph.schema, parse(query)),
  );
  const fetches: Record<string, number> = {};
  const walk = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    if (node.kind === 'Fetch') fetches[node.serviceName] = (fetches[node.serviceName] ?? 0) + 1;
    else if (node.kind === 'Flatten') walk(node.node);
    else if (node.kind === 'Sequence' || node.kind === 'Parallel') node.nodes.forEach(walk);
    else throw new Error(`unexpected plan node ${node.kind}`);
  };
  walk(plan.node);
  return fetches;
}

/** find/aggregate commands per subgraph while `run` executes. */
async function queriesDuring(run: () => Promise<void>): Promise<Record<string, number>> {
  const marks = new Map([...counters].map(([name, c]) => [name, c.commands.length]));
  await run();
  return Object.fromEntries(
    [...counters].map(([name, c]) => [
      name,
      c.commands
        .slice(marks.get(name))
        .filter((command) => command.name === 'find' || command.name === 'aggregate').length,
    ]),
  );
}

describe('proof of batching through the real gateway', () => {
  it('makes the same number of MongoDB queries per subgraph for 10 and for 50 products', async () => {
    const figures: Record<number, Record<string, number>> = {};
    for (const first of [10, 50]) {
      figures[first] = await queriesDuring(async () => {
        const reply = await graphql<StorefrontData>(PRODUCTS_WITH_EVERYTHING, {
          variables: { first },
        });
        expect(reply.body.errors).toBeUndefined();
        const edges = reply.body.data?.products.edges ?? [];
        expect(edges).toHaveLength(first);
        // The data really came from every subgraph: reviews with authors resolved by accounts.
        const authors = edges.flatMap((e) => e.node.reviews.edges.map((r) => r.node.author));
        expect(authors.length).toBeGreaterThan(0);
        expect(authors.every((a) => a !== null && a.name !== '')).toBe(true);
      });
    }
    const fetches = planFetches(PRODUCTS_WITH_EVERYTHING);
    console.log('query-plan fetches per subgraph:', fetches);
    console.log('MongoDB find/aggregate commands per subgraph, products(first: N):', figures);
    expect(Object.keys(fetches).sort()).toEqual(['accounts', 'catalog', 'inventory', 'reviews']);
    for (const [name, fetchCount] of Object.entries(fetches)) {
      expect(figures[50]?.[name]).toBe(figures[10]?.[name]);
      expect(figures[50]?.[name]).toBeGreaterThan(0);
      expect(figures[50]?.[name]).toBeLessThanOrEqual(2 * fetchCount);
    }
  });
});

describe('storefront operations through the real gateway', () => {
  it('returns catalog data, stock, reviews and their authors for the product page in one request', async () => {
    const reply = await graphql<{
      product: {
        id: string;
        price: { amount: number; currency: string };
        category: { id: string };
        inStock: boolean;
        availableQuantity: number;
        reviews: { edges: { node: { rating: number; author: { name: string } | null } }[] };
      } | null;
    }>(operation('product-page.graphql'), { variables: { id: 'prod_0001' } });
    expect(reply.body.errors).toBeUndefined();
    const product = reply.body.data?.product;
    expect(product).toMatchObject({ id: 'prod_0001', category: { id: 'cat_01' } });
    expect(Number.isInteger(product?.price.amount)).toBe(true);
    expect(typeof product?.inStock).toBe('boolean');
    expect(Number.isInteger(product?.availableQuantity)).toBe(true);
    expect(product?.reviews.edges.length).toBeGreaterThan(0);
    expect(product?.reviews.edges[0]?.node.author?.name).toEqual(expect.any(String));
  });

  it('serves the login and me operations for the demo account', async () => {
    const login = await graphql<{ login: { token: string; user: { email: string } } }>(
      operation('login.graphql'),
      { variables: { ...DEMO_ACCOUNT } },
    );
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data?.login.user.email).toBe(DEMO_ACCOUNT.email);
    const me = await graphql<{ me: { email: string } | null }>(operation('me.graphql'), {
      token: login.body.data?.login.token ?? '',
    });
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data?.me?.email).toBe(DEMO_ACCOUNT.email);
  });

  it('serves the product list operation with integer prices', async () => {
    const reply = await graphql<{
      products: { edges: { node: { id: string; price: { amount: number } } }[] };
    }>(operation('product-list.graphql'), { variables: { first: 3 } });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.products.edges.map((e) => e.node.id)).toEqual([
      'prod_0001',
      'prod_0002',
      'prod_0003',
    ]);
  });

  it("adds accounts' viewerCanEdit to products and categories through the Listing interface object", async () => {
    const query = `{ product(id: "prod_0001") { viewerCanEdit }
      categories { id viewerCanEdit products(first: 2) { edges { node { id viewerCanEdit } } } } }`;
    const admin = await graphql<{ login: { token: string } }>(
      'mutation { login(email: "admin@tessera.dev", password: "tessera-admin") { token } }',
    );
    const adminToken = admin.body.data?.login.token ?? '';
    type Listings = {
      product: { viewerCanEdit: boolean };
      categories: {
        viewerCanEdit: boolean;
        products: { edges: { node: { viewerCanEdit: boolean } }[] };
      }[];
    };
    const flags = (data: Listings | null | undefined) => [
      data?.product.viewerCanEdit,
      ...(data?.categories ?? []).flatMap((c) => [
        c.viewerCanEdit,
        ...c.products.edges.map((e) => e.node.viewerCanEdit),
      ]),
    ];
    const asAdmin = await graphql<Listings>(query, { token: adminToken });
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?.categories).toHaveLength(10);
    expect(new Set(flags(asAdmin.body.data))).toEqual(new Set([true]));
    const asCustomer = await graphql<Listings>(query, { token: await demoToken() });
    expect(asCustomer.body.errors).toBeUndefined();
    expect(new Set(flags(asCustomer.body.data))).toEqual(new Set([false]));
  });

  it("lists the demo customer's orders and shows one order's detail", async () => {
    const token = await demoToken();
    const mine = await graphql<{
      me: { orders: { edges: { node: { id: string; total: { amount: number } } }[] } };
    }>(operation('my-orders.graphql'), { token });
    expect(mine.body.errors).toBeUndefined();
    const orderId = mine.body.data?.me.orders.edges[0]?.node.id;
    expect(orderId).toEqual(expect.any(String));
    const detail = await graphql<{ order: { id: string; lines: unknown[] } | null }>(
      operation('order-detail.graphql'),
      { variables: { id: orderId }, token },
    );
    expect(detail.body.errors).toBeUndefined();
    expect(detail.body.data?.order?.id).toBe(orderId);
    expect(detail.body.data?.order?.lines.length).toBeGreaterThan(0);
  });

  it("answers another customer's order with null and FORBIDDEN", async () => {
    const mine = await graphql<{ me: { orders: { edges: { node: { id: string } }[] } } }>(
      operation('my-orders.graphql'),
      { token: await demoToken() },
    );
    const orderId = mine.body.data?.me.orders.edges[0]?.node.id;
    expect(orderId).toEqual(expect.any(String));
    const reply = await graphql<{ order: unknown }>(operation('order-detail.graphql'), {
      variables: { id: orderId },
      token: await customerToken('usr_0003'),
    });
    expect(reply.body.data?.order).toBeNull();
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

interface OrderStatusData {
  order: {
    id: string;
    status: string;
    cancellationReason: string | null;
    saga: { state: string; steps: { name: string; status: string }[] } | null;
    payment: { status: string } | null;
    lines: { quantity: number; product: { id: string; availableQuantity: number } }[];
  } | null;
}

describe('placing orders through the real gateway', () => {
  async function availableOf(productId: string): Promise<number> {
    const reply = await graphql<{ product: { availableQuantity: number } | null }>(
      'query ($id: ID!) { product(id: $id) { availableQuantity } }',
      { variables: { id: productId } },
    );
    const quantity = reply.body.data?.product?.availableQuantity;
    if (quantity === undefined) throw new Error(`no product ${productId}`);
    return quantity;
  }

  async function placeAndSettle(productId: string, paymentToken: string, token: string) {
    const placed = await graphql<{ placeOrder: { order: { id: string; status: string } } }>(
      operation('place-order.graphql'),
      {
        variables: {
          input: {
            lines: [{ productId, quantity: 2 }],
            paymentToken,
            idempotencyKey: `e2e-${paymentToken}-${Date.now()}`,
          },
        },
        token,
      },
    );
    expect(placed.body.errors).toBeUndefined();
    const order = placed.body.data?.placeOrder.order;
    expect(order?.status).toBe('PENDING');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await graphql<OrderStatusData>(operation('order-status.graphql'), {
        variables: { id: order?.id },
        token,
      });
      expect(status.body.errors).toBeUndefined();
      const state = status.body.data?.order?.saga?.state;
      if (state === 'COMPLETED' || state === 'CANCELLED') return status.body.data?.order;
      if (Date.now() > deadline)
        throw new Error(`saga of ${order?.id ?? '?'} still ${state ?? '?'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('confirms an order paid with tok_ok: stock reduced, payment captured', async () => {
    const token = await demoToken();
    const before = await availableOf('prod_0150');
    const order = await placeAndSettle('prod_0150', 'tok_ok', token);
    expect(order?.status).toBe('CONFIRMED');
    expect(order?.payment?.status).toBe('CAPTURED');
    expect(order?.lines[0]?.product.availableQuantity).toBe(before - 2);
  });

  it('cancels an order paid with tok_decline and restores the stock', async () => {
    const token = await demoToken();
    const before = await availableOf('prod_0151');
    const order = await placeAndSettle('prod_0151', 'tok_decline', token);
    expect(order?.status).toBe('CANCELLED');
    expect(order?.cancellationReason).toBe('PAYMENT_DECLINED');
    expect(order?.payment?.status).toBe('DECLINED');
    expect(await availableOf('prod_0151')).toBe(before);
  });
});
