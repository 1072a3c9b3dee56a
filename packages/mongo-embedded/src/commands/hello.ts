import type { Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/opcodes.js';
import type { CommandContext, CommandDefinition } from './command-context.js';

/**
 * A replica-set primary's hello. `topologyVersion` is deliberately absent: with it, drivers
 * switch to streaming (awaitable) heartbeats, which this server does not implement.
 */
function hello(context: CommandContext, legacy: boolean): Document {
  const { state } = context;
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    secondary: false,
    setName: state.setName,
    setVersion: 1,
    hosts: [state.host],
    primary: state.host,
    me: state.host,
    electionId: state.electionId,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
  };
}

export const helloCommands: CommandDefinition[] = [
  {
    names: ['hello'],
    handler: (context) => hello(context, false),
    counter: 'command',
    allowedInOpQuery: true,
  },
  {
    names: ['isMaster', 'ismaster'],
    handler: (context) => hello(context, true),
    counter: 'command',
    allowedInOpQuery: true,
  },
];
