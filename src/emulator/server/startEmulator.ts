/**
 * Starts tim-emulator: the app identity and database in `dataDir`, an HTTP server (element payloads
 * under /blobs/) carrying the WebSocket endpoint of the TIM protocol, bound to 127.0.0.1 unless the
 * caller explicitly allows another address. The HTTP server and the sockets live in a worker thread
 * (socketWorker.ts); calls, the database and events stay on this one.
 */
import { startCheckpointer } from './checkpointer';
import { Connection } from './connection';
import { openEmulator } from './core';
import { SocketHost } from './socketHost';
import { WalSync } from './walSync';

export interface StartEmulatorOptions {
  /** Default 127.0.0.1; anything not loopback needs `allowNonLoopback` and prints a warning. */
  readonly host?: string;
  /** 0 = an ephemeral port. */
  readonly port?: number;
  readonly dataDir: string;
  /** The SDKAppID to create the app with on first start (must match an existing app). */
  readonly appId?: number;
  readonly allowNonLoopback?: boolean;
  readonly revokeTimeLimitSeconds?: number;
  /** 'full' (default): fsync the WAL at every commit; 'normal': survives a killed process only. */
  readonly durability?: 'full' | 'normal';
  /** Test hook: slows uploads so a send can be cancelled. */
  readonly uploadChunkDelayMs?: number;
  /** Where warnings go (default console.warn). */
  readonly warn?: (line: string) => void;
  /**
   * The socket worker died (a bug): no connection can be served any more. Default: a warning; the
   * CLI exits with an error so that whoever runs it can restart it.
   */
  readonly onFatal?: (error: Error) => void;
}

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** For benchmarks: group-commit counters and the process CPU time (µs) since listening. */
  stats(): { flushes: number; operations: number; cpuMicros: number };
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** The largest frame a client may send. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** Frames read but not yet run by the main thread, above which the socket worker stops reading. */
const PAUSE_READING_ABOVE_BYTES = 32 * 1024 * 1024;

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    if (options.allowNonLoopback !== true) {
      throw new Error(`refusing to bind ${host}: tim-emulator binds 127.0.0.1 unless explicitly allowed`);
    }
    (options.warn ?? console.warn)(
      `WARNING: tim-emulator is listening on ${host}; anyone who can reach it can use it (it is meant for local use). File, image, sound and video elements and downloads to paths are disabled.`,
    );
  }
  const { emu, app, queue, db } = openEmulator(options.dataDir, options);
  const checkpointer = startCheckpointer(db, options.warn ?? console.warn);
  if ((options.durability ?? 'full') === 'full') {
    // fsync of group commits off the event loop (walSync.ts); without the WAL file at hand, SQLite's own.
    const walSync = WalSync.open(db.name);
    if (walSync !== undefined) {
      queue.syncOffThread(walSync);
    }
  }
  const emuOptions = emu.options;
  emuOptions.localPaths = LOOPBACK.has(host);
  const connections = new Set<Connection>();
  const onFatal = options.onFatal ?? ((error: Error) => (options.warn ?? console.warn)(`tim-emulator: the socket worker failed, no connection can be served: ${error.message}`));
  let sockets: SocketHost;
  try {
    // WebSocket framing and socket I/O run in a worker thread (socketWorker.ts); calls run here.
    sockets = await SocketHost.start(
      { host, port: options.port ?? 0, maxPayload: MAX_FRAME_BYTES, blobDir: emuOptions.blobDir, pauseAboveBytes: PAUSE_READING_ABOVE_BYTES },
      (socket) => {
        const connection = new Connection(emu, socket, (closed) => connections.delete(closed));
        connections.add(connection);
      },
      onFatal,
    );
  } catch (error: unknown) {
    // Port taken, say: leave nothing open behind the error.
    queue.close();
    await checkpointer.stop();
    await emu.fts.stop();
    db.close();
    throw error;
  }
  const port = sockets.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  emuOptions.baseUrl = `http://${urlHost}:${port}`;
  const cpuAtStart = process.cpuUsage();
  let closing: Promise<void> | undefined;
  return {
    url: `ws://${urlHost}:${port}`,
    port,
    sdkAppId: app.sdkAppId,
    secretKey: app.secretKey,
    stats: () => {
      const cpu = process.cpuUsage(cpuAtStart);
      return { flushes: queue.flushes, operations: queue.operations, cpuMicros: cpu.user + cpu.system };
    },
    close: () => {
      closing ??= (async () => {
        for (const connection of connections) {
          connection.terminate();
        }
        await sockets.stop();
        queue.close();
        await checkpointer.stop();
        await emu.fts.stop();
        db.close();
      })();
      return closing;
    },
  };
}
