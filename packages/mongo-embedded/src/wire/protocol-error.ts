/** A frame that cannot be parsed. The connection that sent it is closed; the server lives on. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}
