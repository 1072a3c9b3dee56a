import type { CommandDefinition } from './command-context.js';

export const sessionCommands: CommandDefinition[] = [
  {
    names: ['endSessions'],
    handler: ({ body, state }) => {
      const lsids: unknown = body.endSessions;
      if (Array.isArray(lsids)) state.sessions.end(lsids);
      return {};
    },
    counter: 'command',
  },
  { names: ['refreshSessions'], handler: () => ({}), counter: 'command' },
  { names: ['killSessions', 'killAllSessions'], handler: () => ({}), counter: 'command' },
];
