import { DownstreamServiceError, type TesseraErrorOptions } from '@tessera/errors';

/**
 * The signing keys (JWKS) could not be fetched or read, so no token can be verified. This is an
 * outage on our side, not a bad token: it maps to DOWNSTREAM_SERVICE_ERROR (HTTP 502), never to
 * a 401 that would tell a client with a valid token to log in again.
 */
export class KeySetUnavailableError extends DownstreamServiceError {
  constructor(options?: TesseraErrorOptions) {
    super(
      'The access token cannot be verified right now because the signing keys are unavailable. Try again shortly.',
      options,
    );
    this.name = 'KeySetUnavailableError';
  }
}
