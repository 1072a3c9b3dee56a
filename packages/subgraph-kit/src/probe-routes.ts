import type { Express } from 'express';
import type { Db } from 'mongodb';
import type { Registry } from 'prom-client';
import { setRouteLabel } from './http-metrics.js';

export interface ProbeRoutesOptions {
  readonly db: Db;
  readonly registry: Registry;
  /** The server's lifecycle phase: only a running server is ready. */
  readonly phase: () => string;
  readonly readiness: (() => Promise<void>) | undefined;
  readonly readinessTimeoutMs: number;
}

/**
 * `GET /healthz` (the process answers), `GET /readyz` (MongoDB answers a ping, the extra probe
 * passes, and the server is not starting or draining) and `GET /metrics` (Prometheus text).
 */
export function addProbeRoutes(app: Express, options: ProbeRoutesOptions): void {
  app.get('/healthz', (_req, res) => {
    setRouteLabel(res, '/healthz');
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    setRouteLabel(res, '/readyz');
    const phase = options.phase();
    if (phase !== 'running') {
      res.status(503).json({ status: 'unavailable', reason: `server is ${phase}` });
      return;
    }
    const timeoutMs = options.readinessTimeoutMs;
    const failing: string[] = [];
    const { readiness } = options;
    await Promise.all([
      withTimeout(options.db.command({ ping: 1 }, { timeoutMS: timeoutMs }), timeoutMs).catch(
        () => {
          failing.push('mongodb');
        },
      ),
      readiness
        ? withTimeout(readiness(), timeoutMs).catch(() => {
            failing.push('readiness');
          })
        : undefined,
    ]);
    if (failing.length === 0) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', failing });
  });

  app.get('/metrics', async (_req, res) => {
    setRouteLabel(res, '/metrics');
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
}

// A probe must answer within the orchestrator's timeout even when a dependency hangs.
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
