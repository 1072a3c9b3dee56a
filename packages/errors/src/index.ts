export { errorCodes, isErrorCode, type ErrorCode } from './error-codes.js';
export {
  TesseraError,
  asRequestError,
  UnauthenticatedError,
  ForbiddenError,
  BadUserInputError,
  NotFoundError,
  DownstreamServiceError,
  RateLimitedError,
  type TesseraErrorOptions,
} from './tessera-error.js';
export { createFormatError, httpStatusOf, type FormatErrorOptions } from './format-error.js';
