import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'orders',
    level: 'info',
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and a string level', () => {
    const { logger, lines } = capture();
    logger.info({ orderId: 'o1' }, 'placed');
    expect(lines[0]).toMatchObject({
      service: 'orders',
      level: 'info',
      msg: 'placed',
      orderId: 'o1',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('redacts secrets by field name, also in nested objects and child loggers', () => {
    const { logger, lines } = capture();
    logger.child({ requestId: 'r1' }).info(
      {
        password: 'hunter2',
        token: 'eyJ.secret.sig',
        req: {
          headers: {
            authorization: 'Bearer eyJ.secret.sig',
            cookie: 'sid=1',
            'set-cookie': 'sid=2',
          },
        },
        input: { credentials: { privateKey: '-----BEGIN PRIVATE KEY-----' } },
      },
      'request',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('eyJ.secret.sig');
    expect(text).not.toContain('sid=');
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    expect(lines[0]?.['requestId']).toBe('r1');
    expect(lines[0]?.['password']).toBe('[redacted]');
  });

  it('honours the level', () => {
    const { logger, lines } = capture();
    logger.debug('hidden');
    expect(lines).toEqual([]);
  });
});
