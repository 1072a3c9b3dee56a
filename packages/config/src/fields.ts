import { z } from 'zod';

/** A TCP port; 0 asks the OS for a free one. */
export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

export const mongoUri = () =>
  z.string().refine((v) => /^mongodb(\+srv)?:\/\/[^/?#\s]+/.test(v), {
    message: 'must be a MongoDB connection string such as mongodb://host:27017/',
  });

export const redisUrl = () =>
  z.string().refine((v) => /^rediss?:\/\/\S+/.test(v), {
    message: 'must be a Redis URL such as redis://127.0.0.1:6379',
  });

export const httpUrl = () =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL' },
  );

export const nodeEnv = () => z.enum(['development', 'test', 'production']).default('development');

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** "true/false/1/0/yes/no", case-insensitive. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'YES', 'NO'], {
      error: 'must be true or false',
    })
    .transform((v) => ['true', '1', 'yes'].includes(v.toLowerCase()))
    .default(fallback);

/** A duration in milliseconds, as a plain number. */
export const millis = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(fallback);
