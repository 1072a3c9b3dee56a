import type { z } from 'zod';
import { BadUserInputError } from '@tessera/errors';

/**
 * Parses client input (resolver arguments) with zod. The first problem becomes a BAD_USER_INPUT
 * error whose `extensions.field` names the argument path (`email`, `input.price`) and whose
 * message reads `<field>: <zod message>`; a problem with the input as a whole has no field.
 * @throws BadUserInputError (BAD_USER_INPUT) when `input` does not match `schema`
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ?? 'input'}: ${issue.message}` : 'Invalid input.';
  throw new BadUserInputError(message, field);
}
