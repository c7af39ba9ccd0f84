/**
 * The seam between the engine-independent TIM client and the two engines that implement the TIM C API:
 * koffi over libImSDK (`src/native`) and a WebSocket to tim-emulator (`src/emulator`).
 *
 * An endpoint speaks the C API itself: a function name, its arguments in C order without the trailing
 * callback and user_data, and the callback's `{code, desc, json}`. Everything above this interface is
 * written once and works on both engines.
 */

/** An argument as the C function takes it: strings (`const char*`, JSON already encoded), numbers (enums,
 *  int32/uint32), bigint or number (uint64_t) and booleans. */
export type TimArg = string | number | bigint | boolean;

/** What a TIMCommCallback delivered (or what the endpoint synthesised for an immediate failure). */
export interface TimCallResult {
  /** TIM error code, 0 on success. */
  readonly code: number;
  readonly desc: string;
  /** The callback's `json_params`, unparsed (parse it with `src/tim/json.ts`, which keeps uint64 exact). */
  readonly json: string;
  /** `TIMMsgSendMessage` only: the message id the SDK wrote into the caller's buffer before returning. */
  readonly messageId?: string;
}

/**
 * A TIMCommCallback call that is not the result: code 0, the SDK calls back again later.
 * TIMMsgDownloadElemToPath is the one function that does this (desc "downloading", see
 * `downloadProgress.ts`); its json has the same keys as the final result.
 */
export interface TimCallProgress {
  readonly desc: string;
  /** The callback's `json_params`, unparsed. */
  readonly json: string;
}

/** Per-call options. */
export interface TimCallOptions {
  /** Reject with ERR_TIMEOUT (see `src/tim/errors.ts`) when no answer arrives in time. */
  readonly timeoutMs?: number;
  /**
   * Receives the call's progress callbacks in order, each before the promise settles, never after.
   * Without it the engine drops them (the result contract is the same either way). A listener that
   * throws is reported like an engine-internal error and does not affect the call.
   */
  readonly onProgress?: (progress: TimCallProgress) => void;
}

/**
 * Functions that return their answer synchronously (no callback). `callSync` returns the C return value
 * as JSON-compatible data: the string for TIMGetSDKVersion / TIMGetLoginUserID, the number (or bigint)
 * for TIMGetServerTime / TIMGetLoginStatus, the TIMResult int for TIMInit / TIMUninit /
 * TIMConvSetDraft / TIMConvCancelDraft.
 */
export type TimSyncApi =
  | 'TIMInit'
  | 'TIMUninit'
  | 'TIMGetSDKVersion'
  | 'TIMGetServerTime'
  | 'TIMGetLoginUserID'
  | 'TIMGetLoginStatus'
  | 'TIMConvSetDraft'
  | 'TIMConvCancelDraft';

/**
 * Events pushed by the engine, named after the listener they come from (the C setter's name without
 * `TIMSet`/`TIMAdd` and without `Callback`), carrying the listener's arguments except user_data.
 */
export type TimEvent =
  | { readonly name: 'RecvNewMsg'; readonly json: string }
  | { readonly name: 'MsgUpdate'; readonly json: string }
  | { readonly name: 'MsgRevoke'; readonly json: string }
  | { readonly name: 'MsgReadedReceipt'; readonly json: string }
  | { readonly name: 'MsgReactionsChanged'; readonly json: string }
  | { readonly name: 'SelfInfoUpdated'; readonly json: string }
  | { readonly name: 'UserStatusChanged'; readonly json: string }
  | { readonly name: 'OnAddFriend'; readonly json: string }
  | { readonly name: 'OnDeleteFriend'; readonly json: string }
  | { readonly name: 'UpdateFriendProfile'; readonly json: string }
  | { readonly name: 'FriendAddRequest'; readonly json: string }
  | { readonly name: 'FriendApplicationListDeleted'; readonly json: string }
  | { readonly name: 'FriendApplicationListRead' }
  | { readonly name: 'FriendBlackListAdded'; readonly json: string }
  | { readonly name: 'FriendBlackListDeleted'; readonly json: string }
  | { readonly name: 'MsgGroupPinnedMessageChanged'; readonly groupId: string; readonly json: string; readonly isPinned: boolean; readonly opUser: string }
  | { readonly name: 'MsgElemUploadProgress'; readonly json: string; readonly index: number; readonly cur: number; readonly total: number }
  | { readonly name: 'ConvEvent'; readonly event: number; readonly json: string }
  | { readonly name: 'ConvTotalUnreadMessageCountChanged'; readonly total: number }
  | { readonly name: 'NetworkStatusListener'; readonly status: number; readonly code: number; readonly desc: string }
  | { readonly name: 'KickedOffline' }
  | { readonly name: 'UserSigExpired' };

export type TimEventName = TimEvent['name'];

/** Something that can be released; matches vscode.Disposable structurally without importing vscode. */
export interface TimDisposable {
  dispose(): void;
}

export interface TimEndpoint {
  /** Which engine this is, for logs and for the few places where the engines differ (e.g. local paths). */
  readonly kind: 'native' | 'emulator';
  /**
   * Calls a TIM C function that answers through a TIMCommCallback. Resolves with the callback's result,
   * whatever its code (the typed client turns non-zero codes into TimError). Rejects with a TimError when
   * the function returned non-zero synchronously (-3 bad JSON, -4 bad parameter, ...), on timeout, and
   * for every pending call when the endpoint is uninitialised or disposed.
   */
  call(api: string, args: readonly TimArg[], options?: TimCallOptions): Promise<TimCallResult>;
  /** Calls a synchronous TIM function (see TimSyncApi). */
  callSync(api: TimSyncApi, args: readonly TimArg[]): Promise<string | number | bigint>;
  /** Subscribes to pushed events; the endpoint delivers them in the order the engine produced them. */
  onEvent(listener: (event: TimEvent) => void): TimDisposable;
  /** Rejects every pending call, stops events and releases the engine. Safe to call twice. */
  dispose(): Promise<void>;
}
