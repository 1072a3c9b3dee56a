// Preloaded into Node children (`node --import <this file>`) where `setpriv` is not available:
// when the dev stack dies without stopping us, our parent pid changes and we stop ourselves the
// normal way (once), so the child's own SIGTERM handler still drains and closes cleanly. The dev
// stack passes its pid, because it may already be gone by the time this module loads.
const parentPid = Number(process.env['TESSERA_DEVSTACK_PID'] ?? process.ppid);

const timer = setInterval(() => {
  if (process.ppid === parentPid) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
}, 1_000);
timer.unref();
