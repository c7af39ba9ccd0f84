/**
 * A recording fake TimEndpoint for the typed client's unit tests. It is a fake on purpose: these tests
 * check what the client puts on the seam (C function names, argument order and encoding, timeouts) and
 * how it decodes what comes back; the engines themselves are tested against the real libImSDK and the
 * real tim-emulator elsewhere.
 */
import type {
  TimArg,
  TimCallOptions,
  TimCallResult,
  TimDisposable,
  TimEndpoint,
  TimEvent,
  TimSyncApi,
} from '../../src/tim/endpoint';

export interface RecordedCall {
  readonly api: string;
  readonly args: readonly TimArg[];
  readonly options: TimCallOptions | undefined;
  readonly sync: boolean;
}

type Responder = (args: readonly TimArg[], options: TimCallOptions | undefined) => TimCallResult | Promise<TimCallResult>;
type SyncResponder = (args: readonly TimArg[]) => string | number | bigint | Promise<string | number | bigint>;

export class FakeEndpoint implements TimEndpoint {
  readonly kind: 'native' | 'emulator';
  readonly calls: RecordedCall[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly syncResponders = new Map<string, SyncResponder>();
  private readonly listeners = new Set<(event: TimEvent) => void>();
  disposed = false;

  constructor(kind: 'native' | 'emulator' = 'emulator') {
    this.kind = kind;
  }

  /** Answers every later call of `api` with `result` (code 0 and empty JSON by default). */
  respond(api: string, result: Partial<TimCallResult> | Responder): this {
    this.responders.set(api, typeof result === 'function' ? result : () => ({ code: 0, desc: '', json: '', ...result }));
    return this;
  }

  /** Answers every later synchronous call of `api` with `value`. */
  respondSync(api: TimSyncApi, value: string | number | bigint | SyncResponder): this {
    this.syncResponders.set(api, typeof value === 'function' ? value : () => value);
    return this;
  }

  /** The one recorded call (asserting there was exactly one). */
  only(): RecordedCall {
    if (this.calls.length !== 1) {
      throw new Error(`expected exactly one call, got ${this.calls.length}: ${this.calls.map((c) => c.api).join(', ')}`);
    }
    return this.calls[0];
  }

  /** Delivers an event to every subscriber, as an engine would. */
  emit(event: TimEvent): void {
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async call(api: string, args: readonly TimArg[], options?: TimCallOptions): Promise<TimCallResult> {
    this.calls.push({ api, args: [...args], options, sync: false });
    const responder = this.responders.get(api);
    return responder === undefined ? { code: 0, desc: '', json: '' } : responder(args, options);
  }

  async callSync(api: TimSyncApi, args: readonly TimArg[]): Promise<string | number | bigint> {
    this.calls.push({ api, args: [...args], options: undefined, sync: true });
    const responder = this.syncResponders.get(api);
    return responder === undefined ? 0 : responder(args);
  }

  onEvent(listener: (event: TimEvent) => void): TimDisposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.listeners.clear();
  }
}
