/**
 * The TimEndpoint over libImSDK through koffi: the safe layer on top of the prototype table, the
 * loader and the callback bridge. Strings go up unparsed (the typed client parses them losslessly).
 *
 *   const endpoint = createNativeEndpoint({ storageDir, extensionRoot, sdkPath });
 *   await endpoint.call('TIMInit', [sdkAppId, '']);   // '' = logs/config under storageDir
 *
 * Constructing an endpoint registers the SDK's listeners, so (like TIMInit) it must only happen where
 * the SDK may reach the network: on this project's machines, inside `unshare -n`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TimArg, TimCallOptions, TimCallResult, TimDisposable, TimEndpoint, TimEvent, TimSyncApi } from '../tim/endpoint';
import { describeTimResult, TimCode, TimError, TimResult } from '../tim/errors';
import { isUint64 } from '../tim/json';
import { bindAll } from './bindings';
import type { BoundFunctions, NativeFunction } from './bindings';
import { CallbackBridge, DEFAULT_TIMEOUT_MS } from './bridge';
import { EventHub, reinstallListeners } from './events';
import { loadTimLibrary } from './library';
import type { LocateOptions } from './library';
import { prototypes } from './prototypes';
import type { ArgType, NativeApi, NativePrototype } from './prototypes';
import { chooseRelay } from './relay';

export interface NativeEndpointOptions extends LocateOptions {
  /** Where the SDK keeps its logs (`sdk-log/`) and config/database (`sdk-config/`): the extension's global storage. */
  readonly storageDir: string;
  /** Deadline of calls without their own `timeoutMs` (default 30 s). */
  readonly defaultTimeoutMs?: number;
  /** Deadline of TIMLogin: offline it answers only after 30 s, and queues behind a pending login (default 120 s). */
  readonly loginTimeoutMs?: number;
  /** Errors raised by event listeners or inside callbacks; they never reach koffi. */
  readonly onInternalError?: (error: unknown) => void;
}

export function createNativeEndpoint(options: NativeEndpointOptions): NativeEndpoint {
  return new NativeEndpoint(options);
}

export class NativeEndpoint implements TimEndpoint {
  readonly kind = 'native' as const;
  /** The library file that was loaded. */
  readonly libraryPath: string;
  /** For tests and benchmarks: the bridge's bookkeeping. */
  readonly bridge: CallbackBridge;
  /** Why callbacks come through koffi's blocking relay instead of the native one (undefined: native). */
  readonly relayFallbackReason: string | undefined;
  private readonly fns: BoundFunctions;
  private readonly events: EventHub;
  private readonly storageDir: string;
  private readonly loginTimeoutMs: number;
  private initialised = false;
  private disposed = false;

  constructor(options: NativeEndpointOptions) {
    const library = loadTimLibrary(options);
    this.libraryPath = library.path;
    this.fns = bindAll(library.handle);
    this.storageDir = options.storageDir;
    this.loginTimeoutMs = options.loginTimeoutMs ?? 120_000;
    const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('tim native endpoint:', error));
    const relay = chooseRelay({ extensionRoot: options.extensionRoot, env: options.env });
    this.relayFallbackReason = relay.fallbackReason;
    this.bridge = new CallbackBridge({
      defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      onInternalError,
      relay: relay.relay,
    });
    this.events = new EventHub(this.fns, this.bridge, onInternalError);
    this.events.attach();
    liveEndpoints.add(this);
    installExitHook();
  }

  call(api: string, args: readonly TimArg[], options?: TimCallOptions): Promise<TimCallResult> {
    const proto = lookup(api);
    if (!proto) {
      return Promise.reject(new TimError(TimResult.ERR_PARAM, `${api} is not bound by the native endpoint`, api));
    }
    if (this.disposed) {
      return Promise.reject(new TimError(TimCode.ENDPOINT_CLOSED, 'the native endpoint is disposed', api));
    }
    if (api === 'TIMInit' || api === 'TIMUninit') {
      // Also reachable through callSync (which the typed client uses): here a non-zero result rejects.
      const run = api === 'TIMInit' ? this.init(args) : Promise.resolve(this.uninit());
      return run.then((result) => {
        if (result !== 0) {
          throw new TimError(result, describeTimResult(result), api);
        }
        return { code: 0, desc: '', json: '' };
      });
    }
    if (proto.kind !== 'async') {
      return Promise.reject(new TimError(TimResult.ERR_PARAM, `${api} has no callback: use callSync`, api));
    }
    const converted = convertArgs(api, proto.args, args);
    if (converted instanceof TimError) {
      return Promise.reject(converted);
    }
    const timeoutMs = options?.timeoutMs ?? (api === 'TIMLogin' ? this.loginTimeoutMs : undefined);
    const request = this.bridge.begin(api, timeoutMs, options?.onProgress);
    const fn = this.fns[api as NativeApi];
    const buffer = proto.outBuffer ? Buffer.alloc(proto.outBuffer) : undefined;
    // TIMMsgGetGroupMessageReadMemberList answers through its own callback shape (prototypes.ts, `answer`).
    const callback = proto.answer === undefined ? this.bridge.commCallback : this.bridge.answerCallback(proto.answer);
    let result: unknown;
    try {
      result = buffer ? fn(...converted, buffer, callback, request.id) : invoke(fn, converted, callback, request.id);
    } catch (error) {
      // koffi rejected an argument (wrong type): the call never reached the SDK.
      this.bridge.fail(request.id, new TimError(TimResult.ERR_PARAM, `bad argument for ${api}: ${errorText(error)}`, api));
      return request.promise;
    }
    if (result !== 0) {
      const code = typeof result === 'number' ? result : TimResult.ERR_PARAM;
      this.bridge.fail(request.id, new TimError(code, describeTimResult(code), api));
      return request.promise;
    }
    if (buffer) {
      // The SDK wrote the id before returning; the callback may not have come yet.
      const messageId = readCString(buffer);
      return request.promise.then((answer) => ({ ...answer, messageId }));
    }
    return request.promise;
  }

  callSync(api: TimSyncApi, args: readonly TimArg[]): Promise<string | number | bigint> {
    if (this.disposed) {
      return Promise.reject(new TimError(TimCode.ENDPOINT_CLOSED, 'the native endpoint is disposed', api));
    }
    if (api === 'TIMInit') {
      return this.init(args);
    }
    if (api === 'TIMUninit') {
      return Promise.resolve(this.uninit());
    }
    try {
      return Promise.resolve(this.callSyncNow(api, args));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** callSync without the promise, for hot paths and benchmarks. Throws TimError. */
  callSyncNow(api: TimSyncApi, args: readonly TimArg[]): string | number | bigint {
    const proto = lookup(api);
    if (!proto || proto.kind !== 'sync' || api === 'TIMInit' || api === 'TIMUninit') {
      throw new TimError(TimResult.ERR_PARAM, `${api} cannot be called through callSyncNow (use callSync)`, api);
    }
    const converted = convertArgs(api, proto.args, args);
    if (converted instanceof TimError) {
      throw converted;
    }
    const fn = this.fns[api];
    try {
      if (proto.outBuffer) {
        // TIMGetLoginUserID leaves the buffer untouched when logged out: zeroed, it reads as ''.
        const buffer = Buffer.alloc(proto.outBuffer);
        fn(...converted, buffer);
        return readCString(buffer);
      }
      const value: unknown = fn(...converted);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
        return value;
      }
      return value === null ? '' : String(value);
    } catch (error) {
      throw new TimError(TimResult.ERR_PARAM, `bad argument for ${api}: ${errorText(error)}`, api);
    }
  }

  onEvent(listener: (event: TimEvent) => void): TimDisposable {
    return this.events.subscribe(listener);
  }

  async dispose(): Promise<void> {
    this.disposeNow();
  }

  /** dispose() without the promise: also what the process 'exit' hook runs. */
  disposeNow(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    liveEndpoints.delete(this);
    this.events.detach();
    if (this.initialised) {
      this.uninit();
    }
    this.bridge.dispose();
  }

  /** TIMSetConfig (console logging off) then TIMInit; resolves with TIMInit's TIMResult. */
  private async init(args: readonly TimArg[]): Promise<number> {
    const sdkAppId = toUint64(args[0]);
    if (sdkAppId === undefined || args.length > 2) {
      throw new TimError(TimResult.ERR_PARAM, 'TIMInit takes (sdk_app_id, json_sdk_config)', 'TIMInit');
    }
    // Only honoured before TIMInit; its callback fires synchronously on this thread (and reaches the
    // bridge at once through koffi's relay, on the next loop turn through the native one).
    const config = await this.call('TIMSetConfig', [JSON.stringify({ set_config_is_log_output_console: false })]);
    if (config.code !== 0) {
      throw new TimError(config.code, config.desc, 'TIMSetConfig');
    }
    const json = this.initConfig(typeof args[1] === 'string' ? args[1] : '');
    let result: unknown;
    try {
      result = this.fns.TIMInit(sdkAppId, json);
    } catch (error) {
      throw new TimError(TimResult.ERR_PARAM, `bad argument for TIMInit: ${errorText(error)}`, 'TIMInit');
    }
    const code = typeof result === 'number' ? result : TimResult.ERR_PARAM;
    if (code === 0) {
      this.initialised = true;
      // TIMInit returns before the SDK's logic thread has finished initialising: a send issued at once
      // can still be answered 6013. One read-only round trip through that thread is a barrier.
      await this.call('TIMConvGetTotalUnreadMessageCount', [], { timeoutMs: 5000 }).catch(() => undefined);
    }
    return code;
  }

  /** TIMUninit; resolves with its TIMResult. */
  private uninit(): number {
    const result: unknown = this.fns.TIMUninit();
    this.initialised = false;
    reinstallListeners();
    // TIMUninit silently drops every callback not yet delivered: nothing else will settle these.
    this.bridge.rejectAll(TimCode.NOT_INITIALIZED, 'TIMUninit was called before the SDK answered');
    return typeof result === 'number' ? result : 0;
  }

  /**
   * The caller's json_sdk_config with the log and config paths pointed at storageDir unless it sets them
   * itself. Spliced as text after the opening brace: the caller's JSON (uint64 values and all) is
   * passed on untouched, never parsed and re-encoded.
   */
  private initConfig(given: string): string {
    const body = given.trim();
    if (body !== '' && !body.startsWith('{')) {
      return given; // not an object: let the SDK refuse it with -3
    }
    const added: string[] = [];
    const dirs: Array<[string, string]> = [
      ['sdk_config_log_file_path', path.join(this.storageDir, 'sdk-log')],
      ['sdk_config_config_file_path', path.join(this.storageDir, 'sdk-config')],
    ];
    for (const [key, dir] of dirs) {
      if (!body.includes(`"${key}"`)) {
        fs.mkdirSync(dir, { recursive: true });
        added.push(`${JSON.stringify(key)}:${JSON.stringify(dir)}`);
      }
    }
    if (body === '' || body === '{}') {
      return `{${added.join(',')}}`;
    }
    if (added.length === 0) {
      return given;
    }
    const rest = body.slice(1).trimStart();
    return `{${added.join(',')}${rest.startsWith('}') ? '' : ','}${rest}`;
  }
}

/**
 * Endpoints still alive when the process exits. Node tears down koffi's thread-safe function while an
 * initialised SDK keeps calling back (network status retries, late answers), and a callback arriving
 * then aborts the process inside napi_call_threadsafe_function (seen as SIGABRT on ~1 in 2 exits). On
 * 'exit' every live endpoint therefore unregisters its listeners and uninitialises the SDK first.
 */
const liveEndpoints = new Set<NativeEndpoint>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const endpoint of [...liveEndpoints]) {
      try {
        endpoint.disposeNow();
      } catch {
        // Exiting anyway; nothing useful can be done with the error here.
      }
    }
  });
}

// A Map lookup instead of hasOwnProperty on the table: this is on every call.
const PROTOTYPES = new Map<string, NativePrototype>(Object.entries(prototypes));
// Functions with an argument koffi would refuse in some TimArg form (bool, uint64); the rest skip the scan.
const NEEDS_COERCION = new Set(
  [...PROTOTYPES].filter(([, p]) => p.kind !== 'listener' && p.args.some((t) => t === 'bool' || t === 'uint64')).map(([name]) => name),
);

function lookup(api: string): NativePrototype | undefined {
  return PROTOTYPES.get(api);
}

type NativeValue = string | number | bigint | boolean;

/**
 * Checks arity and coerces the few types koffi would refuse (bool from number, uint64 from string).
 * A uint64 must be a bigint in [0, 2^64) or a safe non-negative integer: koffi 3.3.4 does not refuse
 * the rest but passes something else to C (2^64 as 0, -1n or -1 as 2^64 - 1, the number 2^64 as
 * 2^63 - 1, 1.5 as 1; measured with test/native/fixtures/fakeSdk.c), so those are refused here.
 */
function convertArgs(api: string, types: readonly ArgType[], args: readonly TimArg[]): NativeValue[] | TimError {
  if (args.length !== types.length) {
    return new TimError(TimResult.ERR_PARAM, `${api} takes ${types.length} argument(s), got ${args.length}`, api);
  }
  if (!NEEDS_COERCION.has(api)) {
    return args as NativeValue[];
  }
  let out: NativeValue[] | undefined;
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    const arg = args[i];
    if (type === 'bool' && typeof arg !== 'boolean') {
      (out ??= [...args])[i] = Boolean(arg);
    } else if (type === 'uint64' && !isUint64(arg)) {
      const value = toUint64(arg);
      if (value === undefined) {
        return new TimError(TimResult.ERR_PARAM, `${api} argument ${i + 1} must be an unsigned 64-bit integer (a bigint, or a number up to 2^53 - 1)`, api);
      }
      (out ??= [...args])[i] = value;
    }
  }
  return out ?? (args as NativeValue[]);
}

/** A uint64 as koffi passes it exactly (a decimal string below 2^64 as a bigint); undefined for anything else. */
function toUint64(value: TimArg | undefined): bigint | number | undefined {
  if (isUint64(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    const parsed = BigInt(value);
    return isUint64(parsed) ? parsed : undefined;
  }
  return undefined;
}

// Fixed-arity calls avoid building a spread array on the hot path.
function invoke(fn: NativeFunction, args: readonly NativeValue[], cb: bigint, id: number): unknown {
  switch (args.length) {
    case 0:
      return fn(cb, id);
    case 1:
      return fn(args[0], cb, id);
    case 2:
      return fn(args[0], args[1], cb, id);
    case 3:
      return fn(args[0], args[1], args[2], cb, id);
    default:
      return fn(...args, cb, id);
  }
}

function readCString(buffer: Buffer): string {
  const end = buffer.indexOf(0);
  return buffer.toString('utf8', 0, end < 0 ? buffer.length : end);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

