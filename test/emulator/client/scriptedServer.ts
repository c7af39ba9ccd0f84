/**
 * A tiny, scriptable stand-in for tim-emulator on 127.0.0.1, for the emulator endpoint's protocol tests:
 * each test decides what the "server" answers, when it drops a socket, which events it pushes and in
 * which order, so behaviour the real server produces only by accident (a drop between a send and its
 * answer, duplicate results, garbage frames) can be produced on purpose.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { TimEvent } from '../../../src/tim/endpoint';
import { parseTimJson, stringifyTimJson } from '../../../src/tim/json';
import type { CallFrame, ClientFrame } from '../../../src/emulator/protocol';

/** What the responder wants done with a call: a result to send, nothing (stay silent), or a drop. */
export type Reply =
  | { readonly code?: number; readonly desc?: string; readonly json?: string; readonly messageId?: string; readonly value?: string | number | bigint; readonly syncError?: boolean; readonly eventSeq?: number }
  | 'silent'
  | 'drop';

export type Responder = (call: CallFrame, connection: ScriptedConnection) => Reply;

/** Answers every call with success, echoing the message id of sends (what the real server does). */
export const answerOk = (call: CallFrame): Reply => ({ code: 0, desc: '', json: '{}', ...(call.messageId ? { messageId: call.messageId } : {}) });

export class ScriptedConnection {
  readonly frames: ClientFrame[] = [];
  /** Raw texts as received, to check the encoding itself. */
  readonly texts: string[] = [];
  closed = false;
  private waiters: Array<() => void> = [];

  constructor(
    readonly socket: WebSocket,
    private readonly server: ScriptedServer,
  ) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.texts.push(text);
      const frame = parseTimJson(text) as ClientFrame;
      this.frames.push(frame);
      if (frame.type === 'call') {
        this.reply(frame, this.server.responder(frame, this));
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  get calls(): CallFrame[] {
    return this.frames.filter((frame): frame is CallFrame => frame.type === 'call');
  }

  /** Resolves with the first received frame matching `predicate` (already received ones count). */
  async waitFor(predicate: (frame: ClientFrame) => boolean, timeoutMs = 5000): Promise<ClientFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) {
        return found;
      }
      if (this.closed) {
        throw new Error('connection closed before the frame arrived');
      }
      await this.sleepUntilWoken(deadline);
    }
  }

  waitForCall(api: string, timeoutMs = 5000): Promise<CallFrame> {
    return this.waitFor((frame) => frame.type === 'call' && frame.api === api, timeoutMs) as Promise<CallFrame>;
  }

  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      await this.sleepUntilWoken(deadline);
    }
  }

  reply(call: CallFrame, reply: Reply): void {
    if (reply === 'silent') {
      return;
    }
    if (reply === 'drop') {
      this.drop();
      return;
    }
    this.send({ type: 'result', id: call.id, code: 0, desc: '', json: '', ...reply });
  }

  send(frame: object): void {
    this.sendRaw(stringifyTimJson(frame));
  }

  sendEvent(seq: number, event: TimEvent): void {
    this.send({ type: 'event', seq, event });
  }

  sendRaw(data: string | Buffer): void {
    if (!this.closed) {
      this.socket.send(data);
    }
  }

  /** Cuts the TCP connection without a closing handshake, as a crashing server would. */
  drop(): void {
    this.socket.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) {
      wake();
    }
    this.server.wake();
  }

  private sleepUntilWoken(deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (left <= 0) {
      return Promise.reject(new Error('timed out waiting on the scripted connection'));
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export class ScriptedServer {
  readonly connections: ScriptedConnection[] = [];
  responder: Responder = answerOk;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {
    wss.on('connection', (socket) => {
      this.connections.push(new ScriptedConnection(socket, this));
      this.wake();
    });
  }

  /** Listens on 127.0.0.1 (port 0 picks a free one; a given port lets a test "restart" the server). */
  static start(port = 0, options: { autoPong?: boolean } = {}): Promise<ScriptedServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port, autoPong: options.autoPong ?? true });
      wss.once('error', reject);
      wss.once('listening', () => {
        wss.off('error', reject);
        resolve(new ScriptedServer(wss, (wss.address() as AddressInfo).port));
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Resolves with the `index`-th connection (0-based) once it exists. */
  async connection(index: number, timeoutMs = 5000): Promise<ScriptedConnection> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for connection #${index} (have ${this.connections.length})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.connections[index] as ScriptedConnection;
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) {
      wake();
    }
  }

  /** Stops listening and cuts every connection. */
  close(): Promise<void> {
    for (const connection of this.connections) {
      connection.drop();
    }
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds, failing the test after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await sleep(5);
  }
}
