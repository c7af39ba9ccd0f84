/**
 * The TimEndpoint that speaks to tim-emulator over WebSocket (protocol: `../protocol.ts`). It ties the
 * parts of this folder together: a socket that reconnects with backoff, the table of pending calls,
 * the session replay, and the event sequencer, so that a dropped connection costs the caller nothing
 * it can avoid: sends are repeated under the same message id, reads are retried, the session is put
 * back, and events missed while away are replayed by the server and delivered once, in order.
 *
 * Usage:
 *   const endpoint = await EmulatorEndpoint.connect({ url: 'ws://127.0.0.1:8519' });
 *   // or: const endpoint = new EmulatorEndpoint({ url }); await endpoint.ready();
 *   endpoint.onEvent((event) => ...);
 *   const { code, json, messageId } = await endpoint.call('TIMMsgSendMessage', [convId, 1, msgJson]);
 *   await endpoint.dispose();
 * The constructor starts connecting at once (on the next microtask, so a listener subscribed right after
 * sees the first status). Calls made before the connection is up, or while it is being re-established,
 * wait for it, bounded by their timeout (`defaultTimeoutMs`, 30 s, unless the call passes its own; 0
 * means none). The endpoint reports its connection as NetworkStatusListener events (TIMNetworkStatus:
 * 2 connecting, 0 connected, 1 disconnected, 3 connect failed; code 9508 and the reason when down), and
 * a login the server refuses to replay after a reconnect as UserSigExpired. It retries forever with
 * backoff until disposed.
 */
import type {
  TimArg,
  TimCallOptions,
  TimCallResult,
  TimDisposable,
  TimEndpoint,
  TimEvent,
  TimSyncApi,
} from '../../tim/endpoint';
import { TimCode, TimError } from '../../tim/errors';
import type { CallFrame, ProgressFrame, ResultFrame, ServerFrame } from '../protocol';
import { Backoff } from './backoff';
import { MESSAGE_SEND_APIS, inFlightPolicyOf } from './callPolicy';
import { EventSequencer } from './eventSequencer';
import { decodeServerFrame, encodeClientFrame } from './frameCodec';
import { createMessageIdGenerator } from './messageIds';
import type { MessageIdGenerator } from './messageIds';
import { PendingRequests } from './pendingRequests';
import { ReconnectingSocket } from './reconnectingSocket';
import { SessionReplayer } from './sessionReplayer';
import type { SessionChange } from './sessionReplayer';
import { resolveEndpointOptions } from './endpointOptions';
import type { EmulatorConnectOptions, EmulatorEndpointOptions } from './endpointOptions';

export type { EmulatorConnectOptions, EmulatorEndpointOptions } from './endpointOptions';

/**
 * - `connecting`: a socket is being opened.
 * - `restoring`: open; hello sent, the session is being replayed; callers' frames wait.
 * - `open`: frames go straight out.
 * - `waiting`: no socket; the next attempt is scheduled.
 * - `disposed`: final.
 */
export type EmulatorConnectionState = 'connecting' | 'restoring' | 'open' | 'waiting' | 'disposed';

/** ERR_SDK_INTERNAL_ERROR (tim-keys.md): what a call gets when the server's answer to it is malformed. */
const SDK_INTERNAL_ERROR = 7012;

/** TIMNetworkStatus (tim-keys.md). */
const NetworkStatus = { CONNECTED: 0, DISCONNECTED: 1, CONNECTING: 2, CONNECT_FAILED: 3 } as const;

export class EmulatorEndpoint implements TimEndpoint {
  readonly kind = 'emulator' as const;

  private readonly url: string;
  private readonly defaultTimeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly backoff: Backoff;
  private readonly socket: ReconnectingSocket;
  private readonly pending = new PendingRequests();
  private readonly events: EventSequencer;
  private readonly session = new SessionReplayer();
  private readonly nextMessageId: MessageIdGenerator = createMessageIdGenerator();
  private state: EmulatorConnectionState = 'connecting';
  /** Counts opened sockets, so an async replay can tell that its socket has been replaced. */
  private generation = 0;
  private lastProblem = '';
  private readonly readyPromise: Promise<void>;
  private settleReady: { resolve: () => void; reject: (error: TimError) => void } | undefined;
  private disposing: Promise<void> | undefined;

  constructor(endpointOptions: EmulatorEndpointOptions) {
    const options = resolveEndpointOptions(endpointOptions);
    this.url = options.url;
    this.defaultTimeoutMs = options.defaultTimeoutMs;
    this.log = options.log;
    this.events = new EventSequencer(this.log);
    this.backoff = new Backoff(options.reconnect, options.random);
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // Nobody may ever ask for ready(); its rejection at dispose must not count as unhandled.
    this.readyPromise.catch(() => undefined);
    this.socket = new ReconnectingSocket({
      url: this.url,
      WebSocketImpl: options.WebSocketImpl,
      backoff: this.backoff,
      heartbeatMs: options.heartbeatMs,
      openTimeoutMs: options.openTimeoutMs,
      log: this.log,
      handlers: {
        onConnecting: () => this.onConnecting(),
        onOpen: () => this.onOpen(),
        onMessage: (text) => this.onMessage(text),
        onDisconnected: (wasOpen, reason, retryInMs) => this.onDisconnected(wasOpen, reason, retryInMs),
      },
    });
    // Deferred so listeners subscribed right after construction see the first "connecting" too.
    queueMicrotask(() => {
      if (this.state !== 'disposed') {
        this.socket.start();
      }
    });
  }

  /**
   * Creates an endpoint and waits for its first connection (socket open, hello sent, nothing to replay
   * yet). Rejects with
   * ENDPOINT_CLOSED, and disposes the endpoint, when no connection is made within `connectTimeoutMs`.
   */
  static async connect(options: EmulatorConnectOptions): Promise<EmulatorEndpoint> {
    const endpoint = new EmulatorEndpoint(options);
    const timeoutMs = options.connectTimeoutMs ?? endpoint.defaultTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        endpoint.ready(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => {
            const detail = endpoint.lastProblem ? ` (${endpoint.lastProblem})` : '';
            reject(new TimError(TimCode.ENDPOINT_CLOSED, `cannot reach tim-emulator at ${endpoint.url} within ${timeoutMs} ms${detail}`, 'connect'));
          }, timeoutMs);
        }),
      ]);
      return endpoint;
    } catch (error: unknown) {
      await endpoint.dispose();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the first connection is up; rejects with ENDPOINT_CLOSED if disposed before. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  get connectionState(): EmulatorConnectionState {
    return this.state;
  }

  /** The resume position announced in the next hello. */
  get lastEventSeq(): number {
    return this.events.lastSeq;
  }

  call(api: string, args: readonly TimArg[], options?: TimCallOptions): Promise<TimCallResult> {
    const messageId = MESSAGE_SEND_APIS.has(api) ? this.nextMessageId() : undefined;
    const onProgress = options?.onProgress;
    const frame: CallFrame = {
      type: 'call',
      id: this.pending.allocateId(),
      api,
      args: [...args],
      ...(messageId ? { messageId } : {}),
      ...(onProgress ? { progress: true } : {}),
    };
    return this.submit(frame, options?.timeoutMs, onProgress).then((result) => {
      if (result.syncError) {
        throw new TimError(result.code, result.desc, api, result.json);
      }
      const answeredId = result.messageId ?? messageId;
      return {
        code: result.code,
        desc: result.desc,
        json: result.json,
        ...(answeredId !== undefined ? { messageId: answeredId } : {}),
      };
    });
  }

  callSync(api: TimSyncApi, args: readonly TimArg[]): Promise<string | number | bigint> {
    const frame: CallFrame = { type: 'call', id: this.pending.allocateId(), api, args: [...args], sync: true };
    return this.submit(frame, undefined).then((result) => {
      if (result.syncError) {
        throw new TimError(result.code, result.desc, api, result.json);
      }
      // For TIMInit, TIMUninit, TIMConvSetDraft and TIMConvCancelDraft the return value is the TIMResult itself.
      return result.value ?? result.code;
    });
  }

  onEvent(listener: (event: TimEvent) => void): TimDisposable {
    return this.events.subscribe(listener);
  }

  dispose(): Promise<void> {
    if (this.disposing) {
      return this.disposing;
    }
    this.state = 'disposed';
    const closed = (api: string): TimError => new TimError(TimCode.ENDPOINT_CLOSED, 'the emulator endpoint was disposed', api);
    this.settleReady?.reject(closed('connect'));
    this.settleReady = undefined;
    this.pending.rejectAll(closed);
    this.events.stop();
    this.disposing = this.socket.dispose();
    return this.disposing;
  }

  /** Queues a frame; it goes out now when the connection is open, otherwise after the next replay. */
  private submit(frame: CallFrame, timeoutMs: number | undefined, onProgress?: TimCallOptions['onProgress']): Promise<ResultFrame> {
    if (this.state === 'disposed') {
      return Promise.reject(new TimError(TimCode.ENDPOINT_CLOSED, 'the emulator endpoint was disposed', frame.api));
    }
    let text: string;
    try {
      text = encodeClientFrame(frame);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      return Promise.reject(new TimError(TimCode.INVALID_PARAMETERS, `arguments cannot be encoded: ${reason}`, frame.api));
    }
    const result = this.pending.add(
      { frame, text, policy: inFlightPolicyOf(frame.api), internal: false, ...(onProgress ? { onProgress } : {}) },
      timeoutMs ?? this.defaultTimeoutMs,
    );
    if (this.state === 'open') {
      this.write(frame.id);
    }
    return result;
  }

  /** A call of the endpoint's own (session replay): written at once, never queued behind callers. */
  private internalCall(api: string, args: readonly TimArg[], sync: boolean): Promise<ResultFrame> {
    const frame: CallFrame = { type: 'call', id: this.pending.allocateId(), api, args: [...args], ...(sync ? { sync } : {}) };
    // 'reject': if this socket dies mid-replay the whole replay starts over on the next one.
    const result = this.pending.add({ frame, text: encodeClientFrame(frame), policy: 'reject', internal: true }, this.defaultTimeoutMs);
    this.write(frame.id);
    return result;
  }

  private write(id: number): boolean {
    const request = this.pending.get(id);
    if (!request || !this.socket.send(request.text)) {
      return false;
    }
    request.sent = true;
    return true;
  }

  private onConnecting(): void {
    this.state = 'connecting';
    this.events.emitLocal(networkStatus(NetworkStatus.CONNECTING, 0, `connecting to ${this.url}`));
  }

  private onOpen(): void {
    const generation = ++this.generation;
    this.state = 'restoring';
    // The server replays the device's events after this seq once the login is back (see HelloFrame);
    // `resume` tells it that a 0 here is a position, not "new client".
    const resume = this.session.hasLogin;
    this.socket.send(encodeClientFrame({ type: 'hello', protocol: 1, lastEventSeq: this.events.lastSeq, ...(resume ? { resume } : {}) }));
    void this.restore(generation);
  }

  private async restore(generation: number): Promise<void> {
    try {
      const outcome = await this.session.replay((call) => this.internalCall(call.api, call.args, call.sync));
      if (generation !== this.generation || this.state !== 'restoring') {
        return;
      }
      this.state = 'open';
      this.backoff.reset();
      this.lastProblem = '';
      // Waiting calls go out before anyone hears "connected", so a listener's new call cannot
      // overtake them.
      this.flush();
      this.settleReady?.resolve();
      this.settleReady = undefined;
      this.events.emitLocal(networkStatus(NetworkStatus.CONNECTED, 0, ''));
      if (outcome.kind === 'refused') {
        this.log(`emulator endpoint: replaying ${outcome.api} after a reconnect was refused: ${outcome.code} ${outcome.desc}`);
        if (outcome.api === 'TIMLogin' && this.state === 'open') {
          // The SDK's way of saying "log in again with a fresh UserSig"; the old login is forgotten.
          this.events.resetTo(0);
          this.events.emitLocal({ name: 'UserSigExpired' });
        }
      }
    } catch (error: unknown) {
      if (generation !== this.generation || this.state !== 'restoring') {
        return;
      }
      // Replay timed out on a socket that is still up: the connection is useless, start over.
      const reason = error instanceof Error ? error.message : String(error);
      this.socket.recycle(`session replay failed: ${reason}`);
    }
  }

  /** Sends every waiting call, oldest first: resent message sends, retried reads, then new calls. */
  private flush(): void {
    for (const request of this.pending.unsent()) {
      if (!this.write(request.frame.id)) {
        return;
      }
    }
  }

  private onMessage(text: string): void {
    const decoded = decodeServerFrame(text);
    if (!decoded.ok) {
      this.log(`emulator endpoint: ignored a bad frame from the server: ${decoded.reason}: ${text.slice(0, 200)}`);
      const request = decoded.id !== undefined ? this.pending.get(decoded.id) : undefined;
      if (request?.sent) {
        // Its real answer is not coming: fail the call now rather than at its timeout.
        this.pending.reject(request.frame.id, new TimError(SDK_INTERNAL_ERROR, `malformed answer from tim-emulator: ${decoded.reason}`, request.frame.api));
      }
      return;
    }
    this.handleFrame(decoded.frame);
  }

  private handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'result':
        this.handleResult(frame);
        return;
      case 'progress':
        this.handleProgress(frame);
        return;
      case 'event':
        this.events.accept(frame.seq, frame.event);
        if (frame.event.name === 'KickedOffline' || frame.event.name === 'UserSigExpired') {
          // The login is over on the server's word; a later login starts from its own eventSeq.
          this.session.forgetLogin();
          this.events.resetTo(0);
        }
        return;
      case 'error': {
        const request = frame.id !== undefined ? this.pending.get(frame.id) : undefined;
        if (request?.sent) {
          this.pending.reject(request.frame.id, new TimError(frame.code, frame.desc, request.frame.api));
        } else {
          this.log(`emulator endpoint: server error ${frame.code}: ${frame.desc}`);
        }
        return;
      }
    }
  }

  private handleResult(frame: ResultFrame): void {
    const request = this.pending.get(frame.id);
    // Not sent on this socket: a duplicate, an answer to a call that already timed out, or an id the
    // server made up. Answering it could settle the wrong call or settle one twice.
    if (!request?.sent) {
      this.log(`emulator endpoint: ignored a result for request ${frame.id}, which is not awaiting one`);
      return;
    }
    if (!request.internal) {
      this.applySessionChange(this.session.observe(request.frame, frame));
    }
    this.pending.resolve(frame.id, frame);
  }

  // Frames arrive in order and the result settles the call, so every report reaches the listener
  // before the call's promise settles.
  private handleProgress(frame: ProgressFrame): void {
    const request = this.pending.get(frame.id);
    if (!request?.sent || request.onProgress === undefined) {
      return; // the call is over (or never asked): a late report is no use to anyone
    }
    try {
      request.onProgress({ desc: frame.desc, json: frame.json });
    } catch (error: unknown) {
      this.log(`emulator endpoint: a progress listener of ${request.frame.api} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private applySessionChange(change: SessionChange): void {
    switch (change.kind) {
      case 'login':
        // Switching users starts the new device's numbering. Otherwise every event delivered since the
        // stream last ended is this device's, possibly newer than the login's eventSeq (pushed while
        // the result was on its way): never step backwards, or a replay would deliver them twice.
        this.events.resetTo(change.switchedUser ? change.eventSeq ?? 0 : Math.max(this.events.lastSeq, change.eventSeq ?? 0));
        return;
      case 'ended':
        this.events.resetTo(0);
        return;
      case 'none':
        return;
    }
  }

  private onDisconnected(wasOpen: boolean, reason: string, retryInMs: number): void {
    this.state = 'waiting';
    this.lastProblem = reason;
    this.pending.connectionLost(reason);
    this.events.emitLocal(
      networkStatus(
        wasOpen ? NetworkStatus.DISCONNECTED : NetworkStatus.CONNECT_FAILED,
        TimCode.ENDPOINT_CLOSED,
        `${reason}; retrying in ${retryInMs} ms`,
      ),
    );
  }
}

function networkStatus(status: number, code: number, desc: string): TimEvent {
  return { name: 'NetworkStatusListener', status, code, desc };
}
