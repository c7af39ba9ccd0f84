/**
 * The messages between the emulator's main thread and its socket worker (socketWorker.ts owns the
 * HTTP server and the WebSockets; socketHost.ts gives the main thread a socket object per connection).
 * Each direction sends one flat array per turn of the event loop, [op, connection id, argument...]
 * repeated, so a turn's hundreds of frames cost one postMessage, not hundreds.
 */

/** Worker → main: a client connected. [IN_OPEN, id] */
export const IN_OPEN = 0;
/** Worker → main: a text frame, decoded. [IN_TEXT, id, text] */
export const IN_TEXT = 1;
/** Worker → main: a binary frame (not part of the protocol; the connection answers with an error). [IN_BINARY, id] */
export const IN_BINARY = 2;
/** Worker → main: the connection closed. [IN_CLOSE, id] */
export const IN_CLOSE = 3;

/** Main → worker: write a text frame. [OUT_TEXT, id, text] */
export const OUT_TEXT = 0;
/** Main → worker: close with a code and reason. [OUT_CLOSE, id, code, reason] */
export const OUT_CLOSE = 1;
/** Main → worker: drop the connection without a close handshake. [OUT_TERMINATE, id] */
export const OUT_TERMINATE = 2;
/** Main → worker: write head + (json escaped for a JSON string) + tail (frameText.ts). [OUT_SPLICED, id, head, json, tail] */
export const OUT_SPLICED = 3;

export type OpList = Array<number | string>;

/** What the worker is started with. */
export interface SocketWorkerConfig {
  readonly host: string;
  readonly port: number;
  readonly maxPayload: number;
  /** Element payloads served under /blobs/. */
  readonly blobDir: string;
  /**
   * Flow control: the worker stops reading from its sockets while this many bytes of frames it passed
   * on are not yet taken by the main thread, and reads again below half of it. Without it a client
   * sending faster than the main thread can run its calls would fill the server's memory; with it,
   * the TCP window pushes back as it did when the main thread read the sockets itself.
   */
  readonly pauseAboveBytes: number;
}

/** Worker → main, besides the frames. */
export type WorkerNotice =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'listenError'; readonly message: string; readonly code?: string }
  | { readonly kind: 'ops'; readonly ops: OpList; readonly bytes: number }
  /** Reading paused for flow control (see pauseAboveBytes). */
  | { readonly kind: 'paused' };

/** Main → worker. `taken`: bytes of the worker's frames the main thread has run since its last order. */
export type HostOrder = { readonly kind: 'ops'; readonly ops: OpList; readonly taken: number } | { readonly kind: 'stop' };
