import { ConfigError } from '@tessera/config';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig, subgraphSettings } from '../src/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayConfig', () => {
  it('has working development defaults', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      jwtIssuer: DEV_ISSUER,
      jwtAudience: DEV_AUDIENCE,
      nodeEnv: 'development',
      subgraphTimeoutMs: 10_000,
      corsOrigins: '*',
    });
    expect(config.jwksUrl.href).toBe('http://127.0.0.1:4001/.well-known/jwks.json');
    expect(config.supergraphPath).toMatch(/[/\\]schema[/\\]supergraph\.graphql$/);
    expect(config.supergraphPath).not.toMatch(/gateway[/\\]schema/);
  });

  it('requires every JWT setting in production and lists them with the other problems', () => {
    const problems = problemsOf({ NODE_ENV: 'production', GATEWAY_PORT: '99999' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/GATEWAY_PORT/);
    for (const name of ['JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts production with its JWT settings, and allows no CORS origin by default', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      JWKS_URL: 'https://accounts.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://accounts.example',
      JWT_AUDIENCE: 'tessera',
    });
    expect(config.jwtIssuer).toBe('https://accounts.example');
    expect(config.corsOrigins).toEqual([]);
  });

  it('discovers per-subgraph overrides by name', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_CATALOG_URL: 'http://catalog:4002/graphql',
      SUBGRAPH_MY_REVIEWS_FORWARD_AUTH: 'false',
    });
    expect(subgraphSettings(config, 'catalog')).toEqual({
      url: 'http://catalog:4002/graphql',
      forwardAuthorization: true,
    });
    expect(subgraphSettings(config, 'my-reviews')).toEqual({ forwardAuthorization: false });
    expect(subgraphSettings(config, 'accounts')).toEqual({ forwardAuthorization: true });
  });

  it('reports a bad override without echoing its value', () => {
    const problems = problemsOf({
      SUBGRAPH_CATALOG_URL: 'ftp://secret-host',
      SUBGRAPH_CATALOG_FORWARD_AUTH: 'maybe',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('secret-host');
  });

  it('reads CORS_ORIGINS as a comma-separated list', () => {
    const config = loadGatewayConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
