/**
 * The server's own work per message send, without sockets or other processes: the emulator core and
 * its Connection objects in this process, fed call frames as the socket worker hands them over, their
 * answers taken as the socket worker takes them. Measured as a ratio: each round of sends is
 * interleaved with the ceiling's batched insert (rawSqlite.ts) of as many rows, so both run at
 * whatever speed the machine has that second. On this shared two-core machine the end-to-end numbers
 * of the same code vary by half from minute to minute, and so do absolute CPU times per send; this
 * ratio varies by about a tenth, which makes it the number to compare two versions of the send path by.
 *
 * Alone: node -r ./scripts/ts-register.cjs bench/emulator/corePerSend.ts (CORE_CLIENTS, CORE_PER_TURN,
 * CORE_ROUNDS in the environment).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeClientFrame } from '../../src/emulator/client/frameCodec';
import { startCheckpointer } from '../../src/emulator/server/checkpointer';
import { Connection } from '../../src/emulator/server/connection';
import { openEmulator } from '../../src/emulator/server/core';
import type { SplicedFrame } from '../../src/emulator/server/frameText';
import type { FrameSocket } from '../../src/emulator/server/socketHost';
import { stringifyTimJson } from '../../src/tim/json';
import { genUserSig } from '../../src/tim/userSig';
import { mainThreadCpuMicros } from './processCpu';
import { CeilingRows, withTempDatabase } from './rawSqlite';

/** A FrameSocket that counts the answers it is given (what the socket worker would write). */
class CountingSocket implements FrameSocket {
  open = true;
  results = 0;
  bytes = 0;
  private frameListener: (text: string | undefined) => void = () => undefined;

  onFrame(listener: (text: string | undefined) => void): void {
    this.frameListener = listener;
  }

  onClose(): void {}

  sendText(text: string): void {
    // Counting the UTF-8 bytes flattens the text, as posting it to the socket worker does.
    this.bytes += Buffer.byteLength(text);
    if (text.startsWith('{"type":"result"')) {
      this.results += 1;
    }
  }

  sendSpliced(frame: SplicedFrame): void {
    // The parts as posted (the socket worker escapes the JSON on its own thread).
    this.bytes += Buffer.byteLength(frame.head) + Buffer.byteLength(frame.json) + Buffer.byteLength(frame.tail);
    if (frame.head.startsWith('{"type":"result"')) {
      this.results += 1;
    }
  }

  close(): void {
    this.open = false;
  }

  terminate(): void {
    this.open = false;
  }

  feed(text: string): void {
    this.frameListener(text);
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface CoreCost {
  /** Time of a send through the core over time of one ceiling row, measured alternately. */
  readonly rowsPerSend: number;
  /** The ceiling row's time in this run (µs): how fast the machine was. */
  readonly rowMicros: number;
  /** This thread's CPU per send (µs), ceiling rows excluded; undefined without /proc. */
  readonly mainThreadMicros: number | undefined;
  /**
   * The whole process's CPU per send (µs: every thread, the checkpointer's and indexer's included),
   * less this thread's during the ceiling rows; undefined without /proc.
   */
  readonly processMicros: number | undefined;
  /** Bytes of frames written per send (the answer, the peer's RecvNewMsg, snapshots). */
  readonly bytesOut: number;
  readonly sends: number;
}

export interface CoreOptions {
  readonly clients: number;
  readonly perTurn: number;
  readonly rounds: number;
}

/**
 * `clients` logged-in connections in pairs, each sending `perTurn` C2C text messages to its partner in
 * the same turn (one group commit of clients x perTurn sends), `rounds` times after a warm-up.
 */
export async function measureCoreCost({ clients, perTurn, rounds }: CoreOptions): Promise<CoreCost> {
  const dir = mkdtempSync(join(tmpdir(), 'tim-bench-core-'));
  // NORMAL: the fsync is the disk's cost, not the server's, and runs off the main thread (walSync.ts).
  const core = openEmulator(dir, { durability: 'normal' });
  // As the server runs: checkpoints in their worker, not inside this thread's commits.
  const checkpointer = startCheckpointer(core.db, (line) => process.stderr.write(`${line}\n`));
  try {
    return await withTempDatabase('tim-bench-core-ref-', 'normal', async (refDb) => {
      const ceiling = new CeilingRows(refDb);
      const sockets: CountingSocket[] = [];
      let nextId = 1;
      const call = (socket: CountingSocket, api: string, args: Array<string | number>, messageId?: string): void =>
        socket.feed(encodeClientFrame({ type: 'call', id: nextId++, api, args, ...(messageId === undefined ? {} : { messageId }) }));
      for (let i = 0; i < clients; i++) {
        const socket = new CountingSocket();
        new Connection(core.emu, socket, () => undefined);
        sockets.push(socket);
        socket.feed(encodeClientFrame({ type: 'hello', protocol: 1, lastEventSeq: 0 }));
        call(socket, 'TIMInit', [core.app.sdkAppId, stringifyTimJson({ sdk_config_config_file_path: `/bench-core/u${i}` })]);
        await until(() => socket.results === 1);
        call(socket, 'TIMLogin', [`u${i}`, genUserSig({ sdkAppId: core.app.sdkAppId, secretKey: core.app.secretKey, userId: `u${i}` })]);
        await until(() => socket.results === 2);
      }
      let counter = 0;
      let ceilingMs = 0;
      let coreMs = 0;
      let ceilingCpu = 0;
      const round = async (): Promise<void> => {
        const ceilingStart = performance.now();
        const ceilingCpuStart = mainThreadCpuMicros(process.pid);
        ceiling.insertBatch(clients * perTurn);
        const coreStart = performance.now();
        const ceilingCpuEnd = mainThreadCpuMicros(process.pid);
        ceilingMs += coreStart - ceilingStart;
        ceilingCpu += (ceilingCpuEnd ?? 0) - (ceilingCpuStart ?? 0);
        const expected = sockets.map((s) => s.results + perTurn);
        sockets.forEach((socket, i) => {
          const peer = i % 2 === 0 ? i + 1 : i - 1;
          for (let k = 0; k < perTurn; k++) {
            counter += 1;
            const body = JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: `core ${counter} 压测` }] });
            call(socket, 'TIMMsgSendMessage', [`u${peer}`, 1, body], `144115-core-u${i}x${counter}`);
          }
        });
        await until(() => sockets.every((s, i) => s.results >= (expected[i] ?? 0)));
        coreMs += performance.now() - coreStart;
      };
      for (let r = 0; r < 20; r++) {
        await round();
      }
      ceilingMs = 0;
      coreMs = 0;
      ceilingCpu = 0;
      const cpuStart = mainThreadCpuMicros(process.pid);
      const processStart = process.cpuUsage();
      const bytesStart = sockets.reduce((sum, s) => sum + s.bytes, 0);
      for (let r = 0; r < rounds; r++) {
        await round();
      }
      const cpuEnd = mainThreadCpuMicros(process.pid);
      const processCpu = process.cpuUsage(processStart);
      const sends = rounds * clients * perTurn;
      return {
        rowsPerSend: coreMs / ceilingMs,
        rowMicros: (ceilingMs * 1000) / sends,
        mainThreadMicros: cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart - ceilingCpu) / sends,
        processMicros: cpuStart === undefined ? undefined : (processCpu.user + processCpu.system - ceilingCpu) / sends,
        bytesOut: (sockets.reduce((sum, s) => sum + s.bytes, 0) - bytesStart) / sends,
        sends,
      };
    });
  } finally {
    core.queue.close();
    await checkpointer.stop();
    core.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
  measureCoreCost({ clients: env('CORE_CLIENTS', 100), perTurn: env('CORE_PER_TURN', 4), rounds: env('CORE_ROUNDS', 150) })
    .then((cost) => {
      process.stdout.write(
        `core: a send costs ${cost.rowsPerSend.toFixed(2)} ceiling rows (row ${cost.rowMicros.toFixed(1)} µs; main thread ${cost.mainThreadMicros?.toFixed(1) ?? 'n/a'} µs per send, all threads ${cost.processMicros?.toFixed(1) ?? 'n/a'}; ${cost.bytesOut.toFixed(0)} bytes out; ${cost.sends} sends)\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`core bench failed: ${String(error)}\n`);
      process.exit(1);
    });
}
