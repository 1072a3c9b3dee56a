/**
 * serverStatus `opcounters`, counted as mongod counts them: `insert` per document,
 * `update`/`delete` per statement, `query` per find, `getmore` per getMore, and `command` for
 * every other command (the handshake and heartbeats included).
 */
export class OpCounters {
  insert = 0;
  query = 0;
  update = 0;
  delete = 0;
  getmore = 0;
  command = 0;

  snapshot(): Record<'insert' | 'query' | 'update' | 'delete' | 'getmore' | 'command', number> {
    return {
      insert: this.insert,
      query: this.query,
      update: this.update,
      delete: this.delete,
      getmore: this.getmore,
      command: this.command,
    };
  }
}
