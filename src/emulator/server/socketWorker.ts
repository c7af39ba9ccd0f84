/**
 * The emulator's socket worker (a worker thread): the HTTP server (element payloads under /blobs/) and
 * the WebSocket endpoint. It reads and writes frames and nothing else (escaping the JSON that frames
 * carry inside a string as it writes them, frameText.ts); the main thread runs every call and owns the
 * database (socketHost.ts). WebSocket framing, socket reads and writes were a fifth of the main
 * thread's time under load (bench/emulator), where the main thread was the limit.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveBlob } from './blobs';
import { splicedText } from './frameText';
import { IN_BINARY, IN_CLOSE, IN_OPEN, IN_TEXT, OUT_CLOSE, OUT_SPLICED, OUT_TERMINATE, OUT_TEXT, type HostOrder, type OpList, type SocketWorkerConfig, type WorkerNotice } from './socketOps';

const host = parentPort;
if (host === null) {
  throw new Error('socketWorker.ts runs only as a worker thread (see socketHost.ts)');
}
const config = workerData as SocketWorkerConfig;
const notify = (notice: WorkerNotice): void => host.postMessage(notice);

const sockets = new Map<number, WebSocket>();

// ---- flow control: stop reading while the main thread is behind (SocketWorkerConfig.pauseAboveBytes) ----
let untakenBytes = 0;
let paused = false;

function passedOn(bytes: number): void {
  untakenBytes += bytes;
  if (!paused && untakenBytes > config.pauseAboveBytes) {
    paused = true;
    for (const socket of sockets.values()) {
      socket.pause();
    }
    notify({ kind: 'paused' });
  }
}

function taken(bytes: number): void {
  untakenBytes -= bytes;
  if (paused && untakenBytes <= config.pauseAboveBytes / 2) {
    paused = false;
    for (const socket of sockets.values()) {
      socket.resume();
    }
  }
}

// ---- frames in: batched per turn ----
let inbound: OpList = [];
let inboundBytes = 0;
let inboundScheduled = false;
function queueIn(op: number, id: number, text?: string): void {
  if (text === undefined) {
    inbound.push(op, id);
  } else {
    inbound.push(op, id, text);
    // Characters rather than UTF-8 bytes: near enough for flow control, and free.
    inboundBytes += text.length;
  }
  if (!inboundScheduled) {
    inboundScheduled = true;
    setImmediate(() => {
      inboundScheduled = false;
      const ops = inbound;
      const bytes = inboundBytes;
      inbound = [];
      inboundBytes = 0;
      notify({ kind: 'ops', ops, bytes });
      passedOn(bytes);
    });
  }
}

let nextId = 1;
const http = createServer((request, response) => serveBlob(config.blobDir, request, response));
const wss = new WebSocketServer({ server: http, maxPayload: config.maxPayload });
wss.on('connection', (socket) => {
  const id = nextId++;
  sockets.set(id, socket);
  if (paused) {
    socket.pause();
  }
  queueIn(IN_OPEN, id);
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      queueIn(IN_BINARY, id);
      return;
    }
    queueIn(IN_TEXT, id, Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
  });
  // ws emits 'close' after an 'error' too; the main thread hears of each connection's end once.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    sockets.delete(id);
    queueIn(IN_CLOSE, id);
  });
});

// ---- frames out: one message per main-thread turn; a connection's frames leave in one write ----
/** ws options for a frame whose payload is a Buffer of UTF-8 text. */
const TEXT_FRAME = { binary: false } as const;
type RawSocket = { cork(): void; uncork(): void };

function runOps(ops: OpList): void {
  const corked: RawSocket[] = [];
  const corkedIds = new Set<number>();
  for (let i = 0; i < ops.length; ) {
    const op = ops[i] as number;
    const id = ops[i + 1] as number;
    const socket = sockets.get(id);
    if (op === OUT_TEXT || op === OUT_SPLICED) {
      let text: string;
      if (op === OUT_TEXT) {
        text = ops[i + 2] as string;
        i += 3;
      } else {
        text = splicedText(ops[i + 2] as string, ops[i + 3] as string, ops[i + 4] as string);
        i += 5;
      }
      if (socket !== undefined && socket.readyState === socket.OPEN) {
        if (!corkedIds.has(id)) {
          corkedIds.add(id);
          const raw = (socket as unknown as { _socket?: RawSocket })._socket;
          if (raw !== undefined) {
            raw.cork();
            corked.push(raw);
          }
        }
        // Encoded here: given a string, ws measures its UTF-8 length in a pass of its own first.
        socket.send(Buffer.from(text, 'utf8'), TEXT_FRAME);
      }
    } else if (op === OUT_CLOSE) {
      const code = ops[i + 2] as number;
      const reason = ops[i + 3] as string;
      i += 4;
      socket?.close(code, reason);
    } else if (op === OUT_TERMINATE) {
      i += 2;
      socket?.terminate();
    } else {
      throw new Error(`socket worker: unknown op ${String(op)}`);
    }
  }
  for (const raw of corked) {
    raw.uncork();
  }
}

function stop(): void {
  for (const socket of sockets.values()) {
    socket.terminate();
  }
  // Closing the port ends the worker; the main thread waits for its exit.
  wss.close(() => http.close(() => host?.close()));
}

host.on('message', (order: HostOrder) => {
  if (order.kind === 'ops') {
    runOps(order.ops);
    taken(order.taken);
  } else {
    stop();
  }
});

http.once('error', (error: NodeJS.ErrnoException) => {
  notify({ kind: 'listenError', message: error.message, ...(error.code === undefined ? {} : { code: error.code }) });
  host.close();
});
http.listen(config.port, config.host, () => {
  notify({ kind: 'listening', port: (http.address() as AddressInfo).port });
});
