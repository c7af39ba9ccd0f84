/**
 * CPU time of a process, so the benchmark can print CPU per acknowledged send for the server (a child
 * process) and for its own load clients over exactly one phase. On a busy or small machine this is the
 * steadier number: throughput depends on what else runs, CPU per send hardly does.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU (µs) of process `pid` and all its threads so far, from /proc; undefined where /proc
 * is not available (not Linux). Resolution is one tick (10 ms), fine over a phase of seconds.
 */
export function childCpuMicros(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : statCpuMicros(`/proc/${pid}/stat`);
}

/**
 * The same for the main thread of process `pid` alone (its thread id is the pid): the thread that
 * runs every call, whose time per send caps the server's rate while the others (socket worker, WAL
 * sync, checkpoints) have time to spare.
 */
export function mainThreadCpuMicros(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : statCpuMicros(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMicros(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? ((utime + stime) * 1e6) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Nanoseconds the main thread of process `pid` has spent on a CPU and runnable but waiting for one, so
 * far, from /proc/<pid>/task/<pid>/schedstat (Linux with schedstats only); undefined elsewhere.
 */
function mainThreadSchedNanos(pid: number | undefined): { running: number; waiting: number } | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return running !== undefined && waiting !== undefined && Number.isFinite(running + waiting) ? { running, waiting } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How the server's main thread spent a phase's wall time, as fractions: on a CPU, runnable but waiting
 * for one (the machine's cores busy with other threads), and asleep (nothing to run: waiting for frames,
 * a WAL sync or a timer). Under saturation, asleep is work the server could have done but had not been
 * handed yet: a convoy between its threads and the clients (commitQueue.ts MAX_OPERATIONS_PER_COMMIT).
 */
export interface MainThreadTime {
  readonly running: number;
  readonly waitingForCore: number;
  readonly asleep: number;
}

/** This process's user + system CPU (µs) so far, all threads. */
export function ownCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Runs `phase` and returns its result with the CPU µs the server and this process spent per `count()`. */
export async function cpuPerSend<T>(
  serverPid: number | undefined,
  phase: () => Promise<T>,
  count: (result: T) => number,
): Promise<T & { serverCpuPerSend: number | undefined; serverMainThreadPerSend: number | undefined; serverMainThreadTime: MainThreadTime | undefined; clientCpuPerSend: number }> {
  const serverBefore = childCpuMicros(serverPid);
  const mainBefore = mainThreadCpuMicros(serverPid);
  const schedBefore = mainThreadSchedNanos(serverPid);
  const ownBefore = ownCpuMicros();
  const wallBefore = process.hrtime.bigint();
  const result = await phase();
  const wallNanos = Number(process.hrtime.bigint() - wallBefore);
  const serverAfter = childCpuMicros(serverPid);
  const mainAfter = mainThreadCpuMicros(serverPid);
  const schedAfter = mainThreadSchedNanos(serverPid);
  const ownAfter = ownCpuMicros();
  const n = Math.max(1, count(result));
  const perSend = (before: number | undefined, after: number | undefined): number | undefined =>
    before === undefined || after === undefined ? undefined : (after - before) / n;
  return {
    ...result,
    serverCpuPerSend: perSend(serverBefore, serverAfter),
    serverMainThreadPerSend: perSend(mainBefore, mainAfter),
    serverMainThreadTime: mainThreadTime(schedBefore, schedAfter, wallNanos),
    clientCpuPerSend: (ownAfter - ownBefore) / n,
  };
}

function mainThreadTime(
  before: { running: number; waiting: number } | undefined,
  after: { running: number; waiting: number } | undefined,
  wallNanos: number,
): MainThreadTime | undefined {
  if (before === undefined || after === undefined || wallNanos <= 0) {
    return undefined;
  }
  const running = Math.min(1, (after.running - before.running) / wallNanos);
  const waitingForCore = Math.min(1 - running, (after.waiting - before.waiting) / wallNanos);
  return { running, waitingForCore, asleep: 1 - running - waitingForCore };
}
