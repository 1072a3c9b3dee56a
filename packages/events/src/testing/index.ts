// Test helpers for the services that consume saga messages (`@tessera/events/testing`); not part
// of the runtime API, so `@tessera/testing` may stay a dev dependency.
export { sagaCommand } from './saga-command.js';
