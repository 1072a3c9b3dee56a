import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '../src/index.js';

interface Seen {
  method: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

const seen: Seen[] = [];
const server = createServer((req: IncomingMessage, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  req.on('end', () => {
    seen.push({
      method: req.method,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      body: JSON.parse(raw),
    });
    const denied = req.headers.authorization === undefined;
    res.writeHead(denied ? 401 : 200, { 'content-type': 'application/json', 'x-echo': 'yes' });
    res.end(
      JSON.stringify(
        denied
          ? { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }
          : { data: { ok: true } },
      ),
    );
  });
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('graphqlRequest', () => {
  it('POSTs the query and variables as JSON with the bearer token and returns the parsed body', async () => {
    const response = await graphqlRequest<{ ok: boolean }>(url, '{ ok }', { id: 'p1' }, 't0k');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      contentType: 'application/json',
      authorization: 'Bearer t0k',
      body: { query: '{ ok }', variables: { id: 'p1' } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.body.data).toEqual({ ok: true });
  });

  it('sends no authorization header without a token and returns a non-2xx body as is', async () => {
    const response = await graphqlRequest(url, '{ ok }');
    expect(seen.at(-1)?.authorization).toBeUndefined();
    expect(seen.at(-1)?.body).toEqual({ query: '{ ok }', variables: {} });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
