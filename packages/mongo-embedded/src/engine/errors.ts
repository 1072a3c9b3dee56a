/**
 * The engine's errors. Codes in the server's registry (`ErrorCodes`) are used by name; the
 * engine-specific ones below carry MongoDB's numeric code and name (`Location<code>` for
 * MongoDB's assertion codes), so replies match a real server.
 */
import { ErrorCodes, MongoError, type ErrorCodeName } from '../mongo-error.js';

const ENGINE_CODES = {
  DollarPrefixedFieldName: 52,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  InvalidPipelineOperator: 168,
  ConversionFailure: 241,
} as const;

export type EngineErrorName = keyof typeof ENGINE_CODES | ErrorCodeName;

/** An error under one of MongoDB's numbered assertions (`codeName` `Location<code>`). */
export function locationError(code: number, message: string): MongoError {
  return new MongoError(code, `Location${code}`, message);
}

export function engineError(name: EngineErrorName, message: string): MongoError {
  const code =
    name in ENGINE_CODES
      ? ENGINE_CODES[name as keyof typeof ENGINE_CODES]
      : ErrorCodes[name as ErrorCodeName];
  return new MongoError(code, name, message);
}
