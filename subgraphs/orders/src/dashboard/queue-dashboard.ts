import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  hasRole,
  KeySetUnavailableError,
  Roles,
  type Principal,
  type TokenVerifier,
} from '@tessera/auth';
import { TesseraError, type ErrorCode } from '@tessera/errors';
import { createQueue, SagaQueues, type EnvelopeQueue, type MessagingDeps } from '@tessera/events';
import type { BackgroundService } from '@tessera/subgraph-kit';
import {
  KEYS_UNAVAILABLE_MESSAGE,
  KEYS_UNAVAILABLE_PAGE,
  QUEUE_DASHBOARD_PATH,
  SIGN_IN_PAGE,
} from './dashboard-pages.js';
import { DASHBOARD_COOKIE, dashboardToken, tokenExpiry } from './dashboard-token.js';
import { crossOriginRefusal } from './same-origin.js';

export { QUEUE_DASHBOARD_PATH } from './dashboard-pages.js';

export interface QueueDashboardOptions {
  readonly messaging: MessagingDeps;
  /** Checks the admin's token (the accounts JWKS). */
  readonly verifyToken: TokenVerifier;
}

export interface QueueDashboard extends BackgroundService {
  /** Mounts the sign-in page and the dashboard (which lists no queue until `start()`). */
  mount(app: express.Express): void;
}

/** A token's check: an admin, someone else, a bad token, or keys we cannot fetch (our outage). */
type Verdict =
  | { readonly kind: 'admin'; readonly principal: Principal }
  | { readonly kind: 'not-admin' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'keys-unavailable' };

const SIGN_IN_MESSAGE = 'Sign in with an admin token.';

function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * `@bull-board` over the order saga's queues (`orders`, `inventory`, `payments`), for admins
 * only and meant for development. A browser cannot send an Authorization header, so the sign-in
 * page takes an admin token and keeps it in an HttpOnly, SameSite=Strict cookie scoped to the
 * dashboard's path that expires with the token; API clients may send the header instead. The
 * dashboard stays writable (admins retry dead letters), so every request that may change
 * something, the sign-in included, must come from the dashboard's own origin unless it carries
 * a Bearer header (`crossOriginRefusal`): SameSite alone lets other ports of the host in.
 */
export function createQueueDashboard(options: QueueDashboardOptions): QueueDashboard {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter });
  let queues: EnvelopeQueue[] = [];

  const verify = async (token: string | undefined): Promise<Verdict> => {
    if (!token) return { kind: 'invalid', message: SIGN_IN_MESSAGE };
    try {
      const principal = await options.verifyToken(token);
      return hasRole(principal, Roles.admin) ? { kind: 'admin', principal } : { kind: 'not-admin' };
    } catch (error) {
      if (error instanceof KeySetUnavailableError) return { kind: 'keys-unavailable' };
      if (error instanceof TesseraError && error.code === 'UNAUTHENTICATED') {
        return { kind: 'invalid', message: error.message };
      }
      // Not a verdict on the token: a bug, for the server's error handler (logged, 500).
      throw error;
    }
  };

  const refuseCrossOrigin = (req: Request, res: Response, next: NextFunction) => {
    const refusal = crossOriginRefusal(req);
    if (refusal === undefined) {
      next();
      return;
    }
    sendError(res, 403, 'FORBIDDEN', refusal);
  };

  const requireAdmin = async (req: Request, res: Response, next: NextFunction) => {
    let verdict: Verdict;
    try {
      verdict = await verify(dashboardToken(req));
    } catch (error) {
      // A malformed Authorization header is the client's mistake: 401 with parseBearer's reason.
      if (!(error instanceof TesseraError && error.code === 'UNAUTHENTICATED')) throw error;
      verdict = { kind: 'invalid', message: error.message };
    }
    if (verdict.kind === 'admin') {
      next();
      return;
    }
    const browser = req.method === 'GET' && Boolean(req.accepts('html'));
    if (verdict.kind === 'keys-unavailable') {
      if (browser) res.status(503).type('html').send(KEYS_UNAVAILABLE_PAGE);
      else sendError(res, 503, 'DOWNSTREAM_SERVICE_ERROR', KEYS_UNAVAILABLE_MESSAGE);
      return;
    }
    const status = verdict.kind === 'not-admin' ? 403 : 401;
    if (browser) {
      res.status(status).type('html').send(SIGN_IN_PAGE);
      return;
    }
    if (verdict.kind === 'not-admin') {
      sendError(res, 403, 'FORBIDDEN', 'Only an admin may use the queue dashboard.');
    } else {
      sendError(res, 401, 'UNAUTHENTICATED', verdict.message);
    }
  };

  const signIn = async (req: Request, res: Response) => {
    const field = (req.body as { token?: unknown } | undefined)?.token;
    const token = typeof field === 'string' ? field.trim() : '';
    const verdict = await verify(token);
    if (verdict.kind === 'keys-unavailable') {
      res.status(503).type('html').send(KEYS_UNAVAILABLE_PAGE);
      return;
    }
    // The cookie must not outlive the token. The verifier requires `exp`; a token that has none,
    // or is past it (within the verifier's clock tolerance), cannot bound it: sign in again.
    const expiresAt = verdict.kind === 'admin' ? tokenExpiry(token) : undefined;
    const maxAge = expiresAt === undefined ? 0 : expiresAt.getTime() - Date.now();
    if (verdict.kind !== 'admin' || maxAge <= 0) {
      res
        .status(verdict.kind === 'not-admin' ? 403 : 401)
        .type('html')
        .send(SIGN_IN_PAGE);
      return;
    }
    res.cookie(DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: QUEUE_DASHBOARD_PATH,
      maxAge,
    });
    res.redirect(303, QUEUE_DASHBOARD_PATH);
  };

  return {
    mount(app) {
      app.use(QUEUE_DASHBOARD_PATH, refuseCrossOrigin);
      app.post(
        `${QUEUE_DASHBOARD_PATH}/sign-in`,
        express.urlencoded({ extended: false, limit: '16kb' }),
        signIn,
      );
      app.use(QUEUE_DASHBOARD_PATH, requireAdmin, serverAdapter.getRouter() as express.Router);
    },
    async start() {
      if (queues.length > 0) return;
      const opened: EnvelopeQueue[] = [];
      try {
        for (const name of Object.values(SagaQueues)) {
          opened.push(
            createQueue(name, {
              connection: options.messaging.connection,
              environment: options.messaging.environment,
            }),
          );
        }
      } catch (error) {
        await Promise.allSettled(opened.map((queue) => queue.close()));
        throw error;
      }
      queues = opened;
      board.setQueues(queues.map((queue) => new BullMQAdapter(queue)));
    },
    async stop() {
      board.setQueues([]);
      const open = queues;
      queues = [];
      await Promise.all(open.map((queue) => queue.close()));
    },
  };
}
