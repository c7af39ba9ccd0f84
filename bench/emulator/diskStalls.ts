/**
 * The disk alone, as a FULL commit meets it: 1.5 KB appended and fdatasync'ed back to back for a few
 * seconds, in a temporary file where the server's data goes. A send acknowledged only once its commit is
 * on disk waits out every stall of the disk, so a p99 at 1,000 msg/s cannot be lower than what a stall
 * longer than 1% of the window (50 ms in 5 s) adds to every send behind it. On this shared machine the
 * same disk measured p99 below 1 ms with stalls of 60-340 ms every second or two in one hour, and none
 * in another (docs/emulator.md): printed beside the FULL p99 so the two can be read together.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DiskStalls {
  readonly syncs: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Syncs that took over 20 ms (the p99 target). */
  readonly over20ms: number;
  readonly seconds: number;
}

export function measureDiskStalls(seconds: number): DiskStalls {
  const dir = mkdtempSync(join(tmpdir(), 'tim-bench-disk-'));
  const fd = openSync(join(dir, 'wal'), 'w');
  const record = Buffer.alloc(1500, 1);
  const times: number[] = [];
  try {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      writeSync(fd, record);
      const start = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { syncs: times.length, p50: at(0.5), p99: at(0.99), max: times.at(-1) ?? Number.NaN, over20ms: times.filter((t) => t > 20).length, seconds };
}
