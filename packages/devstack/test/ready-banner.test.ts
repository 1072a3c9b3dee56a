import { describe, expect, it } from 'vitest';
import { renderReadyBanner } from '../src/ready-banner.js';

describe('renderReadyBanner', () => {
  const banner = renderReadyBanner({
    graphqlUrl: 'http://127.0.0.1:4000/graphql',
    token: 'aaa.bbb.ccc',
    seconds: 7.25,
    mongoUri: 'mongodb://127.0.0.1:5555/',
    mongoEmbedded: true,
    redisUrl: 'redis://127.0.0.1:6666',
    queuesUrl: 'http://127.0.0.1:4004/admin/queues',
  });

  it('points admins at the queue dashboard', () => {
    expect(banner).toContain('Queues    http://127.0.0.1:4004/admin/queues');
  });

  it('prints the Sandbox URL and a ready-to-paste Authorization header', () => {
    expect(banner).toContain('Sandbox   http://127.0.0.1:4000/graphql');
    expect(banner).toContain('\n  Authorization: Bearer aaa.bbb.ccc\n');
    expect(banner).toContain('ready in 7.3 s');
  });

  it('gives a curl command whose body is valid JSON', () => {
    const body = /--data '(.*)'/.exec(banner)?.[1];
    expect(JSON.parse(body ?? '')).toEqual({ query: expect.stringContaining('me { id email }') });
    expect(banner).toContain(`TOKEN='aaa.bbb.ccc'`);
  });
});
