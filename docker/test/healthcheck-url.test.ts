import { describe, expect, it } from 'vitest';
import { healthcheckUrl } from '../src/healthcheck-url.js';

describe('healthcheckUrl', () => {
  it("uses the service's own port variable", () => {
    expect(healthcheckUrl({ TESSERA_SERVICE: 'subgraphs/catalog', CATALOG_PORT: '5002' })).toBe(
      'http://127.0.0.1:5002/healthz',
    );
    expect(healthcheckUrl({ TESSERA_SERVICE: 'gateway', GATEWAY_PORT: '8080' })).toBe(
      'http://127.0.0.1:8080/healthz',
    );
  });

  it('falls back to the contract port', () => {
    expect(healthcheckUrl({ TESSERA_SERVICE: 'subgraphs/accounts' })).toBe(
      'http://127.0.0.1:4001/healthz',
    );
    expect(healthcheckUrl({ TESSERA_SERVICE: 'gateway' })).toBe('http://127.0.0.1:4000/healthz');
  });

  it('says which variable to set when it cannot tell the port', () => {
    expect(() => healthcheckUrl({ TESSERA_SERVICE: 'subgraphs/gift-cards' })).toThrow(
      /GIFT_CARDS_PORT/,
    );
    expect(() => healthcheckUrl({})).toThrow(/TESSERA_SERVICE/);
  });
});
