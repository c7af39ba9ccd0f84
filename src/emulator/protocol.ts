/**
 * The wire protocol between the emulator endpoint (`src/emulator/client`) and tim-emulator
 * (`src/emulator/server`): the TIM C API carried over WebSocket text frames. Documented for people in
 * docs/emulator-protocol.md; this file is the contract both sides compile against.
 *
 * Frames are JSON objects encoded with `src/tim/json.ts` (so uint64 values stay exact: a bigint is
 * written as a bare JSON number and read back as a bigint when it exceeds 2^53).
 */
import type { TimArg, TimEvent } from '../tim/endpoint';

/** Sent once by the client right after the socket opens, and again after each reconnect. */
export interface HelloFrame {
  readonly type: 'hello';
  /** Protocol version the client speaks; the server refuses other majors with an error frame. */
  readonly protocol: 1;
  /**
   * The last event sequence number this client has delivered for its device, or 0. After a reconnect
   * the server replays every event of the device with a greater `seq` before any new one.
   */
  readonly lastEventSeq: number;
  /**
   * Optional (added by the client endpoint; older clients omit it): true when the client is resuming a
   * login it had on an earlier socket, so `lastEventSeq` is a real position even when it is 0 (a device
   * whose login answered `eventSeq: 0` and that has received nothing since). The server replays events
   * after `lastEventSeq` once the login is replayed when `resume` is true, or when `lastEventSeq > 0`;
   * a client without a position (first connection) omits it and gets no replay of old events.
   */
  readonly resume?: boolean;
}

/** A TIM C API call. */
export interface CallFrame {
  readonly type: 'call';
  /** Client-chosen request id, unique on this connection; echoed in the result. */
  readonly id: number;
  /** The C function name, e.g. "TIMMsgSendMessage". */
  readonly api: string;
  /** The C arguments in order, without the callback and user_data. */
  readonly args: readonly TimArg[];
  /** True for functions that answer synchronously (see TimSyncApi): the result carries `value`. */
  readonly sync?: boolean;
  /**
   * TIMMsgSendMessage / TIMMsgSendNewMsg: the message id the client chose, so a send resent after a
   * reconnect is stored once (the server answers a repeated id with the stored message).
   */
  readonly messageId?: string;
  /**
   * Optional (older clients omit it, older servers ignore it): the caller listens to progress, so the
   * server may send ProgressFrames for this id before its result. Opt-in so that a client that does
   * not know the frame never receives it.
   */
  readonly progress?: boolean;
}

/** The answer to one CallFrame. */
export interface ResultFrame {
  readonly type: 'result';
  readonly id: number;
  /** The TIMCommCallback's code (0 ok), or the synchronous TIMResult when `sync` failed (-3, -4 ...). */
  readonly code: number;
  readonly desc: string;
  /** The callback's json_params (a JSON string, possibly empty). */
  readonly json: string;
  /** For TIMMsgSendMessage: the message id ("written into the buffer"). */
  readonly messageId?: string;
  /** For sync calls: the C return value. */
  readonly value?: string | number | bigint;
  /**
   * True when the C function itself returned non-zero (the callback would not have fired on the real
   * SDK): the client rejects the call with `code` as the TIMResult.
   */
  readonly syncError?: boolean;
  /**
   * Optional, TIMLogin only (added by the client endpoint; older servers may omit it): the device's
   * latest event `seq` at the moment the login completed. A client that logs in afresh has no position
   * in the device's event stream yet; it takes this as its `lastEventSeq`, so a disconnect before its
   * first event still resumes without losing events. Without it the client starts from 0.
   */
  readonly eventSeq?: number;
}

/**
 * A callback call before the result of a call that asked for progress (CallFrame.progress):
 * TIMMsgDownloadElemToPath's code-0 "downloading" reports, with the SDK's desc and json
 * (`{msg_download_elem_result_current_size, msg_download_elem_result_total_size}`). Never stored or
 * replayed; all of a call's progress frames precede its result on the same socket.
 */
export interface ProgressFrame {
  readonly type: 'progress';
  readonly id: number;
  readonly desc: string;
  readonly json: string;
}

/** A listener event, numbered per device so a reconnecting client can resume without gaps. */
export interface EventFrame {
  readonly type: 'event';
  /** Per-device, strictly increasing; 0 for connection-scoped events that are never replayed. */
  readonly seq: number;
  readonly event: TimEvent;
}

/** A protocol-level failure not tied to a call (bad frame, unsupported protocol). */
export interface ErrorFrame {
  readonly type: 'error';
  readonly code: number;
  readonly desc: string;
  /** The offending request id when one could be read. */
  readonly id?: number;
}

export type ClientFrame = HelloFrame | CallFrame;
export type ServerFrame = ResultFrame | ProgressFrame | EventFrame | ErrorFrame;

/** Default port of a local tim-emulator. */
export const DEFAULT_EMULATOR_PORT = 8519;
