/**
 * Timing, memory and thread-CPU helpers for the native benchmark, and the table printer.
 */
import fs from 'node:fs';
import type { Subject } from './subjects';

export interface Memory {
  readonly heapMB: number;
  readonly rssMB: number;
}

/** Heap and RSS after a full GC (run node with --expose-gc; without it the numbers include garbage). */
export function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { heapMB: usage.heapUsed / 2 ** 20, rssMB: usage.rss / 2 ** 20 };
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Synchronous calls per second over about `budgetMs`. */
export function syncRate(subject: Subject, budgetMs: number): number {
  for (let i = 0; i < 1000; i++) {
    subject.sync();
  }
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = budgetMs / 1000;
  while (seconds(start) < budget) {
    for (let i = 0; i < 1000; i++) {
      subject.sync();
    }
    calls += 1000;
  }
  return calls / seconds(start);
}

/** Round trips per second, one at a time. */
export async function sequentialRate(subject: Subject, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    await subject.roundTrip();
  }
  return calls / seconds(start);
}

/** Round trips per second with `inFlight` issued before any is awaited, `batches` times. */
export async function inFlightRate(subject: Subject, inFlight: number, batches: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const all: Array<Promise<unknown>> = [];
    for (let i = 0; i < inFlight; i++) {
      all.push(subject.roundTrip());
    }
    await Promise.all(all);
  }
  return (inFlight * batches) / seconds(start);
}

export interface LongRun {
  readonly rate: number;
  /** Rate of the first and last tenth, to show whether it degrades. */
  readonly firstRate: number;
  readonly lastRate: number;
  readonly before: Memory;
  readonly after: Memory;
}

/** `calls` sequential round trips with memory before and after (both after GC). */
export async function longRun(subject: Subject, calls: number): Promise<LongRun> {
  const before = memory();
  const tenth = Math.max(1, Math.floor(calls / 10));
  let firstRate = 0;
  let lastStart = 0n;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    if (i === calls - tenth) {
      lastStart = process.hrtime.bigint();
    }
    await subject.roundTrip();
    if (i === tenth - 1) {
      firstRate = tenth / seconds(start);
    }
  }
  const rate = calls / seconds(start);
  const lastRate = tenth / seconds(lastStart);
  return { rate, firstRate, lastRate, before, after: memory() };
}

/** CPU time (user+system, seconds) of each thread of this process, by thread name. */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  const ticks = 100; // USER_HZ on every Linux we run on
  for (const tid of tasks) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const cpu = (Number(fields[11]) + Number(fields[12])) / ticks;
      out.set(name, (out.get(name) ?? 0) + cpu);
    } catch {
      // The thread ended between readdir and read.
    }
  }
  return out;
}

export function formatRate(value: number): string {
  if (!Number.isFinite(value) || value <= 0) {
    return 'n/a';
  }
  if (value >= 1e6) {
    return `${(value / 1e6).toFixed(2)} M/s`;
  }
  if (value >= 1e3) {
    return `${(value / 1e3).toFixed(1)} k/s`;
  }
  return `${value.toFixed(0)} /s`;
}

export function ratio(a: number, b: number): string {
  return b > 0 && a > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}

/** A plain-text table with right-aligned cells after the first column. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}
