/**
 * Load generators for the emulator benchmark: N WebSocket clients speaking the protocol directly (so the
 * client side costs as little as possible), logged in as N users in pairs, sending C2C text messages to
 * their partner and timing each send from the call frame to its result (sent only after commit). Calls
 * are encoded by the emulator endpoint's own codec (frameCodec.ts), as the extension's are. Of what comes
 * back only the results matter, and of a result only its id and code (a failure is decoded in full for
 * its description): the load generator shares the machine's two cores with the server, and decoding
 * every answer's message JSON was about a third of its CPU per send.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../../src/emulator/client/frameCodec';
import { stringifyTimJson } from '../../src/tim/json';
import type { TimArg } from '../../src/tim/endpoint';
import { genUserSig } from '../../src/tim/userSig';

export interface BenchClient {
  readonly user: string;
  readonly peer: string;
  send(body: string): Promise<number>;
  close(): void;
}

/**
 * The head of every result frame: the server writes type, id and code first (frameText.ts, and
 * JSON.stringify of dispatch.ts's result objects). Read from the first bytes only.
 */
const RESULT_HEAD = /^\{"type":"result","id":(\d+),"code":(-?\d+)[,}]/;
const HEAD_BYTES = 64;

interface Pending {
  readonly start: bigint;
  readonly resolve: (ms: number) => void;
  readonly reject: (error: Error) => void;
}

async function openClient(url: string, app: { sdkAppId: number; secretKey: string }, user: string, peer: string): Promise<BenchClient> {
  // Frames come from the emulator on this machine; a load generator need not check their UTF-8.
  const socket = new WebSocket(url, { skipUTF8Validation: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  socket.on('message', (data: Buffer) => {
    // Only results matter here: events (RecvNewMsg, snapshots) are skipped without decoding them.
    const head = RESULT_HEAD.exec(data.toString('latin1', 0, HEAD_BYTES));
    if (head === null) {
      return;
    }
    const id = Number(head[1]);
    const entry = pending.get(id);
    if (entry === undefined) {
      return;
    }
    pending.delete(id);
    if (head[2] === '0') {
      entry.resolve(Number(process.hrtime.bigint() - entry.start) / 1e6);
      return;
    }
    const decoded = decodeServerFrame(data.toString());
    entry.reject(new Error(decoded.ok && decoded.frame.type === 'result' ? `${decoded.frame.code} ${decoded.frame.desc}` : `undecodable result ${id}`));
  });
  // The frames a client sends in one turn of the event loop (the next sends after a batch of answers)
  // leave in one TCP write, as the server writes its frames: a write to a loopback socket costs the
  // sender ~15 µs, which was most of this process's CPU per send. The frames are the same.
  const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  let corked = false;
  const cork = (): void => {
    if (!corked && raw !== undefined) {
      corked = true;
      raw.cork();
      setImmediate(() => {
        corked = false;
        raw.uncork();
      });
    }
  };
  const call = (api: string, args: TimArg[], extra: { sync?: boolean; messageId?: string } = {}): Promise<number> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { start: process.hrtime.bigint(), resolve, reject });
      cork();
      socket.send(encodeClientFrame({ type: 'call', id, api, args, ...extra }));
    });
  socket.send(encodeClientFrame({ type: 'hello', protocol: 1, lastEventSeq: 0 }));
  await call('TIMInit', [app.sdkAppId, stringifyTimJson({ sdk_config_config_file_path: `/bench/${user}` })], { sync: true });
  await call('TIMLogin', [user, genUserSig({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, userId: user })]);
  let counter = 0;
  return {
    user,
    peer,
    send: (body) =>
      // JSON.stringify: the message holds no bigint, so it writes what stringifyTimJson writes without
      // its replacer (~5 µs a send).
      call('TIMMsgSendMessage', [peer, 1, JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: body }] })], {
        messageId: `144115${user.length}${process.pid}-${Math.floor(Date.now() / 1000)}-${user}x${counter++}`,
      }),
    close: () => socket.close(),
  };
}

/** `count` clients in pairs (2k sends to 2k+1 and back). */
export async function openClients(url: string, app: { sdkAppId: number; secretKey: string }, count: number, prefix: string): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    const peer = i % 2 === 0 ? i + 1 : i - 1;
    clients.push(await openClient(url, app, `${prefix}${i}`, `${prefix}${peer}`));
  }
  return clients;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Every client keeps `window` sends in flight until `total` messages are acknowledged. */
export async function saturate(clients: BenchClient[], total: number, window: number): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let started = 0;
  const begin = process.hrtime.bigint();
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: window }, async () => {
        while (started < total) {
          started++;
          latencies.push(await client.send(`saturate ${started} 压测`));
        }
      }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  return { perSecond: latencies.length / seconds, latencies: latencies.sort((a, b) => a - b) };
}

/**
 * `rate` messages per second spread evenly over the clients for `seconds`. Also reports how late this
 * process's own event loop ran (p99, ms): the latencies include it, so it tells the load generator's
 * share of a high p99 from the server's.
 */
export async function paced(clients: BenchClient[], rate: number, seconds: number): Promise<{ perSecond: number; latencies: number[]; clientLoopDelayP99: number }> {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const latencies: number[] = [];
  const sends: Array<Promise<void>> = [];
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const begin = Date.now();
  for (let i = 0; i < total; i++) {
    const due = begin + i * interval;
    const wait = due - Date.now();
    if (wait > 1) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const client = clients[i % clients.length];
    if (client !== undefined) {
      sends.push(client.send(`paced ${i}`).then((ms) => void latencies.push(ms)));
    }
  }
  await Promise.all(sends);
  loopDelay.disable();
  const elapsed = (Date.now() - begin) / 1000;
  return { perSecond: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b), clientLoopDelayP99: loopDelay.percentile(99) / 1e6 };
}
