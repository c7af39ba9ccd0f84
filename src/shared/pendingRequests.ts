/**
 * Request ids, a pending map settled and deleted exactly once, and a timeout that rejects: the part of
 * request/response messaging that is the same on both sides of a postMessage channel.
 */

export class RequestTimeoutError extends Error {
  constructor(method: string, timeoutMs: number) {
    super(`${method} did not answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export class RequestFailedError extends Error {
  readonly code: number | undefined;

  constructor(message: string, code?: number) {
    super(message);
    this.name = 'RequestFailedError';
    this.code = code;
  }
}

/** The timer functions both runtimes have; typed here because this file sees neither Node's nor the DOM's lib. */
interface TimerHost {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const timers = globalThis as unknown as TimerHost;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: unknown;
}

export class PendingRequests {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Number of requests still waiting; tests use it to prove nothing leaks. */
  get size(): number {
    return this.pending.size;
  }

  /** Registers a request and returns its id and the promise its answer settles. */
  create(method: string, timeoutMs: number): { id: number; promise: Promise<unknown> } {
    const id = this.nextId++;
    const promise = new Promise<unknown>((resolve, reject) => {
      const timer = timers.setTimeout(() => this.reject(id, new RequestTimeoutError(method, timeoutMs)), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    return { id, promise };
  }

  /** Settles a request with its result; unknown or already settled ids are ignored. */
  resolve(id: number, value: unknown): boolean {
    const entry = this.take(id);
    entry?.resolve(value);
    return entry !== undefined;
  }

  reject(id: number, error: Error): boolean {
    const entry = this.take(id);
    entry?.reject(error);
    return entry !== undefined;
  }

  /** Rejects everything still pending (the channel is gone). */
  rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) {
      this.reject(id, error);
    }
  }

  private take(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (entry) {
      timers.clearTimeout(entry.timer);
      this.pending.delete(id);
    }
    return entry;
  }
}
