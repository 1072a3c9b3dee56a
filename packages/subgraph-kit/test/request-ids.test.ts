import { describe, expect, it } from 'vitest';
import { requestIdFrom, traceparentFrom } from '../src/index.js';

describe('requestIdFrom', () => {
  it('keeps a plain request id', () => {
    expect(requestIdFrom('gw-7f3a.1:2')).toBe('gw-7f3a.1:2');
  });

  it.each([[undefined], [''], ['has spaces'], ['x'.repeat(129)], ['line\nbreak']])(
    'replaces %j with a new UUID',
    (header) => {
      expect(requestIdFrom(header)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    },
  );
});

describe('traceparentFrom', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('passes a valid W3C traceparent through', () => {
    expect(traceparentFrom(valid)).toBe(valid);
  });

  it.each([
    ['garbage', 'hello'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['the forbidden version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
  ])('drops %s', (_name, header) => {
    expect(traceparentFrom(header)).toBeUndefined();
  });
});
