import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  startTestSubgraph,
  testMongoUri,
  testRedisUrl,
  uniqueName,
  type RunningTestServer,
  type TestIssuer,
} from '@tessera/testing';
import { ordersIndexes } from '../src/indexes.js';
import { createServer } from '../src/server.js';

let client: MongoClient;
let server: RunningTestServer;
let issuer: TestIssuer;
const dbName = uniqueName('orders_dashboard');

beforeAll(async () => {
  client = await MongoClient.connect(testMongoUri());
  await ensureIndexes(client.db(dbName), ordersIndexes);
  issuer = await createTestIssuer();
  server = await startTestSubgraph(
    createServer({
      db: client.db(dbName),
      config: {
        jwksUrl: new URL('http://127.0.0.1:9/unused'),
        jwtIssuer: 'unused',
        jwtAudience: 'unused',
        nodeEnv: 'development',
      },
      logger: createLogger({ service: 'orders', level: 'silent' }),
      verifyToken: issuer.verifyToken,
      messaging: { connection: testRedisUrl(), environment: uniqueName('dashboard') },
      queueDashboard: true,
    }),
  );
});
afterAll(async () => {
  await server.stop();
  await client.db(dbName).dropDatabase();
  await client.close();
});

const dashboard = (path = '', init: RequestInit = {}) =>
  fetch(`${server.origin}/admin/queues${path}`, { redirect: 'manual', ...init });

describe('the queue dashboard', () => {
  it('shows a browser without a token the sign-in page, with 401', async () => {
    const response = await dashboard('', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Paste an admin');
  });

  it('refuses a customer with FORBIDDEN', async () => {
    const token = await issuer.sign({ sub: 'usr_0001' });
    const response = await dashboard('/api/queues', {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it("lists the saga's three queues for an admin", async () => {
    const token = await issuer.sign({ sub: 'usr_0002', roles: ['admin'] });
    const response = await dashboard('/api/queues', {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['inventory', 'orders', 'payments']);
  });

  it('signs an admin in with a cookie that opens the dashboard in a browser', async () => {
    const token = await issuer.sign({ sub: 'usr_0002', roles: ['admin'] });
    const signIn = await dashboard('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await dashboard('', {
      headers: { accept: 'text/html', cookie: cookie.split(';')[0] ?? '' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root"|bull/i);
  });

  it('does not sign in a customer', async () => {
    const token = await issuer.sign({ sub: 'usr_0001' });
    const signIn = await dashboard('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });
});
