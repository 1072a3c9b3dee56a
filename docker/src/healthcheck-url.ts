/** Dev and container defaults from the contract's port table. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  GATEWAY: 4000,
  ACCOUNTS: 4001,
  CATALOG: 4002,
  INVENTORY: 4003,
  ORDERS: 4004,
  PAYMENTS: 4005,
  REVIEWS: 4006,
};

/**
 * The liveness URL of the service this image runs. `TESSERA_SERVICE` is the workspace folder the
 * image was built for (`gateway`, `subgraphs/catalog`); the port is that service's own variable
 * (`GATEWAY_PORT`, `CATALOG_PORT`), so a port override in compose needs no healthcheck change.
 */
export function healthcheckUrl(env: Readonly<Record<string, string | undefined>>): string {
  const service = env['TESSERA_SERVICE'] ?? '';
  const name = (service.split('/').pop() ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const port = env[`${name}_PORT`] ?? DEFAULT_PORTS[name];
  if (name === '' || port === undefined) {
    throw new TypeError(
      `healthcheck: set ${name === '' ? 'TESSERA_SERVICE' : `${name}_PORT`} (service "${service}")`,
    );
  }
  return `http://127.0.0.1:${port}/healthz`;
}
