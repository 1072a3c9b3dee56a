import { Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from '../wire/opcodes.js';
import type { CommandDefinition } from './command-context.js';

const VERSION = '7.0.0';

export const adminCommands: CommandDefinition[] = [
  { names: ['ping'], handler: () => ({}), counter: 'command' },
  {
    names: ['buildInfo', 'buildinfo'],
    handler: () => ({
      version: VERSION,
      gitVersion: 'tessera-mongo-embedded',
      versionArray: [7, 0, 0, 0],
      bits: 64,
      debug: false,
      maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
      storageEngines: ['tessera-embedded'],
      modules: [],
    }),
    counter: 'command',
    allowedInOpQuery: true,
  },
  {
    names: ['serverStatus'],
    handler: ({ state }) => {
      const uptimeMillis = Date.now() - state.startedAt.getTime();
      const opcounters: Document = {};
      for (const [name, value] of Object.entries(state.counters.snapshot())) {
        opcounters[name] = Long.fromNumber(value);
      }
      return {
        host: state.host,
        version: VERSION,
        process: 'mongod',
        pid: Long.fromNumber(process.pid),
        uptime: Math.floor(uptimeMillis / 1000),
        uptimeMillis: Long.fromNumber(uptimeMillis),
        localTime: new Date(),
        connections: {
          current: state.connectionsCurrent,
          available: 1_000_000,
          totalCreated: state.connectionsTotal,
        },
        opcounters,
        repl: { setName: state.setName, isWritablePrimary: true, primary: state.host },
        metrics: { cursor: { open: { total: Long.fromNumber(state.cursors.size) } } },
      };
    },
    counter: 'command',
  },
  {
    names: ['getParameter'],
    handler: () => ({ featureCompatibilityVersion: { version: '7.0' } }),
    counter: 'command',
  },
  {
    names: ['getCmdLineOpts'],
    handler: () => ({ argv: ['mongo-embedded'], parsed: {} }),
    counter: 'command',
  },
  {
    names: ['hostInfo'],
    handler: () => ({
      system: { currentTime: new Date(), hostname: '127.0.0.1' },
      os: {},
      extra: {},
    }),
    counter: 'command',
  },
  {
    names: ['whatsmyuri'],
    handler: () => ({ you: '127.0.0.1' }),
    counter: 'command',
  },
  { names: ['getLog'], handler: () => ({ totalLinesWritten: 0, log: [] }), counter: 'command' },
  {
    names: ['connectionStatus'],
    handler: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
    counter: 'command',
  },
];
