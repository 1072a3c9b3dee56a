import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueue, SagaQueues, type EnvelopeQueue } from '@tessera/events';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  freePort,
  startTestSubgraph,
  testMongoUri,
  testRedisUrl,
  uniqueName,
  type RunningTestServer,
  type TestIssuer,
  testSubgraphConfig,
} from '@tessera/testing';
import { ordersIndexes } from '../src/indexes.js';
import { createServer } from '../src/server.js';

let client: MongoClient;
let server: RunningTestServer;
let issuer: TestIssuer;
/** The same dashboard, but its verifier reaches for a JWKS nobody serves (the accounts outage). */
let keysDown: RunningTestServer;
const queues = new Map<string, EnvelopeQueue>();
const dbName = uniqueName('orders_dashboard');
const environment = uniqueName('dashboard');

beforeAll(async () => {
  client = await MongoClient.connect(testMongoUri());
  await ensureIndexes(client.db(dbName), ordersIndexes);
  issuer = await createTestIssuer();
  server = await startTestSubgraph(
    createServer({
      db: client.db(dbName),
      config: testSubgraphConfig('development'),
      logger: createLogger({ service: 'orders', level: 'silent' }),
      verifyToken: issuer.verifyToken,
      messaging: { connection: testRedisUrl(), environment },
      queueDashboard: true,
    }),
  );
  keysDown = await startTestSubgraph(
    createServer({
      db: client.db(dbName),
      config: {
        jwksUrl: new URL(`http://127.0.0.1:${String(await freePort())}/.well-known/jwks.json`),
        jwtIssuer: 'unused',
        jwtAudience: 'unused',
        nodeEnv: 'development',
      },
      logger: createLogger({ service: 'orders', level: 'silent' }),
      messaging: { connection: testRedisUrl(), environment: uniqueName('dashboard_keys_down') },
      queueDashboard: true,
    }),
  );
});
afterAll(async () => {
  await keysDown.stop();
  await server.stop();
  for (const queue of queues.values()) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await client.db(dbName).dropDatabase();
  await client.close();
});

const dashboard = (path = '', init: RequestInit = {}) =>
  fetch(`${server.origin}/admin/queues${path}`, { redirect: 'manual', ...init });

/** The saga queue `name` of the dashboard's environment, seen from the test. */
function queue(name: string): EnvelopeQueue {
  let opened = queues.get(name);
  if (opened === undefined) {
    opened = createQueue(name, { connection: testRedisUrl(), environment });
    queues.set(name, opened);
  }
  return opened;
}

async function jobCount(name: string): Promise<number> {
  const counts = await queue(name).getJobCounts();
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

const adminToken = (expiresIn = '15m') =>
  issuer.sign({ sub: 'usr_0002', roles: ['admin'], expiresIn });

/** Signs in from the dashboard's own page, as a browser would; returns the `name=value` cookie. */
async function signInCookie(token: string): Promise<string> {
  const signIn = await dashboard('/sign-in', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: server.origin,
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(signIn.status).toBe(303);
  return (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A POST like the one a form on another page of the host sends: the browser adds the cookie. */
const formPost = (cookie: string, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
  body: 'name=csrf',
});

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
    const token = await adminToken();
    const signIn = await dashboard('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
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
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });

  it('keeps the cookie no longer than the token lives', async () => {
    const cookie = await dashboard('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
      body: new URLSearchParams({ token: await adminToken('2m') }).toString(),
    }).then((response) => response.headers.get('set-cookie') ?? '');

    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(100);
    expect(maxAge).toBeLessThanOrEqual(120);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
  });

  it('shows the sign-in page, not a 500, for a cookie that is not valid percent-encoding (regression)', async () => {
    const page = await dashboard('', {
      headers: { accept: 'text/html', cookie: 'tessera_queue_admin=%E0%A4%A' },
    });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Paste an admin');
  });

  it('answers an invalid token with 401 UNAUTHENTICATED', async () => {
    const response = await dashboard('/api/queues', {
      headers: { authorization: 'Bearer not.a.jwt', accept: 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers a malformed Authorization header with 401, not a 500', async () => {
    const response = await dashboard('/api/queues', {
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=', accept: 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  describe('when the token keys cannot be fetched', () => {
    it('answers 503 DOWNSTREAM_SERVICE_ERROR, not 401 (regression: a JWKS outage signed admins out)', async () => {
      const response = await fetch(`${keysDown.origin}/admin/queues/api/queues`, {
        headers: { authorization: `Bearer ${await adminToken()}`, accept: 'application/json' },
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: 'The token keys cannot be fetched right now; try again shortly.',
            extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' },
          },
        ],
      });
    });

    it('shows a browser a page saying so, with 503', async () => {
      const page = await fetch(`${keysDown.origin}/admin/queues`, {
        headers: { accept: 'text/html', cookie: `tessera_queue_admin=${await adminToken()}` },
      });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('cannot be fetched right now');
    });

    it('does not sign in, with 503', async () => {
      const signIn = await fetch(`${keysDown.origin}/admin/queues/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: keysDown.origin,
        },
        body: new URLSearchParams({ token: await adminToken() }).toString(),
      });
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('only takes changes from its own origin', () => {
    it('refuses a form POST from another port of the host that carries the cookie, adding no job (regression: CSRF)', async () => {
      const cookie = await signInCookie(await adminToken());
      const before = await jobCount(SagaQueues.orders);

      const response = await dashboard(
        `/api/queues/${SagaQueues.orders}/add`,
        formPost(cookie, {
          origin: `http://127.0.0.1:${String(server.port + 1)}`,
          'sec-fetch-site': 'same-site',
        }),
      );

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        errors: [
          {
            message: expect.stringContaining('Sec-Fetch-Site: same-site') as unknown,
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
      expect(await jobCount(SagaQueues.orders)).toBe(before);
    });

    it('refuses a cookie POST whose Origin is another port when the browser sends no Sec-Fetch-Site', async () => {
      const cookie = await signInCookie(await adminToken());
      const other = `http://127.0.0.1:${String(server.port + 1)}`;

      const response = await dashboard(
        `/api/queues/${SagaQueues.payments}/add`,
        formPost(cookie, { origin: other }),
      );

      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(body.errors[0]?.message).toContain(`Origin ${other} is not ${server.origin}`);
    });

    it('refuses a cookie POST with neither Sec-Fetch-Site nor Origin', async () => {
      const cookie = await signInCookie(await adminToken());

      const response = await dashboard(
        `/api/queues/${SagaQueues.payments}/add`,
        formPost(cookie, {}),
      );

      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(body.errors[0]?.message).toContain('neither a Sec-Fetch-Site nor an Origin');
    });

    it('trusts Sec-Fetch-Site over a matching Origin', async () => {
      const cookie = await signInCookie(await adminToken());

      const response = await dashboard(
        `/api/queues/${SagaQueues.payments}/add`,
        formPost(cookie, { origin: server.origin, 'sec-fetch-site': 'cross-site' }),
      );

      expect(response.status).toBe(403);
    });

    it('refuses a cross-origin sign-in, setting no cookie', async () => {
      const signIn = await dashboard('/sign-in', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: `http://127.0.0.1:${String(server.port + 1)}`,
          'sec-fetch-site': 'same-site',
        },
        body: new URLSearchParams({ token: await adminToken() }).toString(),
      });

      expect(signIn.status).toBe(403);
      expect(signIn.headers.get('set-cookie')).toBeNull();
      expect(await signIn.json()).toMatchObject({
        errors: [{ extensions: { code: 'FORBIDDEN' } }],
      });
    });

    it("lets the dashboard's own pages change jobs with the cookie (it stays writable)", async () => {
      const cookie = await signInCookie(await adminToken());
      const before = await jobCount(SagaQueues.inventory);

      const response = await dashboard(`/api/queues/${SagaQueues.inventory}/add`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie,
          origin: server.origin,
          'sec-fetch-site': 'same-origin',
        },
        body: JSON.stringify({ name: 'dashboard.ping', data: {} }),
      });

      expect(response.status).toBe(200);
      expect(await jobCount(SagaQueues.inventory)).toBe(before + 1);
    });

    it('lets a browser without Sec-Fetch-Site in when the Origin is its own', async () => {
      const cookie = await signInCookie(await adminToken());

      const response = await dashboard(`/api/queues/${SagaQueues.inventory}/add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: server.origin },
        body: JSON.stringify({ name: 'dashboard.ping', data: {} }),
      });

      expect(response.status).toBe(200);
    });

    it('lets an API client with a Bearer header in without an Origin (not forgeable by a page)', async () => {
      const response = await dashboard(`/api/queues/${SagaQueues.inventory}/add`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await adminToken()}`,
        },
        body: JSON.stringify({ name: 'dashboard.ping', data: {} }),
      });

      expect(response.status).toBe(200);
    });
  });
});
