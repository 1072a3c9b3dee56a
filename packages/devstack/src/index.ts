export {
  createDevStack,
  type DevStack,
  type DevStackOptions,
  type DevStackService,
  type UnexpectedExit,
} from './create-dev-stack.js';
export { DevStackError, type DevStackErrorCode } from './dev-stack-error.js';
export { DEMO_ACCOUNT, loginDemo, type DemoLogin } from './demo-login.js';
export {
  CONTRACT_PORTS,
  discoverSubgraphs,
  envPrefixOf,
  type SubgraphInfo,
} from './discover-subgraphs.js';
export { freePort } from './free-port.js';
export { ManagedProcess, type ExitInfo, type ManagedProcessOptions } from './managed-process.js';
export { REPO_ROOT } from './repo-root.js';
export { spawnNodeService, type NodeServiceOptions } from './spawn-node-service.js';
export { waitForReady, type WaitForReadyOptions } from './wait-for-ready.js';
