/**
 * The main thread's side of the socket worker (socketWorker.ts): starts it, and gives each of its
 * connections a FrameSocket whose frames travel in one message per turn of the event loop each way.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SplicedFrame } from './frameText';
import { IN_BINARY, IN_CLOSE, IN_OPEN, IN_TEXT, OUT_CLOSE, OUT_SPLICED, OUT_TERMINATE, OUT_TEXT, type HostOrder, type OpList, type SocketWorkerConfig, type WorkerNotice } from './socketOps';

/** What a Connection needs of its WebSocket. */
export interface FrameSocket {
  /** Text frames as strings; a binary frame (not part of the protocol) as undefined. */
  onFrame(listener: (text: string | undefined) => void): void;
  onClose(listener: () => void): void;
  readonly open: boolean;
  sendText(text: string): void;
  /** Writes the frame head + (json escaped for a JSON string) + tail: the escaping off this thread. */
  sendSpliced(frame: SplicedFrame): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

class WorkerSocket implements FrameSocket {
  open = true;
  frameListener: (text: string | undefined) => void = () => undefined;
  closeListener: () => void = () => undefined;

  constructor(
    private readonly host: SocketHost,
    private readonly id: number,
  ) {}

  onFrame(listener: (text: string | undefined) => void): void {
    this.frameListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  sendText(text: string): void {
    this.host.queueOut(OUT_TEXT, this.id, text);
  }

  sendSpliced(frame: SplicedFrame): void {
    this.host.queueSpliced(this.id, frame);
  }

  close(code: number, reason: string): void {
    this.host.queueOut(OUT_CLOSE, this.id, code, reason);
  }

  terminate(): void {
    this.host.queueOut(OUT_TERMINATE, this.id);
  }

  closed(): void {
    if (this.open) {
      this.open = false;
      this.closeListener();
    }
  }
}

/** The worker from the TypeScript sources (tests, benchmarks) or from its bundle beside dist/emulator.js. */
function newWorker(config: SocketWorkerConfig): Worker {
  if (__filename.endsWith('.ts')) {
    const register = join(__dirname, '../../../scripts/ts-register.cjs');
    const entry = join(__dirname, 'socketWorker.ts');
    return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(entry)});`, { eval: true, workerData: config });
  }
  return new Worker(join(__dirname, SOCKET_WORKER_BUNDLE), { workerData: config });
}

function throwOutsideBatch(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/** The socket worker's bundle, written by scripts/build.mjs next to dist/emulator.js. */
export const SOCKET_WORKER_BUNDLE = 'emulatorSocketWorker.js';

export class SocketHost {
  private readonly sockets = new Map<number, WorkerSocket>();
  private outbound: OpList = [];
  /** Bytes of inbound frames run since the last order: the worker reads on as they are taken. */
  private takenBytes = 0;
  private outboundScheduled = false;
  /** How often the worker paused reading because this thread was behind (flow control). */
  pauses = 0;
  private stopping: Promise<void> | undefined;
  private exited = false;
  /** The worker's crash was reported: a crash brings both an 'error' and an 'exit' event, told once. */
  private failureReported = false;

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  /**
   * Starts the worker and resolves once it listens (rejects with its listen error, a taken port
   * say). `onConnection` gets each new connection; `onFailure`, the worker's own crash, after which
   * every connection is closed. `onListenerError` gets what a connection's listener threw (by
   * default it is thrown again outside the batch, an uncaught exception as when each frame was an
   * event of its own): the other frames of the batch still run.
   */
  static start(
    config: SocketWorkerConfig,
    onConnection: (socket: FrameSocket) => void,
    onFailure: (error: Error) => void,
    onListenerError: (error: unknown) => void = throwOutsideBatch,
  ): Promise<SocketHost> {
    const worker = newWorker(config);
    return new Promise((resolve, reject) => {
      let host: SocketHost | undefined;
      worker.on('message', (notice: WorkerNotice) => {
        if (notice.kind === 'listening') {
          host = new SocketHost(worker, notice.port);
          resolve(host);
        } else if (notice.kind === 'listenError') {
          reject(Object.assign(new Error(notice.message), notice.code === undefined ? {} : { code: notice.code }));
        } else if (notice.kind === 'ops') {
          host?.runOps(notice.ops, onConnection, onListenerError);
          host?.took(notice.bytes);
        } else if (notice.kind === 'paused' && host !== undefined) {
          host.pauses += 1;
        }
      });
      worker.on('error', (error) => {
        if (host === undefined) {
          reject(error);
        } else {
          host.failed(error, onFailure);
        }
      });
      worker.on('exit', (code) => {
        if (host === undefined) {
          reject(new Error(`socket worker exited with ${code} before listening`));
          return;
        }
        host.exited = true;
        if (host.stopping === undefined) {
          host.failed(new Error(`socket worker exited with ${code}`), onFailure);
        } else {
          host.closeAll();
        }
      });
    });
  }

  queueSpliced(id: number, frame: SplicedFrame): void {
    this.outbound.push(OUT_SPLICED, id, frame.head, frame.json, frame.tail);
    this.scheduleOut();
  }

  queueOut(op: number, id: number, arg?: string | number, reason?: string): void {
    if (arg === undefined) {
      this.outbound.push(op, id);
    } else if (reason === undefined) {
      this.outbound.push(op, id, arg);
    } else {
      this.outbound.push(op, id, arg, reason);
    }
    this.scheduleOut();
  }

  /** The frames of an inbound batch have run (their calls are queued or answered). */
  private took(bytes: number): void {
    this.takenBytes += bytes;
    this.scheduleOut();
  }

  private scheduleOut(): void {
    if (!this.outboundScheduled) {
      this.outboundScheduled = true;
      // Everything this turn writes (a group commit answers hundreds of calls) goes in one message.
      setImmediate(() => this.flushOut());
    }
  }

  private flushOut(): void {
    this.outboundScheduled = false;
    const ops = this.outbound;
    const taken = this.takenBytes;
    this.outbound = [];
    this.takenBytes = 0;
    if ((ops.length > 0 || taken > 0) && !this.exited) {
      this.post({ kind: 'ops', ops, taken });
    }
  }

  private post(order: HostOrder): void {
    this.worker.postMessage(order);
  }

  private runOps(ops: OpList, onConnection: (socket: FrameSocket) => void, onListenerError: (error: unknown) => void): void {
    for (let i = 0; i < ops.length; ) {
      const op = ops[i] as number;
      const id = ops[i + 1] as number;
      const text = op === IN_TEXT ? (ops[i + 2] as string) : undefined;
      i += op === IN_TEXT ? 3 : 2;
      try {
        if (op === IN_TEXT) {
          this.sockets.get(id)?.frameListener(text);
        } else if (op === IN_OPEN) {
          const socket = new WorkerSocket(this, id);
          this.sockets.set(id, socket);
          onConnection(socket);
        } else if (op === IN_BINARY) {
          this.sockets.get(id)?.frameListener(undefined);
        } else if (op === IN_CLOSE) {
          const socket = this.sockets.get(id);
          this.sockets.delete(id);
          socket?.closed();
        }
      } catch (error: unknown) {
        // One connection's bug must not cost the other connections their frames of this batch.
        onListenerError(error);
      }
    }
  }

  private failed(error: Error, onFailure: (error: Error) => void): void {
    this.closeAll();
    // The first event says why (the uncaught error); the exit after it adds nothing.
    if (!this.failureReported) {
      this.failureReported = true;
      onFailure(error);
    }
  }

  /** The worker is gone: so is every connection it held. */
  private closeAll(): void {
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    for (const socket of sockets) {
      socket.closed();
    }
  }

  /** Closes every connection and the listening socket, and waits for the worker to end. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      if (this.exited) {
        resolve();
        return;
      }
      this.flushOut();
      this.worker.once('exit', () => resolve());
      this.post({ kind: 'stop' });
    });
    return this.stopping;
  }
}
