import type { Document } from 'bson';

/**
 * An error the server answers with `ok: 0`. Codes and names follow MongoDB's
 * (src/mongo/base/error_codes.yml), because drivers branch on them, e.g. `withTransaction`
 * retries on the `TransientTransactionError` label.
 */
export class MongoError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    /** Extra reply fields, e.g. `keyPattern` and `keyValue` for DuplicateKey. */
    readonly extra: Document = {},
    readonly errorLabels: readonly string[] = [],
  ) {
    super(message);
    this.name = 'MongoError';
  }

  toReply(): Document {
    return {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
      ...(this.errorLabels.length > 0 ? { errorLabels: [...this.errorLabels] } : {}),
    };
  }
}

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexNotFound: 27,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  Location40352: 40352,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  PathNotViable: 28,
  Unauthorized: 13,
  Location15974: 15974,
  NotWritablePrimary: 10107,
  MaxTimeMSExpired: 50,
  CannotCreateIndex: 67,
  CannotIndexParallelArrays: 171,
  InvalidIdField: 53,
  NoSuchSession: 206,
  TransactionTooOld: 225,
  Interrupted: 11601,
  NotImplemented: 238,
  InvalidBSON: 22,
  UnknownError: 8,
  ConflictingOperationInProgress: 117,
  Location17419: 17419,
  Location17420: 17420,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** Shorthand: `mongoError('BadValue', 'unknown operator: $foo')`. */
export function mongoError(
  name: ErrorCodeName,
  message: string,
  extra?: Document,
  labels?: readonly string[],
): MongoError {
  return new MongoError(ErrorCodes[name], name, message, extra, labels);
}
