/**
 * Child processes the harness starts, each in its own process group, all stopped when the harness
 * process exits, even on failure or Ctrl+C. Only processes started here are ever signalled.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const started = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

let hooked = false;
function hookExit(): void {
  if (hooked) {
    return;
  }
  hooked = true;
  process.on('exit', () => {
    for (const child of started) {
      killGroup(child, 'SIGKILL');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      // Let each child shut down cleanly (the emulator flushes its commits), then go; the exit hook
      // above kills whatever is still running.
      const children = [...started];
      console.log(`\nstopping ${children.length} process(es)`);
      void Promise.race([
        Promise.all(children.map((child) => stopTracked(child, 3000))),
        new Promise((resolve) => setTimeout(resolve, 6000)),
      ]).then(() => process.exit(130));
    });
  }
}

/** Spawns `command` detached (its own process group) and remembers it for cleanup. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  hookExit();
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops a tracked process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopTracked(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) {
    return;
  }
  if (child.exitCode !== null || child.signalCode !== null) {
    started.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  started.delete(child);
  // The leader is gone; anything it left behind in its group (e.g. the extension host) goes too.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Nothing left.
  }
}
