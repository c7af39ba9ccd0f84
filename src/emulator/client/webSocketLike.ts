/**
 * The slice of the `ws` WebSocket API the emulator endpoint uses, so tests (or another runtime) can
 * inject their own implementation, and the conversion of a received frame to text.
 */
import { WebSocket } from 'ws';

/** What the endpoint needs from a client socket; `ws`'s WebSocket satisfies it. */
export interface WebSocketLike {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'pong', listener: () => void): unknown;
  send(data: string, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  /** Optional: used for the heartbeat; without it dead peers are only noticed by TCP. */
  ping?(): void;
  /** Optional: drops the connection without the closing handshake (a peer that stopped answering). */
  terminate?(): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The default: `ws` in Node. */
export const defaultWebSocketImpl: WebSocketConstructor = WebSocket;

/** A text frame as a string; `ws` hands out Buffers (or fragments) whatever the frame type. */
export function frameToText(data: unknown): string | undefined {
  if (typeof data === 'string') {
    return data;
  }
  if (Buffer.isBuffer(data)) {
    return data.toString('utf8');
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data).toString('utf8');
  }
  if (Array.isArray(data) && data.every((part) => Buffer.isBuffer(part))) {
    return Buffer.concat(data as Buffer[]).toString('utf8');
  }
  return undefined;
}
