import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { hasRole, parseBearer, Roles, type TokenVerifier } from '@tessera/auth';
import { createQueue, SagaQueues, type EnvelopeQueue, type MessagingDeps } from '@tessera/events';
import type { BackgroundService } from '@tessera/subgraph-kit';

/** Where the dashboard lives on the orders server. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The HttpOnly cookie that carries the admin's token once they have signed in to the dashboard. */
const COOKIE = 'tessera_queue_admin';

export interface QueueDashboardOptions {
  readonly messaging: MessagingDeps;
  /** Checks the admin's token (the accounts JWKS). */
  readonly verifyToken: TokenVerifier;
}

export interface QueueDashboard extends BackgroundService {
  /** Mounts the sign-in page and the dashboard (routes answer 503 until `start()`). */
  mount(app: express.Express): void;
}

function tokenOf(req: Request): string | undefined {
  const bearer = parseBearer(req.headers.authorization);
  if (bearer) return bearer;
  const cookies = req.headers.cookie?.split(';') ?? [];
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const SIGN_IN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Tessera queues</title>
<style>body{font:16px system-ui;max-width:40rem;margin:4rem auto}textarea{width:100%;height:8rem}</style></head>
<body><h1>Tessera queues</h1><p>The queue dashboard is for admins. Paste an admin's token
(log in as <code>admin@tessera.dev</code> and copy <code>login.token</code>).</p>
<form method="post" action="${QUEUE_DASHBOARD_PATH}/sign-in"><textarea name="token" required></textarea>
<p><button type="submit">Open the dashboard</button></p></form></body></html>`;

/**
 * `@bull-board` over the order saga's queues (`orders`, `inventory`, `payments`), for admins
 * only and meant for development. A browser cannot send an Authorization header, so the sign-in
 * page takes an admin token and keeps it in an HttpOnly, SameSite=Strict cookie scoped to the
 * dashboard's path; API clients may send the header instead. Jobs carry ids and types only, but
 * an admin can retry or remove them from here, so nobody else gets in.
 */
export function createQueueDashboard(options: QueueDashboardOptions): QueueDashboard {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter });
  let queues: EnvelopeQueue[] = [];

  const requireAdmin = async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    const principal = token ? await options.verifyToken(token).catch(() => null) : null;
    if (principal && hasRole(principal, Roles.admin)) {
      next();
      return;
    }
    if (req.method === 'GET' && req.accepts('html')) {
      res
        .status(principal ? 403 : 401)
        .type('html')
        .send(SIGN_IN_PAGE);
      return;
    }
    res.status(principal ? 403 : 401).json({
      errors: [
        principal
          ? {
              message: 'Only an admin may use the queue dashboard.',
              extensions: { code: 'FORBIDDEN' },
            }
          : { message: 'Sign in with an admin token.', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  };

  return {
    mount(app) {
      app.post(
        `${QUEUE_DASHBOARD_PATH}/sign-in`,
        express.urlencoded({ extended: false, limit: '16kb' }),
        async (req: Request, res: Response) => {
          const field = (req.body as { token?: unknown } | undefined)?.token;
          const token = typeof field === 'string' ? field.trim() : '';
          const principal = token ? await options.verifyToken(token).catch(() => null) : null;
          if (!principal || !hasRole(principal, Roles.admin)) {
            res
              .status(principal ? 403 : 401)
              .type('html')
              .send(SIGN_IN_PAGE);
            return;
          }
          res.cookie(COOKIE, token, {
            httpOnly: true,
            sameSite: 'strict',
            path: QUEUE_DASHBOARD_PATH,
          });
          res.redirect(303, QUEUE_DASHBOARD_PATH);
        },
      );
      app.use(QUEUE_DASHBOARD_PATH, requireAdmin, serverAdapter.getRouter() as express.Router);
    },
    start() {
      queues = Object.values(SagaQueues).map((name) =>
        createQueue(name, {
          connection: options.messaging.connection,
          environment: options.messaging.environment,
        }),
      );
      board.setQueues(queues.map((queue) => new BullMQAdapter(queue)));
      return Promise.resolve();
    },
    async stop() {
      board.setQueues([]);
      await Promise.all(queues.map((queue) => queue.close()));
      queues = [];
    },
  };
}
