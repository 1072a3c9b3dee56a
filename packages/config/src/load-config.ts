import type { z } from 'zod';
import { ConfigError } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against a zod object schema whose keys are the variable names.
 * Values are never echoed in messages: a bad value may be a secret.
 */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Env = process.env,
): z.output<S> {
  // Empty strings mean "unset": that is what `FOO= cmd` and most env files produce.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
    // zod 4 leaves `issue.input` out of issues, so "missing" is decided by the variable itself.
    const variable = issue.path[0];
    const missing =
      issue.code === 'invalid_type' && typeof variable === 'string' && !(variable in cleaned);
    return `${name}: ${missing ? 'is required but not set' : issue.message}`;
  });
  throw new ConfigError(service, problems);
}

/** For `main.ts`: prints every problem on one stderr message and exits 1 on bad config. */
export function loadConfigOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Env = process.env,
): z.output<S> {
  try {
    return loadConfig(service, schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
