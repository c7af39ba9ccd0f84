/**
 * How the SDK's C callbacks reach JavaScript. Two relays give the bridge the same thing, a function
 * pointer to hand the SDK for a handler of a given shape:
 *
 * - the native relay (timchatRelay.c, built by `npm run build` into dist/native/<platform>-<arch>/): the
 *   SDK's thread queues the arguments and goes on; the main thread drains the queue when one byte on
 *   a socket pair wakes it. Callbacks of every shape share the one queue, so they arrive in the order
 *   the SDK made them.
 * - koffi.register: koffi's own relay, which blocks the SDK's thread until the handler has run (see
 *   docs/native.md). Used where the native relay is not built (Windows, a machine without a C
 *   compiler, a .vsix for another platform), when TIMCHAT_RELAY=koffi, and when a shape has used up
 *   the native relay's slots.
 *
 * The native relay is process-wide, like the SDK's listeners: loaded once, never unloaded (pinned).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import koffi from 'koffi';
import { pinLibrary } from './library';
import { callbackShapes } from './prototypes';
import type { CallbackShape } from './prototypes';
import { dispatchRecords, RELAY_SHAPES } from './relayRecords';
import type { RelayHandler } from './relayRecords';

export interface CallbackRelay {
  readonly kind: 'native' | 'koffi';
  /** The C function pointer that calls `handler` (with the shape's C arguments, user_data last). */
  register(shape: CallbackShape, handler: RelayHandler): bigint;
}

/** koffi's blocking relay: one registered callback slot per handler. */
export const koffiRelay: CallbackRelay = {
  kind: 'koffi',
  register: (shape, handler) => koffi.register(handler, koffi.pointer(callbackShapes[shape])),
};

/**
 * The layout version timchatRelay.c reports; a library of another version is not used (2: the groupPinned
 * shape; 3: the groupReadMembers shape).
 */
export const RELAY_VERSION = 3;

/** The relay library's file name on this platform, or undefined where none is built (Windows). */
export function relayFileName(platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') {
    return undefined;
  }
  return platform === 'darwin' ? 'libtimchatrelay.dylib' : 'libtimchatrelay.so';
}

export interface RelayLocation {
  /** The extension's install folder (holds dist/native/<platform>-<arch>/). */
  readonly extensionRoot?: string;
  /** Defaults to process.env: TIMCHAT_RELAY=koffi forces koffi's relay, TIMCHAT_RELAY_PATH names the library. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface RelayChoice {
  readonly relay: CallbackRelay;
  /** Why the native relay is not in use (undefined when it is), for the log and the benchmark. */
  readonly fallbackReason?: string;
}

interface RelayFunctions {
  readonly version: () => number;
  readonly slots: () => number;
  readonly trampoline: (shape: number, slot: number) => bigint | null;
  readonly open: () => number;
  readonly drain: (buffer: Buffer, capacity: number) => number;
  readonly queued: () => bigint | number;
}

// Loaded once per process and per file: the SDK may hold trampoline pointers for as long as it runs.
const nativeRelays = new Map<string, NativeRelay>();

/** The native relay when it can be loaded from where `location` says, otherwise koffi's (with the reason). */
export function chooseRelay(location: RelayLocation): RelayChoice {
  const env = location.env ?? process.env;
  if (env.TIMCHAT_RELAY === 'koffi') {
    return { relay: koffiRelay, fallbackReason: 'TIMCHAT_RELAY=koffi' };
  }
  const fileName = relayFileName();
  if (!fileName) {
    return { relay: koffiRelay, fallbackReason: `no native relay is built for ${process.platform}` };
  }
  const file = env.TIMCHAT_RELAY_PATH
    ? path.resolve(env.TIMCHAT_RELAY_PATH)
    : location.extensionRoot
      ? path.join(path.resolve(location.extensionRoot), 'dist', 'native', `${process.platform}-${process.arch}`, fileName)
      : undefined;
  if (!file) {
    return { relay: koffiRelay, fallbackReason: 'no extension folder or TIMCHAT_RELAY_PATH to find the native relay in' };
  }
  try {
    return { relay: loadNativeRelay(file) };
  } catch (error) {
    return { relay: koffiRelay, fallbackReason: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Loads (once per file) the native relay library and opens its wake-up socket. Throws with the reason. */
export function loadNativeRelay(file: string): NativeRelay {
  const existing = nativeRelays.get(file);
  if (existing) {
    return existing;
  }
  if (!fs.existsSync(file)) {
    throw new Error('does not exist (`npm run build` builds it where a C compiler is available)');
  }
  pinLibrary(file);
  const lib = koffi.load(file);
  const fns: RelayFunctions = {
    version: lib.func('int timchat_relay_version()') as RelayFunctions['version'],
    slots: lib.func('int timchat_relay_slots()') as RelayFunctions['slots'],
    trampoline: lib.func('void *timchat_relay_trampoline(int shape, int slot)') as RelayFunctions['trampoline'],
    open: lib.func('int timchat_relay_open()') as RelayFunctions['open'],
    drain: lib.func('int32_t timchat_relay_drain(void *buffer, int32_t capacity)') as RelayFunctions['drain'],
    queued: lib.func('uint64_t timchat_relay_queued()') as RelayFunctions['queued'],
  };
  const version = fns.version();
  if (version !== RELAY_VERSION) {
    throw new Error(`is relay version ${version}, this extension needs ${RELAY_VERSION} (rebuild it: \`npm run build\`)`);
  }
  const relay = new NativeRelay(fns);
  nativeRelays.set(file, relay);
  return relay;
}

const INITIAL_BUFFER = 64 * 1024;

// The bridge guards its handlers itself; this catches only what slips past (and corrupt records).
const reportHandlerError = (error: unknown): void => console.error('tim native relay:', error);

export class NativeRelay implements CallbackRelay {
  readonly kind = 'native' as const;
  private readonly handlers: RelayHandler[][] = RELAY_SHAPES.map(() => []);
  private readonly slots: number;
  private buffer = Buffer.allocUnsafe(INITIAL_BUFFER);

  constructor(private readonly fns: RelayFunctions) {
    this.slots = fns.slots();
    const fd = fns.open();
    if (fd < 0) {
      throw new Error(`cannot create its wake-up socket (errno ${-fd})`);
    }
    // The socket only wakes the loop; it must not keep Node alive (the bridge's timer does that while
    // requests are pending), and it is never closed: the SDK may call back until the process ends.
    const socket = new net.Socket({ fd, readable: true, writable: false });
    socket.on('data', this.drain);
    socket.on('error', (error) => console.error('tim native relay: wake-up socket failed:', error));
    socket.unref();
  }

  register(shape: CallbackShape, handler: RelayHandler): bigint {
    const shapeIndex = RELAY_SHAPES.indexOf(shape);
    const used = this.handlers[shapeIndex];
    if (used.length >= this.slots) {
      // Slots are never reused (a late callback must not reach a newer handler); koffi still works.
      return koffiRelay.register(shape, handler);
    }
    const pointer = this.fns.trampoline(shapeIndex, used.length);
    if (pointer === null) {
      throw new Error(`native relay has no trampoline for ${shape} slot ${used.length}`);
    }
    used.push(handler);
    return pointer;
  }

  /** Records queued and not yet delivered (tests prove nothing is left behind). */
  get queued(): number {
    return Number(this.fns.queued());
  }

  /** Slots still free for a shape (tests check the fallback). */
  freeSlots(shape: CallbackShape): number {
    return this.slots - this.handlers[RELAY_SHAPES.indexOf(shape)].length;
  }

  /** Delivers everything queued now, in order; also what the wake-up byte triggers. */
  readonly drain = (): void => {
    for (;;) {
      const used = this.fns.drain(this.buffer, this.buffer.length);
      if (used === 0) {
        return; // empty: the C side sends a new wake-up byte with the next record
      }
      if (used < 0) {
        // One record larger than the buffer (a long message list): grow to fit and take it.
        this.buffer = Buffer.allocUnsafe(Math.max(-used, this.buffer.length * 2));
        continue;
      }
      try {
        dispatchRecords(this.buffer, used, this.handlers, reportHandlerError);
      } catch (error) {
        // A corrupt record (a relay library of another layout): say so rather than crash the host.
        reportHandlerError(error);
      }
    }
  };
}
