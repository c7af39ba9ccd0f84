/**
 * WAL checkpoints off the event loop. SQLite normally checkpoints inside the commit that pushes the WAL
 * past 1,000 pages: it copies ~4 MB into the database file and fsyncs it, and better-sqlite3 runs that
 * synchronously, so every few hundred messages all clients waited tens of milliseconds (the p99 of
 * bench/emulator). Here a worker thread with its own connection runs PASSIVE checkpoints on a timer; they
 * copy what the writer has committed without blocking it. Every 50 ms: small copies disturb the commits'
 * own fsyncs less than large ones (p99 at 1,000 msg/s: 15-19 ms at 50 ms, 19-27 at 200, 25-37 at 1 s).
 * The server's own connection keeps a large auto-checkpoint limit only as a backstop, should the worker
 * fall behind.
 */
import type { Database as Db } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** Pages after which the server's connection checkpoints by itself (64 MB of WAL). */
export const BACKSTOP_PAGES = 16384;
const INTERVAL_MS = 50;

// Plain JavaScript so it runs the same from the esbuild bundle and from the TypeScript sources: the
// worker gets better-sqlite3's resolved path instead of resolving it relative to an unknown file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma(workerData.synchronous);
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', () => {
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the server closes its own). */
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, warn: (line: string) => void): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const synchronous = (db.pragma('synchronous', { simple: true }) as number) === 2 ? 'synchronous = FULL' : 'synchronous = NORMAL';
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file: db.name, synchronous, intervalMs: INTERVAL_MS },
  });
  worker.unref();
  let reported = false;
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined && !reported) {
      reported = true; // once: a failing checkpoint fails every tick, and the backstop still holds
      warn(`tim-emulator: background checkpoint failed (${message.error}); SQLite's own checkpoints take over`);
    }
  });
  worker.on('error', (error) => warn(`tim-emulator: checkpoint worker stopped: ${String(error)}`));
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.on('message', (message: { stopped?: boolean }) => {
          if (message.stopped === true) {
            void worker.terminate();
          }
        });
        worker.postMessage('stop');
      });
      return stopping;
    },
  };
}
