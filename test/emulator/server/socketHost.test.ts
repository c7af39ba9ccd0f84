/**
 * The emulator's socket worker (socketWorker.ts) and the main thread's side of it (socketHost.ts),
 * against real WebSocket clients: frames both ways in order (spliced frames escaped on the way out),
 * binary frames, closes from either side,
 * the frame size limit, element payloads over HTTP, a taken port, and stop.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { SplicedFrame } from '../../../src/emulator/server/frameText';
import { type FrameSocket, SocketHost } from '../../../src/emulator/server/socketHost';

interface Started {
  readonly host: SocketHost;
  readonly sockets: FrameSocket[];
  readonly frames: Array<{ socket: number; text: string | undefined }>;
  readonly closed: number[];
  readonly failures: Error[];
  readonly listenerErrors: unknown[];
}

async function start(blobDir: string, port = 0, pauseAboveBytes = 1024 * 1024, onFrame?: (text: string | undefined) => void): Promise<Started> {
  const sockets: FrameSocket[] = [];
  const frames: Started['frames'] = [];
  const closed: number[] = [];
  const failures: Error[] = [];
  const listenerErrors: unknown[] = [];
  const host = await SocketHost.start(
    { host: '127.0.0.1', port, maxPayload: 64 * 1024, blobDir, pauseAboveBytes },
    (socket) => {
      const index = sockets.length;
      sockets.push(socket);
      socket.onFrame((text) => {
        frames.push({ socket: index, text });
        onFrame?.(text);
      });
      socket.onClose(() => closed.push(index));
    },
    (error) => failures.push(error),
    (error) => listenerErrors.push(error),
  );
  return { host, sockets, frames, closed, failures, listenerErrors };
}

async function client(port: number): Promise<{ ws: WebSocket; received: string[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: string[] = [];
  ws.on('message', (data: Buffer, isBinary) => received.push(isBinary ? '<binary>' : data.toString('utf8')));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received, closed };
}

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('emulator socket worker', function () {
  let blobDir: string;
  let started: Started;
  before(function () {
    blobDir = mkdtempSync(join(tmpdir(), 'tim-socket-worker-'));
  });
  beforeEach(async function () {
    started = await start(blobDir);
  });
  afterEach(async function () {
    await started.host.stop();
  });
  after(function () {
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('carries text frames both ways in order, per connection, with any characters', async function () {
    const a = await client(started.host.port);
    const b = await client(started.host.port);
    await until('both connections', () => started.sockets.length === 2);
    for (let i = 0; i < 500; i++) {
      a.ws.send(`a${i} 消息 ✓`);
      b.ws.send(`b${i}`);
    }
    await until('1,000 frames in', () => started.frames.length === 1000);
    const fromA = started.frames.filter((f) => f.socket === 0).map((f) => f.text);
    assert.deepEqual(fromA, Array.from({ length: 500 }, (_, i) => `a${i} 消息 ✓`));
    assert.deepEqual(started.frames.filter((f) => f.socket === 1).map((f) => f.text), Array.from({ length: 500 }, (_, i) => `b${i}`));
    const [toA, toB] = started.sockets;
    for (let i = 0; i < 300; i++) {
      toA?.sendText(`to a ${i} 回复 "quoted" \\ \u2028`);
      toB?.sendText(`to b ${i}`);
    }
    await until('600 frames out', () => a.received.length === 300 && b.received.length === 300);
    assert.deepEqual(a.received, Array.from({ length: 300 }, (_, i) => `to a ${i} 回复 "quoted" \\ \u2028`));
    assert.deepEqual(b.received, Array.from({ length: 300 }, (_, i) => `to b ${i}`));
    a.ws.close();
    b.ws.close();
  });

  it('writes a spliced frame as its head, its JSON escaped into a string, and its tail, in order with plain frames', async function () {
    const a = await client(started.host.port);
    await until('the connection', () => started.sockets.length === 1);
    const json = JSON.stringify([{ text: '回复 "quoted" \\ \u2028 😀 tab\t', lone: '\ud800' }]);
    const socket = started.sockets[0];
    socket?.sendText('before');
    socket?.sendSpliced(new SplicedFrame('{"type":"event","seq":3,"event":{"name":"RecvNewMsg","json":"', json, '"}}'));
    socket?.sendText('after');
    await until('three frames out', () => a.received.length === 3);
    assert.equal(a.received[1], JSON.stringify({ type: 'event', seq: 3, event: { name: 'RecvNewMsg', json } }));
    assert.deepEqual([a.received[0], a.received[2]], ['before', 'after']);
    a.ws.close();
  });

  it('reports a binary frame as such and keeps the connection', async function () {
    const a = await client(started.host.port);
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    a.ws.send('after');
    await until('two frames', () => started.frames.length === 2);
    assert.deepEqual(started.frames.map((f) => f.text), [undefined, 'after']);
    assert.equal(started.sockets[0]?.open, true);
    a.ws.close();
  });

  it('closes with the code and reason the main thread gives, after the frames queued before it', async function () {
    const a = await client(started.host.port);
    await until('the connection', () => started.sockets.length === 1);
    const socket = started.sockets[0];
    socket?.sendText('last words');
    socket?.close(4001, 'kicked offline');
    const closed = await a.closed;
    assert.deepEqual(closed, { code: 4001, reason: 'kicked offline' });
    assert.deepEqual(a.received, ['last words']);
    await until('the close reported', () => started.closed.length === 1);
    assert.equal(socket?.open, false);
  });

  it('reports a client that went away, and drops one the main thread terminates', async function () {
    const a = await client(started.host.port);
    const b = await client(started.host.port);
    await until('both connections', () => started.sockets.length === 2);
    a.ws.close();
    await until('a closed', () => started.closed.includes(0));
    started.sockets[1]?.terminate();
    const closed = await b.closed;
    assert.equal(closed.code, 1006, 'no close handshake');
    await until('b closed', () => started.closed.includes(1));
  });

  it('closes a connection whose frame exceeds the size limit (1009) and keeps serving others', async function () {
    const a = await client(started.host.port);
    a.ws.send('x'.repeat(64 * 1024 + 1));
    assert.equal((await a.closed).code, 1009);
    const b = await client(started.host.port);
    b.ws.send('fine');
    await until('the frame of the second client', () => started.frames.some((f) => f.text === 'fine'));
    b.ws.close();
  });

  it('serves element payloads under /blobs/ and nothing else', async function () {
    const id = 'abcdef0123456789abcdef01';
    writeFileSync(join(blobDir, id), 'payload bytes');
    const fetch = (path: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        get(`http://127.0.0.1:${started.host.port}${path}`, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        }).on('error', reject);
      });
    assert.deepEqual(await fetch(`/blobs/${id}`), { status: 200, body: 'payload bytes' });
    assert.equal((await fetch('/blobs/abcdef0123456789abcdef02')).status, 404);
    assert.equal((await fetch('/blobs/../app.json')).status, 404);
  });

  it('rejects with the listen error when the port is taken', async function () {
    await assert.rejects(start(blobDir, started.host.port), (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
  });

  it('stops reading while the main thread is behind, and loses nothing', async function () {
    await started.host.stop();
    // The main thread stalls 300 ms on the first frame; meanwhile the worker must not read on past
    // 64 KB of frames it could not hand over.
    let stalled = false;
    started = await start(blobDir, 0, 64 * 1024, () => {
      if (!stalled) {
        stalled = true;
        const until = Date.now() + 300;
        while (Date.now() < until) {
          // a main thread busy with a long group commit
        }
      }
    });
    const a = await client(started.host.port);
    const frame = (i: number): string => `${i} `.padEnd(2048, 'x');
    for (let i = 0; i < 1000; i++) {
      a.ws.send(frame(i));
    }
    await until('2 MB of frames', () => started.frames.length === 1000, 20000);
    assert.ok(started.host.pauses >= 1, 'the worker paused reading');
    assert.deepEqual(started.frames.map((f) => f.text), Array.from({ length: 1000 }, (_, i) => frame(i)));
    a.ws.close();
  });

  it('a listener that throws costs only its own frame: the rest of the batch still runs', async function () {
    await started.host.stop();
    started = await start(blobDir, 0, 1024 * 1024, (text) => {
      if (text === 'boom') {
        throw new Error('listener bug');
      }
    });
    const a = await client(started.host.port);
    const b = await client(started.host.port);
    a.ws.send('before');
    a.ws.send('boom');
    a.ws.send('after');
    b.ws.send('other connection');
    await until('four frames', () => started.frames.length === 4);
    assert.deepEqual(started.frames.map((f) => f.text).sort(), ['after', 'before', 'boom', 'other connection']);
    assert.equal(started.listenerErrors.length, 1);
    assert.match(String(started.listenerErrors[0]), /listener bug/);
    a.ws.close();
    b.ws.close();
  });

  it('a crashed worker closes every connection on the main thread and reports the failure', async function () {
    const a = await client(started.host.port);
    await until('the connection', () => started.sockets.length === 1);
    // An order the worker does not know throws inside it: the stand-in for a bug there.
    started.host.queueOut(99, 1);
    this.timeout(30_000);
    await until('the failure', () => started.failures.length > 0, 20_000);
    // The crash brings an 'error' event and then an 'exit' event: reported once, with the error's reason.
    // (Reported twice before, this test waited for exactly one and timed out whenever a busy machine
    // delivered both events between two of its checks.)
    await until('the exit', () => (started.host as unknown as { exited: boolean }).exited, 20_000);
    assert.equal(started.failures.length, 1);
    assert.match(started.failures[0]?.message ?? '', /unknown op 99/);
    assert.deepEqual(started.closed, [0]);
    assert.equal(started.sockets[0]?.open, false);
    await a.closed;
  });

  it('stop closes every connection, releases the port and reports no failure', async function () {
    const a = await client(started.host.port);
    await until('the connection', () => started.sockets.length === 1);
    const port = started.host.port;
    await started.host.stop();
    assert.equal((await a.closed).code, 1006);
    assert.deepEqual(started.closed, [0], 'the main thread hears of the connection ending');
    assert.deepEqual(started.failures, []);
    const again = await start(blobDir, port);
    assert.equal(again.host.port, port);
    await again.host.stop();
  });
});
