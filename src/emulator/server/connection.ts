/**
 * One WebSocket connection: reads frames (a bad frame or bad JSON gets an error frame with a TIM code,
 * never a crash), keeps the session (init, login, device), runs calls and writes their results, and is
 * the push target of its device's events.
 */
import type { TimArg } from '../../tim/endpoint';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import type { CallFrame, ErrorFrame, ServerFrame } from '../protocol';
import { Err } from './apiError';
import type { Ctx, Emulator, Session } from './context';
import { stopUserSigExpiry } from './auth';
import { dispatch } from './dispatch';
import { type OutFrame, resultFrame } from './frameText';
import type { FrameSocket } from './socketHost';

const MAX_ARGS = 16;
const MAX_API_NAME = 128;

function isTimArg(value: unknown): value is TimArg {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));
}

function hasRoundedArg(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const args = (value as { args?: unknown }).args;
  return Array.isArray(args) && args.some((arg) => typeof arg === 'number' && Number.isInteger(arg) && !Number.isSafeInteger(arg));
}

type Parsed = { kind: 'hello'; lastEventSeq: number; resume: boolean; protocol: unknown } | { kind: 'call'; frame: CallFrame } | { kind: 'error'; error: ErrorFrame };

/** Validates a client frame; exported for the tests of bad frames. */
export function parseClientFrame(text: string): Parsed {
  let value: unknown;
  try {
    // Frames carry their JSON arguments as strings, so an unsafe integer can only be a top-level
    // argument: parse fast, and losslessly again only when JSON.parse rounded one.
    value = JSON.parse(text) as unknown;
    if (hasRoundedArg(value)) {
      value = parseTimJson(text);
    }
  } catch {
    return { kind: 'error', error: { type: 'error', code: Err.INVALID_JSON, desc: 'frame is not valid JSON' } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'error', error: { type: 'error', code: Err.INVALID_PARAMETERS, desc: 'frame must be a JSON object' } };
  }
  const frame = value as Record<string, unknown>;
  const rawId = frame.id;
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId >= 0 ? rawId : undefined;
  const bad = (desc: string): Parsed => ({ kind: 'error', error: { type: 'error', code: Err.INVALID_PARAMETERS, desc, ...(id === undefined ? {} : { id }) } });
  if (frame.type === 'hello') {
    const seq = frame.lastEventSeq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
      return bad('hello.lastEventSeq must be a non-negative integer');
    }
    return { kind: 'hello', lastEventSeq: seq, resume: frame.resume === true, protocol: frame.protocol };
  }
  if (frame.type !== 'call') {
    return bad('frame type must be "hello" or "call"');
  }
  if (id === undefined) {
    return bad('call.id must be a non-negative integer');
  }
  if (typeof frame.api !== 'string' || frame.api.length === 0 || frame.api.length > MAX_API_NAME) {
    return bad('call.api must name a TIM C function');
  }
  if (!Array.isArray(frame.args) || frame.args.length > MAX_ARGS || !frame.args.every(isTimArg)) {
    return bad('call.args must be an array of strings, numbers and booleans');
  }
  if (frame.sync !== undefined && typeof frame.sync !== 'boolean') {
    return bad('call.sync must be a boolean');
  }
  if (frame.messageId !== undefined && typeof frame.messageId !== 'string') {
    return bad('call.messageId must be a string');
  }
  if (frame.progress !== undefined && typeof frame.progress !== 'boolean') {
    return bad('call.progress must be a boolean');
  }
  return {
    kind: 'call',
    frame: {
      type: 'call',
      id,
      api: frame.api,
      args: frame.args,
      ...(frame.sync === undefined ? {} : { sync: frame.sync }),
      ...(frame.messageId === undefined ? {} : { messageId: frame.messageId }),
      ...(frame.progress === true ? { progress: true } : {}),
    },
  };
}

export class Connection {
  readonly session: Session;
  private closed = false;
  /** Frames waiting for the commits before them to be synced (sendFrame). */
  private held: OutFrame[] | undefined;

  constructor(
    private readonly emu: Emulator,
    private readonly socket: FrameSocket,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    const sink = {
      pushFrame: (frame: OutFrame): void => this.sendFrame(frame),
      kick: (): void => {
        // After the frames held back for durability (the KickedOffline event among them) have left.
        this.emu.queue.whenDurable(() => setTimeout(() => this.socket.close(4001, 'kicked offline'), 10));
      },
    };
    this.session = {
      initialized: false,
      sdkAppId: 0,
      configPath: '',
      loginStatus: 3,
      userId: '',
      deviceId: 0,
      lastEventSeq: 0,
      resume: false,
      sink,
      kick: sink.kick,
    };
    socket.onFrame((text) => {
      if (text === undefined) {
        this.send({ type: 'error', code: Err.INVALID_PARAMETERS, desc: 'binary frames are not part of the protocol' });
        return;
      }
      this.onText(text);
    });
    socket.onClose(() => this.handleClose());
  }

  private onText(text: string): void {
    const parsed = parseClientFrame(text);
    if (parsed.kind === 'error') {
      this.send(parsed.error);
      return;
    }
    if (parsed.kind === 'hello') {
      if (parsed.protocol !== 1) {
        this.send({ type: 'error', code: Err.INTERFACE_NOT_SUPPORT, desc: `protocol ${String(parsed.protocol)} is not supported; this server speaks 1` });
        return;
      }
      this.session.lastEventSeq = parsed.lastEventSeq;
      this.session.resume = parsed.resume;
      return;
    }
    const { id, api, messageId, progress } = parsed.frame;
    const ctx: Ctx = {
      emu: this.emu,
      session: this.session,
      api,
      ...(messageId === undefined ? {} : { messageId }),
      // Only a caller that asked gets progress frames: older clients would log each as a bad frame.
      ...(progress === true ? { progress: (desc: string, json: string) => this.send({ type: 'progress', id, desc, json }) } : {}),
    };
    void dispatch(ctx, parsed.frame).then((result) => this.send(result));
  }

  send(frame: ServerFrame): void {
    const written = frame.type === 'result' ? resultFrame(frame) : undefined;
    if (written !== undefined) {
      this.sendFrame(written);
      return;
    }
    // Result frames carry JSON as strings; only `value` could be a bigint.
    this.sendFrame(typeof (frame as { value?: unknown }).value === 'bigint' ? stringifyTimJson(frame) : JSON.stringify(frame));
  }

  /**
   * Writes a frame, or holds it back (with every later one, in order) while a group commit is not yet
   * on disk: nothing a client receives may reflect a commit that a power loss could still undo
   * (durability 'full' syncs off the event loop, see walSync.ts).
   */
  sendFrame(frame: OutFrame): void {
    if (this.held !== undefined) {
      this.held.push(frame);
      return;
    }
    if (!this.emu.queue.durable) {
      this.held = [frame];
      this.emu.queue.whenDurable((error) => this.releaseHeld(error));
      return;
    }
    this.write(frame);
  }

  private releaseHeld(error: Error | undefined): void {
    const held = this.held ?? [];
    this.held = undefined;
    if (error !== undefined) {
      // The commits these frames reflect may not survive a power loss: the client reconnects, resends
      // what was not acknowledged (answered from the store by message id) and replays its events.
      this.socket.terminate();
      return;
    }
    for (const frame of held) {
      this.write(frame);
    }
  }

  private write(frame: OutFrame): void {
    if (!this.closed && this.socket.open) {
      if (typeof frame === 'string') {
        this.socket.sendText(frame);
      } else {
        this.socket.sendSpliced(frame);
      }
    }
  }

  private handleClose(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.session.closed = true;
    stopUserSigExpiry(this.session);
    // The device stays logged in: its events are kept and replayed when it reconnects.
    const device = this.session.deviceId;
    if (device !== 0 && this.emu.hub.sinkOf(device) === this.session.sink) {
      const user = this.session.userId;
      const { statuses } = this.emu;
      statuses.remember(user);
      this.emu.hub.bindSink(device, undefined);
      // The user's last connected device going makes them Offline: their subscribers are told (userStatus.ts).
      void this.emu.queue.enqueue(() => statuses.refresh(user)).catch(() => undefined);
    }
    this.onClosed(this);
  }

  terminate(): void {
    this.socket.terminate();
  }
}

