import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';
import { SupergraphLoadError } from './supergraph-load-error.js';

export interface SupergraphFileOptions {
  /** Absolute path of the supergraph SDL file. */
  readonly path: string;
  readonly logger: Logger;
  /**
   * Quiet time after the last change event before the file is read again: editors and deploy
   * tools often write a file in several steps. @defaultValue 100
   */
  readonly debounceMs?: number;
}

/**
 * The `supergraphSdl` hook of `ApolloGateway`: it serves the file's SDL and hot-reloads it.
 *
 * It watches the directory, not the file, because the usual safe way to replace a file (write a
 * temporary one, then rename it over the old) gives the path a new inode that a file watch would
 * never see; Kubernetes ConfigMap mounts swap a symlinked directory the same way. Any event in the
 * directory triggers a re-read, and only changed content is applied. `update` rejects an invalid
 * supergraph synchronously, so a bad file is logged and the previous schema keeps serving.
 * Requests already running keep the schema and query plan they started with.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphSdlHook {
  const { path, logger } = options;
  const debounceMs = options.debounceMs ?? 100;

  return async ({ update }) => {
    const initial = await readInitial(path);
    let applied = initial;
    let rejected: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    // Reloads run one after the other, so two quick edits never race.
    let pending: Promise<void> = Promise.resolve();

    const reload = async (): Promise<void> => {
      let sdl: string;
      try {
        sdl = await readFile(path, 'utf8');
      } catch (error) {
        // Between an unlink and the next write the file may be briefly missing: the next event
        // will bring it back. Until then the current supergraph keeps serving.
        logger.warn(
          { path, reason: describe(error) },
          'supergraph file unreadable; still serving the previous supergraph',
        );
        return;
      }
      if (sdl === applied || sdl === rejected || sdl.trim() === '') return;
      try {
        update(sdl);
        applied = sdl;
        rejected = undefined;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        rejected = sdl;
        logger.error(
          { path, reason: describe(error) },
          'the new supergraph is invalid; still serving the previous supergraph',
        );
      }
    };

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        pending = pending.then(reload);
      }, debounceMs);
      timer.unref();
    };

    let watcher: FSWatcher;
    try {
      watcher = watch(dirname(path), { persistent: false }, schedule);
    } catch (error) {
      throw new SupergraphLoadError(path, `cannot watch its directory: ${describe(error)}`, {
        cause: error,
      });
    }
    watcher.on('error', (error) => {
      logger.error(
        { path, reason: describe(error) },
        'stopped watching the supergraph file; restart the gateway to pick up changes',
      );
    });

    return {
      supergraphSdl: initial,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
        await pending;
      },
    };
  };
}

async function readInitial(path: string): Promise<string> {
  let sdl: string;
  try {
    sdl = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist. Run `npm run schema:compose` or set SUPERGRAPH_PATH.'
        : describe(error);
    throw new SupergraphLoadError(path, reason, { cause: error });
  }
  if (sdl.trim() === '') throw new SupergraphLoadError(path, 'the file is empty.');
  return sdl;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
