import type { CommandDefinition } from './command-context.js';

export const sessionCommands: CommandDefinition[] = [
  { names: ['endSessions'], handler: () => ({}), counter: 'command' },
  { names: ['refreshSessions'], handler: () => ({}), counter: 'command' },
  { names: ['killSessions', 'killAllSessions'], handler: () => ({}), counter: 'command' },
];
