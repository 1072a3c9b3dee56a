export interface OnParentExitOptions {
  /** How often to look at the parent pid. @defaultValue 500 */
  readonly intervalMs?: number;
  /** For tests: reads this process's parent pid. @defaultValue () => process.ppid */
  readonly readParentPid?: () => number;
}

/**
 * Calls `onExit` once, with the old parent pid, when this process's parent goes away. The kernel
 * tells a child nothing when its parent dies: the child is re-parented (to init or a subreaper),
 * so its parent pid changes, and that change is what this watches for. `npm run dev` needs it
 * because npm and its `sh` can be killed without relaying the signal, leaving the dev stack and
 * every service running with no launcher.
 * @returns a function that stops watching
 */
export function onParentExit(
  onExit: (parentPid: number) => void,
  options: OnParentExitOptions = {},
): () => void {
  const readParentPid = options.readParentPid ?? (() => process.ppid);
  const parentPid = readParentPid();
  const timer = setInterval(() => {
    if (readParentPid() === parentPid) return;
    clearInterval(timer);
    onExit(parentPid);
  }, options.intervalMs ?? 500);
  // The watch alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
