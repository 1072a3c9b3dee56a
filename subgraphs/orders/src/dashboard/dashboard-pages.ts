/** Where the dashboard lives on the orders server. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const HEAD = `<!doctype html><html><head><meta charset="utf-8"><title>Tessera queues</title>
<style>body{font:16px system-ui;max-width:40rem;margin:4rem auto}textarea{width:100%;height:8rem}</style></head>`;

/** Asks a browser for an admin token, posted to `/admin/queues/sign-in`. */
export const SIGN_IN_PAGE = `${HEAD}
<body><h1>Tessera queues</h1><p>The queue dashboard is for admins. Paste an admin's token
(log in as <code>admin@tessera.dev</code> and copy <code>login.token</code>).</p>
<form method="post" action="${QUEUE_DASHBOARD_PATH}/sign-in"><textarea name="token" required></textarea>
<p><button type="submit">Open the dashboard</button></p></form></body></html>`;

/** What a browser sees while the token keys (the accounts JWKS) cannot be fetched. */
export const KEYS_UNAVAILABLE_MESSAGE =
  'The token keys cannot be fetched right now; try again shortly.';

export const KEYS_UNAVAILABLE_PAGE = `${HEAD}
<body><h1>Tessera queues</h1><p>${KEYS_UNAVAILABLE_MESSAGE}</p>
<p><a href="${QUEUE_DASHBOARD_PATH}">Try again</a></p></body></html>`;
