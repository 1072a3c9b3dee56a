import { DEMO_ACCOUNT } from './demo-login.js';

export interface ReadyBannerInput {
  readonly graphqlUrl: string;
  /** The demo user's dev token: printing it is the point of the banner. */
  readonly token: string;
  readonly seconds: number;
  readonly mongoUri: string;
  readonly mongoEmbedded: boolean;
  readonly redisUrl: string;
  /** The order saga's queue dashboard (orders' `/admin/queues`), when orders runs. */
  readonly queuesUrl?: string | undefined;
}

/** What `npm run dev` prints once everything answers: where to go and how to authenticate. */
export function renderReadyBanner(input: ReadyBannerInput): string {
  const query = JSON.stringify({
    query:
      '{ me { id email } products(first: 5) { edges { node { id name price { amount currency } } } } }',
  });
  return [
    '',
    `Tessera is ready in ${input.seconds.toFixed(1)} s.`,
    '',
    `  Sandbox   ${input.graphqlUrl}`,
    `  Demo      ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`,
    `  MongoDB   ${input.mongoUri}${input.mongoEmbedded ? ' (embedded, data in .dev/mongo)' : ''}`,
    `  Redis     ${input.redisUrl}`,
    ...(input.queuesUrl === undefined
      ? []
      : [`  Queues    ${input.queuesUrl} (admins: sign in with admin@tessera.dev's token)`]),
    '',
    "  Demo token (paste into Sandbox's Headers tab):",
    `  Authorization: Bearer ${input.token}`,
    '',
    '  With curl:',
    `  TOKEN='${input.token}'`,
    `  curl -s ${input.graphqlUrl} -H 'content-type: application/json' \\`,
    `    -H "authorization: Bearer $TOKEN" \\`,
    `    --data '${query}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
