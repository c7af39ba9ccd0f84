/**
 * Starts tim-emulator: the app identity and database in `dataDir`, an HTTP server (element payloads
 * under /blobs/) carrying the WebSocket endpoint of the TIM protocol, bound to 127.0.0.1 unless the
 * caller explicitly allows another address.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serveBlob } from './blobs';
import { startCheckpointer } from './checkpointer';
import { Connection } from './connection';
import { openEmulator } from './core';
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
  const http = createServer((request, response) => serveBlob(emuOptions.blobDir, request, response));
  const wss = new WebSocketServer({ server: http, maxPayload: 16 * 1024 * 1024 });
  const connections = new Set<Connection>();
  wss.on('connection', (socket) => {
    const connection = new Connection(emu, socket, (closed) => connections.delete(closed));
    connections.add(connection);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error: unknown) {
    // Port taken, say: leave nothing open behind the error.
    queue.close();
    await checkpointer.stop();
    db.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
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
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => http.close(() => resolve()));
        queue.close();
        await checkpointer.stop();
        db.close();
      })();
      return closing;
    },
  };
}
