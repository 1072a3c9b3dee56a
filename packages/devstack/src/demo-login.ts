import { setTimeout as delay } from 'node:timers/promises';
import { DevStackError } from './dev-stack-error.js';

/** The seeded dev customer (see the CONTRACT's dev accounts). */
export const DEMO_ACCOUNT = { email: 'demo@tessera.dev', password: 'tessera-demo' } as const;

const LOGIN = `mutation DevLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt }
}`;

interface LoginResponse {
  data?: { login?: { token?: unknown; expiresAt?: unknown } | null } | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

export interface DemoLogin {
  readonly token: string;
  readonly expiresAt: string;
}

/**
 * Logs the demo account in through the gateway, the way a client would. It retries briefly,
 * because a subgraph may still be seeding its empty database when it first reports ready.
 */
export async function loginDemo(
  graphqlUrl: string,
  options: { readonly attempts?: number; readonly intervalMs?: number } = {},
): Promise<DemoLogin> {
  const attempts = options.attempts ?? 20;
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables: DEMO_ACCOUNT }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as LoginResponse;
      const login = body.data?.login;
      if (typeof login?.token === 'string') {
        return { token: login.token, expiresAt: String(login.expiresAt) };
      }
      const first = body.errors?.[0];
      const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : '';
      const message = typeof first?.message === 'string' ? first.message : 'no token in the reply';
      problem = `HTTP ${response.status}: ${code} ${message}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await delay(options.intervalMs ?? 250);
  }
  throw new DevStackError(
    'DEMO_LOGIN_FAILED',
    `Could not log in as ${DEMO_ACCOUNT.email} through the gateway (${problem.trim()}).`,
  );
}
