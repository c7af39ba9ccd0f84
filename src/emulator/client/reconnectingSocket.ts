/**
 * One logical connection to tim-emulator that survives its sockets: opens a WebSocket, reports what it
 * receives, and when the socket fails or drops, opens a new one after a backoff delay, until disposed.
 * It knows nothing of the protocol; the endpoint decides what to say on each new socket.
 *
 * Only the current socket is listened to: a late frame or close event from a socket this class has
 * already given up on is ignored, so the endpoint never sees two connections at once.
 */
import type { Backoff } from './backoff';
import { frameToText } from './webSocketLike';
import type { WebSocketConstructor, WebSocketLike } from './webSocketLike';

export interface ReconnectingSocketHandlers {
  /** A connection attempt starts (the first one and every reconnect). */
  onConnecting(): void;
  /** The socket is open: `send` works from now until `onDisconnected`. */
  onOpen(): void;
  /** A text frame from the current socket. */
  onMessage(text: string): void;
  /**
   * The current socket is gone. `wasOpen` tells a dropped connection from a failed attempt; unless the
   * socket is disposed, the next attempt is already scheduled in `retryInMs`.
   */
  onDisconnected(wasOpen: boolean, reason: string, retryInMs: number): void;
}

export interface ReconnectingSocketOptions {
  readonly url: string;
  readonly WebSocketImpl: WebSocketConstructor;
  readonly backoff: Backoff;
  /** Ping period; a socket that did not answer the previous ping is dropped. 0 disables it. */
  readonly heartbeatMs: number;
  /** An attempt that has not opened after this long is abandoned (a peer that accepts but never answers). */
  readonly openTimeoutMs: number;
  readonly handlers: ReconnectingSocketHandlers;
  readonly log: (line: string) => void;
}

/** How long dispose() waits for the closing handshake before cutting the socket. */
const CLOSE_GRACE_MS = 1000;

export class ReconnectingSocket {
  private socket: WebSocketLike | undefined;
  private isOpen = false;
  private disposed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private openTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private answeredPing = true;
  private lastError = '';

  constructor(private readonly options: ReconnectingSocketOptions) {}

  /** Starts the first attempt. */
  start(): void {
    this.connect();
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** Writes a text frame to the open socket; false when there is none (the caller keeps the data). */
  send(text: string): boolean {
    const socket = this.socket;
    if (!socket || !this.isOpen) {
      return false;
    }
    try {
      socket.send(text, (error) => {
        if (error) {
          // The socket is going away; its close event drives the reconnect, nothing to do here.
          this.options.log(`emulator socket: send failed: ${error.message}`);
        }
      });
      return true;
    } catch (error: unknown) {
      this.options.log(`emulator socket: send threw: ${describe(error)}`);
      return false;
    }
  }

  /**
   * Gives up on the current socket now and schedules a reconnect: used when the connection is alive
   * but useless (no heartbeat answer, the session replay timed out).
   */
  recycle(reason: string): void {
    const socket = this.socket;
    if (!socket || this.disposed) {
      return;
    }
    cut(socket);
    this.socketGone(socket, reason);
  }

  /** Closes for good; resolves once the socket is closed (or after a short grace period). */
  dispose(): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    this.disposed = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    this.isOpen = false;
    if (!socket) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const grace = setTimeout(() => {
        cut(socket);
        resolve();
      }, CLOSE_GRACE_MS);
      socket.on('close', () => {
        clearTimeout(grace);
        resolve();
      });
      try {
        socket.close(1000, 'endpoint disposed');
      } catch {
        // Closing a socket still connecting throws in ws; cutting it is just as good at dispose.
        clearTimeout(grace);
        cut(socket);
        resolve();
      }
    });
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (this.disposed) {
      return;
    }
    this.lastError = '';
    this.guard('onConnecting', () => this.options.handlers.onConnecting());
    if (this.disposed) {
      return;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocketImpl(this.options.url);
    } catch (error: unknown) {
      this.scheduleReconnect(false, `cannot open socket: ${describe(error)}`);
      return;
    }
    this.socket = socket;
    this.isOpen = false;
    this.openTimer = setTimeout(() => {
      if (this.socket === socket && !this.isOpen) {
        cut(socket);
        this.socketGone(socket, `not open after ${this.options.openTimeoutMs} ms`);
      }
    }, this.options.openTimeoutMs);

    socket.on('open', () => {
      if (this.socket !== socket) {
        return;
      }
      clearTimeout(this.openTimer);
      this.isOpen = true;
      this.startHeartbeat(socket);
      this.guard('onOpen', () => this.options.handlers.onOpen());
    });
    socket.on('message', (data: unknown) => {
      if (this.socket !== socket) {
        return;
      }
      this.answeredPing = true;
      const text = frameToText(data);
      if (text === undefined) {
        this.options.log('emulator socket: ignored a frame that is not text');
        return;
      }
      this.guard('onMessage', () => this.options.handlers.onMessage(text));
    });
    socket.on('pong', () => {
      this.answeredPing = true;
    });
    socket.on('error', (error: Error) => {
      // ws always follows 'error' with 'close'; keep the reason for it.
      this.lastError = error.message;
    });
    socket.on('close', (code: number, reason: unknown) => {
      if (this.socket !== socket) {
        return;
      }
      const text = frameToText(reason) ?? '';
      this.socketGone(socket, this.lastError || `closed (${code}${text ? ` ${text}` : ''})`);
    });
  }

  private socketGone(socket: WebSocketLike, reason: string): void {
    if (this.socket !== socket) {
      return;
    }
    const wasOpen = this.isOpen;
    this.socket = undefined;
    this.isOpen = false;
    this.clearTimers();
    if (this.disposed) {
      return;
    }
    this.scheduleReconnect(wasOpen, reason);
  }

  private scheduleReconnect(wasOpen: boolean, reason: string): void {
    const delay = this.options.backoff.next();
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.guard('onDisconnected', () => this.options.handlers.onDisconnected(wasOpen, reason, delay));
  }

  private startHeartbeat(socket: WebSocketLike): void {
    if (this.options.heartbeatMs <= 0 || !socket.ping) {
      return;
    }
    this.answeredPing = true;
    this.heartbeatTimer = setInterval(() => {
      if (!this.answeredPing) {
        this.recycle(`no answer to a heartbeat within ${this.options.heartbeatMs} ms`);
        return;
      }
      this.answeredPing = false;
      try {
        socket.ping?.();
      } catch (error: unknown) {
        this.options.log(`emulator socket: ping threw: ${describe(error)}`);
      }
    }, this.options.heartbeatMs);
    // The open socket keeps the process alive already; the heartbeat alone must not.
    this.heartbeatTimer.unref();
  }

  private clearTimers(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.openTimer);
    clearInterval(this.heartbeatTimer);
    this.reconnectTimer = undefined;
    this.openTimer = undefined;
    this.heartbeatTimer = undefined;
  }

  /** Handlers run inside ws's event emitters, where a throw would become an uncaught exception. */
  private guard(name: string, run: () => void): void {
    try {
      run();
    } catch (error: unknown) {
      this.options.log(`emulator socket: ${name} handler threw: ${describe(error)}`);
    }
  }
}

function cut(socket: WebSocketLike): void {
  try {
    if (socket.terminate) {
      socket.terminate();
    } else {
      socket.close();
    }
  } catch {
    // Already closed or never opened: nothing left to cut.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
