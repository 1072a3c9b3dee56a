/** Shared vocabulary of the update operators. */
import type { Document } from 'bson';
import { formatValue } from './update-paths.js';

/** The operator removes the field. */
export const UNSET = Symbol('unset');
/** The operator leaves the document unchanged. */
export const NOOP = Symbol('noop');
/** A value to set, UNSET or NOOP. */
export type OpResult = unknown;

export interface OpEnv {
  /** The document before the update, for error messages. */
  readonly original: Document;
  readonly isUpsertInsert: boolean;
  readonly now: Date;
}

/** `{_id: 1}`, as MongoDB names the document in update errors. */
export const idText = (doc: Document): string => `{_id: ${formatValue(doc._id)}}`;
