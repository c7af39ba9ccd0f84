/**
 * Where the time goes with many calls in flight: splits a batch into the issuing phase and the
 * draining phase, and reads per-thread CPU time from /proc, so the output can say whether the main
 * thread, the SDK's logic thread or the hand-off between them is the limit.
 */
import { performance } from 'node:perf_hooks';
import { threadCpu } from './measure';
import type { Subject } from './subjects';

export interface InFlightProfile {
  readonly name: string;
  readonly calls: number;
  /** Wall time per call, microseconds. */
  readonly wallUs: number;
  /** Of which: issuing the calls (main thread busy in the C calls). */
  readonly issueUs: number;
  /** Of which: waiting for and running the callbacks. */
  readonly drainUs: number;
  /** Main-thread CPU per call. */
  readonly mainCpuUs: number;
  /** The SDK's logic thread CPU per call (the thread that runs every callback). */
  readonly logicCpuUs: number;
  /** Event-loop utilisation of the main thread while draining (1 = never idle). */
  readonly drainElu: number;
}

const LOGIC_THREAD = /logic/i;

function mainAndLogic(): { main: number; logic: number } {
  const cpu = threadCpu();
  let main = 0;
  let logic = 0;
  for (const [name, seconds] of cpu) {
    if (LOGIC_THREAD.test(name)) {
      logic += seconds;
    }
  }
  // The main thread carries the process's name (node); libuv/V8 workers are named differently.
  main = cpu.get('node') ?? cpu.get('MainThread') ?? 0;
  return { main, logic };
}

export async function profileInFlight(subject: Subject, inFlight: number, batches: number): Promise<InFlightProfile> {
  let issueNs = 0n;
  let drainNs = 0n;
  let eluActive = 0;
  let eluTotal = 0;
  const before = mainAndLogic();
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    const all: Array<Promise<unknown>> = [];
    for (let i = 0; i < inFlight; i++) {
      all.push(subject.roundTrip());
    }
    const t1 = process.hrtime.bigint();
    const elu0 = performance.eventLoopUtilization();
    await Promise.all(all);
    const elu = performance.eventLoopUtilization(elu0);
    eluActive += elu.active;
    eluTotal += elu.idle + elu.active;
    drainNs += process.hrtime.bigint() - t1;
    issueNs += t1 - t0;
  }
  const wallNs = process.hrtime.bigint() - start;
  const after = mainAndLogic();
  const calls = inFlight * batches;
  const per = (ns: bigint): number => Number(ns) / 1e3 / calls;
  return {
    name: subject.name,
    calls,
    wallUs: per(wallNs),
    issueUs: per(issueNs),
    drainUs: per(drainNs),
    mainCpuUs: ((after.main - before.main) * 1e6) / calls,
    logicCpuUs: ((after.logic - before.logic) * 1e6) / calls,
    drainElu: eluTotal > 0 ? eluActive / eluTotal : 0,
  };
}
