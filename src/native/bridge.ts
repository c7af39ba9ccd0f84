/**
 * The callback bridge between libImSDK's C callbacks and promises.
 *
 * Why it is shaped like this (see docs/native.md and tim-sdk.md):
 * - Callback pointers are a limited resource (koffi's slots, the native relay's trampolines), so the
 *   bridge registers ONE callback per shape and tells requests apart by the numeric id passed as
 *   `user_data`. Requests answer through a TIMCommCallback, except TIMMsgGetGroupMessageReadMemberList,
 *   whose callback (member array, next_seq, is_finished) is turned into the same `{code, desc, json}`
 *   (groupReadMembersAnswer) and settles the same pending map.
 * - The callbacks come through a relay (relay.ts): the native one queues without blocking the SDK's
 *   thread; koffi's blocks it while the callback runs on the main thread. Either way a callback only
 *   looks the id up, deletes it and resolves; events and download progress are queued and delivered
 *   to listeners from a setImmediate, never from inside the callback.
 * - Pending callbacks do not keep Node alive, so one ref'd timer exists while anything is pending;
 *   the same timer enforces per-call deadlines.
 * - An exception inside a callback would surface as uncaughtException: every callback body is
 *   wrapped and errors go to `onInternalError`.
 */
import { DOWNLOAD_PROGRESS_DESC } from '../tim/downloadProgress';
import type { TimCallOptions, TimCallProgress, TimCallResult } from '../tim/endpoint';
import { TimErrorCode } from '../tim/errorCodes';
import { TimCode, TimError } from '../tim/errors';
import type { AnswerShape, CallbackShape } from './prototypes';
import { koffiRelay } from './relay';
import type { CallbackRelay } from './relay';
import type { RelayHandler } from './relayRecords';

export interface BridgeOptions {
  /** Deadline of a call that gives no timeout of its own. */
  readonly defaultTimeoutMs?: number;
  /** Receives errors that happened inside callbacks (they must never reach koffi). Defaults to console.error. */
  readonly onInternalError?: (error: unknown) => void;
  /** How C callbacks reach JavaScript (relay.ts); koffi's blocking relay when not given. */
  readonly relay?: CallbackRelay;
}

type ProgressListener = NonNullable<TimCallOptions['onProgress']>;

interface Pending {
  readonly api: string;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly resolve: (result: TimCallResult) => void;
  readonly reject: (error: TimError) => void;
  readonly onProgress: ProgressListener | undefined;
  /** The latest progress report not yet delivered; a newer one replaces it (only the latest matters). */
  progress: TimCallProgress | undefined;
}

/** A started request: pass `id` as user_data, then settle it with `fail` if the C call did not take it. */
export interface BridgeRequest {
  readonly id: number;
  readonly promise: Promise<TimCallResult>;
}

/**
 * The `{code, desc, json}` a TIMMsgGroupMessageReadMemberListCallback stands for (the seam contract in
 * src/tim/types/messageReceipt.ts): `{"group_member_array":<the SDK's array, [] for an empty string>,
 * "next_seq":<exact integer>,"is_finished":<bool>}` with code 0. The callback has no error code: a NULL
 * or non-array member list is ERR_SDK_INTERNAL_ERROR. The array's text is passed on as the SDK wrote
 * it (parsed only to check it), so its uint64 fields stay exact.
 *
 * `nextSeq` is what the relays deliver for a uint64_t: koffi 3.3.4 reads it as int64_t (a number within
 * +-2^53, a bigint beyond), so from 2^63 up it is negative; the 64 bits are taken back as unsigned here.
 */
export function groupReadMembersAnswer(members: string | null, nextSeq: number | bigint, isFinished: boolean): TimCallResult {
  let array = members;
  if (array !== null && array.trim() === '') {
    array = '[]';
  } else if (array !== null && !isJsonArray(array)) {
    array = null;
  }
  if (array === null) {
    const got = members === null ? 'NULL' : `${JSON.stringify(members.slice(0, 60))}${members.length > 60 ? '...' : ''}`;
    return { code: TimErrorCode.ERR_SDK_INTERNAL_ERROR, desc: `the SDK gave no member list (json_group_member_array was ${got})`, json: '' };
  }
  // A number here is within +-2^53 (bigints beyond): String() of it, or of the unsigned bigint, is exact.
  const unsigned = typeof nextSeq === 'bigint' || nextSeq < 0 ? BigInt.asUintN(64, BigInt(nextSeq)) : nextSeq;
  return { code: 0, desc: '', json: `{"group_member_array":${array},"next_seq":${String(unsigned)},"is_finished":${isFinished ? 'true' : 'false'}}` };
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

// user_data is pointer-sized; staying below 2^31 keeps ids valid on 32-bit builds too.
const MAX_ID = 0x7fffffff;
export const DEFAULT_TIMEOUT_MS = 30_000;

export class CallbackBridge {
  /** The TIMCommCallback pointer every request passes. */
  readonly commCallback: bigint;
  /** The TIMMsgGroupMessageReadMemberListCallback pointer TIMMsgGetGroupMessageReadMemberList passes. */
  readonly groupReadMembersCallback: bigint;
  /** The relay the callbacks come through. */
  readonly relay: CallbackRelay;
  private readonly pending = new Map<number, Pending>();
  private readonly defaultTimeoutMs: number;
  private readonly onInternalError: (error: unknown) => void;
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private timerDeadline = Infinity;
  private closed = false;
  /** Requests holding a progress report for the next delivery turn. */
  private readonly progressDue = new Set<Pending>();

  constructor(options: BridgeOptions = {}) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onInternalError = options.onInternalError ?? ((error) => console.error('tim native bridge:', error));
    this.relay = options.relay ?? koffiRelay;
    // The hot path gets its own try/catch instead of register()'s generic rest-args wrapper.
    const onComm = (code: number, desc: string | null, json: string | null, userData: number): void => {
      try {
        this.settle(code, desc, json, userData);
      } catch (error) {
        this.reportInternal(error);
      }
    };
    this.commCallback = this.relay.register('comm', onComm);
    const onReadMembers = (members: string | null, nextSeq: number | bigint, isFinished: boolean, userData: number): void => {
      try {
        const answer = groupReadMembersAnswer(members, nextSeq, isFinished);
        this.settle(answer.code, answer.desc, answer.json, userData);
      } catch (error) {
        this.reportInternal(error);
      }
    };
    this.groupReadMembersCallback = this.relay.register('groupReadMembers', onReadMembers);
  }

  /** The callback pointer a request whose answer comes in `shape` passes (prototypes.ts, `answer`). */
  answerCallback(shape: AnswerShape): bigint {
    return shape === 'comm' ? this.commCallback : this.groupReadMembersCallback;
  }

  /** Number of requests waiting for their callback (tests use it to prove nothing leaks). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Whether the keep-alive timer currently holds the event loop open. */
  get holdsEventLoop(): boolean {
    return this.timer !== undefined && this.timer.hasRef();
  }

  /**
   * Registers a request and returns its id (for user_data) and the promise its callback settles.
   * `onProgress` receives its "downloading" callbacks (see TimCallOptions.onProgress).
   */
  begin(api: string, timeoutMs?: number, onProgress?: ProgressListener): BridgeRequest {
    if (this.closed) {
      return { id: 0, promise: Promise.reject(new TimError(TimCode.ENDPOINT_CLOSED, 'the native endpoint is disposed', api)) };
    }
    const id = this.allocateId();
    const ms = timeoutMs ?? this.defaultTimeoutMs;
    const deadline = Date.now() + ms;
    const promise = new Promise<TimCallResult>((resolve, reject) => {
      this.pending.set(id, { api, deadline, timeoutMs: ms, resolve, reject, onProgress, progress: undefined });
    });
    this.armTimer(deadline);
    return { id, promise };
  }

  /** Settles a request the C function refused synchronously (its callback will never come). */
  fail(id: number, error: TimError): void {
    const entry = this.pending.get(id);
    if (entry) {
      this.pending.delete(id);
      this.dropProgress(entry);
      entry.reject(error);
      this.releaseTimerIfIdle();
    }
  }

  /** Rejects every pending request (TIMUninit drops undelivered callbacks; dispose abandons them). */
  rejectAll(code: number, desc: string): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.progressDue.clear();
    this.releaseTimerIfIdle();
    for (const entry of entries) {
      entry.reject(new TimError(code, desc, entry.api));
    }
  }

  /**
   * Registers a listener callback of the given shape with the bridge's relay, wrapped so nothing
   * escapes into the relay. The pointer stays valid for the life of the process: the SDK may still
   * hold it.
   */
  register<F extends (...args: never[]) => void>(shape: CallbackShape, handler: F): bigint {
    const guarded = (...args: Parameters<F>): void => {
      try {
        handler(...args);
      } catch (error) {
        this.reportInternal(error);
      }
    };
    return this.relay.register(shape, guarded as RelayHandler);
  }

  /** Rejects what is pending with ENDPOINT_CLOSED and refuses new requests. Callback slots are kept (see register). */
  dispose(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.rejectAll(TimCode.ENDPOINT_CLOSED, 'the native endpoint was disposed before the SDK answered');
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  // Runs on the main thread (with koffi's relay while the SDK thread waits): lookup, delete, resolve.
  private settle(code: number, desc: string | null, json: string | null, userData: number): void {
    const entry = this.pending.get(userData);
    if (entry === undefined) {
      return; // answered already (timeout, uninit): exactly once means the late one is dropped
    }
    if (code === 0 && desc === DOWNLOAD_PROGRESS_DESC) {
      // TIMMsgDownloadElemToPath reports progress through its result callback; the result comes later.
      if (entry.onProgress !== undefined) {
        this.queueProgress(entry, { desc, json: json ?? '' });
      }
      return;
    }
    this.pending.delete(userData);
    if (entry.progress !== undefined) {
      // The last report reaches the listener before anything awaiting the result resumes: the
      // microtask is queued ahead of the promise's reactions.
      const last = entry.progress;
      this.dropProgress(entry);
      queueMicrotask(() => this.deliverProgress(entry, last));
    }
    entry.resolve({ code, desc: desc ?? '', json: json ?? '' });
    if (this.pending.size === 0) {
      this.releaseTimerIfIdle();
    }
  }

  // The SDK may report faster than a listener wants to hear: one delivery turn per loop iteration
  // carries the latest report of each request.
  private queueProgress(entry: Pending, progress: TimCallProgress): void {
    entry.progress = progress;
    if (this.progressDue.size === 0) {
      setImmediate(this.flushProgress);
    }
    this.progressDue.add(entry);
  }

  private readonly flushProgress = (): void => {
    const due = [...this.progressDue];
    this.progressDue.clear();
    for (const entry of due) {
      const progress = entry.progress;
      entry.progress = undefined;
      if (progress !== undefined) {
        this.deliverProgress(entry, progress);
      }
    }
  };

  private dropProgress(entry: Pending): void {
    entry.progress = undefined;
    this.progressDue.delete(entry);
  }

  private deliverProgress(entry: Pending, progress: TimCallProgress): void {
    try {
      entry.onProgress?.(progress);
    } catch (error) {
      this.reportInternal(error);
    }
  }

  private allocateId(): number {
    let id = this.nextId;
    while (this.pending.has(id)) {
      id = id >= MAX_ID ? 1 : id + 1;
    }
    this.nextId = id >= MAX_ID ? 1 : id + 1;
    return id;
  }

  // One timer serves as both the keep-alive handle and the deadline check, so a call costs no timer
  // of its own: it is (re)armed only when a new deadline is earlier than the one it waits for.
  private armTimer(deadline: number): void {
    if (this.timer && deadline >= this.timerDeadline) {
      if (!this.timer.hasRef()) {
        this.timer.ref();
      }
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timerDeadline = deadline;
    this.timer = setTimeout(this.onTimer, Math.max(0, deadline - Date.now()));
  }

  private releaseTimerIfIdle(): void {
    if (this.pending.size === 0 && this.timer?.hasRef()) {
      this.timer.unref();
    }
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerDeadline = Infinity;
    const now = Date.now();
    let next = Infinity;
    const expired: Pending[] = [];
    for (const [id, entry] of this.pending) {
      if (entry.deadline <= now) {
        this.pending.delete(id);
        this.dropProgress(entry);
        expired.push(entry);
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next !== Infinity) {
      this.armTimer(next);
    }
    for (const entry of expired) {
      entry.reject(new TimError(TimCode.TIMEOUT, `no answer from the SDK within ${entry.timeoutMs} ms`, entry.api));
    }
  };

  private reportInternal(error: unknown): void {
    try {
      this.onInternalError(error);
    } catch {
      // The reporter itself failed; there is nowhere safe left to send this.
    }
  }
}
