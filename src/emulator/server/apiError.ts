/**
 * How a handler fails: an ApiError carries the TIM code and description the callback would deliver, or,
 * with `sync`, the TIMResult the C function itself would return (-3 bad JSON, -4 bad parameter ...),
 * in which case the real SDK never fires the callback.
 */
import { TimResult } from '../../tim/errors';

/** TIM error codes the emulator answers with (see tim-keys.md; group codes from TIMErrorCode.h). */
export const Err = {
  NOT_INITIALIZED: 6013,
  NOT_LOGGED_IN: 6014,
  INVALID_PARAMETERS: 6017,
  INVALID_MSG_ELEM: 6016,
  INVALID_JSON: 6027,
  INVALID_CONVERSATION: 6004,
  FILE_TRANS_DOWNLOAD_FAILED: 6009,
  IO_OPERATION_FAILED: 6022,
  FILE_NOT_FOUND: 7004,
  FILE_TOO_LARGE: 7005,
  FILE_SIZE_EMPTY: 7006,
  FREQUENCY_LIMIT: 7008,
  DATABASE_NOTFOUND: 7011,
  INTERNAL_ERROR: 7012,
  INTERFACE_NOT_SUPPORT: 7013,
  INVALID_OPERATION: 7014,
  LOGIN_IN_PROCESS: 7501,
  MERGER_LAYERS_OVER_LIMIT: 8005,
  MSG_MODIFY_CONFLICT: 8006,
  INVALID_CANCEL_MESSAGE: 8020,
  SEND_FAILED_WITH_CANCEL: 8021,
  SDKAPPID_NOT_FOUND: 70020,
  MSG_INVALID_ID: 20003,
  /** ERR_SVR_MSG_IN_PEER_BLACKLIST: the C2C receiver blocked the sender (blocklist.ts). */
  MSG_IN_PEER_BLACKLIST: 20007,
  REVOKE_TIME_LIMIT: 20016,
  BODY_SIZE_LIMIT: 80002,
  REACTION_COUNT_LIMIT: 23005,
  REACTION_USER_COUNT_LIMIT: 23006,
  REACTION_ALREADY_CONTAIN_USER: 23007,
  REACTION_NOT_EXISTS: 23008,
  REACTION_NOT_CONTAIN_USER: 23009,
  GROUP_INVALID_PARAMETERS: 10004,
  GROUP_PERMISSION_DENY: 10007,
  GROUP_OWNER_NOT_ALLOW_QUIT: 10009,
  GROUP_NOT_FOUND: 10010,
  /** ERR_SVR_GROUP_SHUTUP_DENY: a group send by a muted member, or by a normal member of a group muted for everyone (groupMute.ts). */
  GROUP_SHUTUP_DENY: 10017,
  GROUP_ALREADY_MEMBER: 10013,
  GROUP_FULL: 10014,
  GROUP_INVALID_GROUPID: 10015,
  GROUP_ID_IN_USE: 10021,
  /** ERR_SVR_GROUP_REQ_ALLREADY_BEEN_PROCESSED: a join request someone already accepted or refused. */
  GROUP_REQ_ALREADY_PROCESSED: 10024,
  GROUP_PINNED_MESSAGE_COUNT_LIMIT: 10070,
  GROUP_MESSAGE_ALREADY_PINNED: 10071,
  // The SDK's own checks of friend fields (TIMErrorCode.h 9001-9005), made before anything is sent.
  /** ERR_SDK_FRIENDSHIP_INVALID_PROFILE_KEY: a friend custom field's key or value (friendArgs.ts). */
  FRIENDSHIP_INVALID_PROFILE_KEY: 9001,
  /** ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK: a remark over 96 bytes. */
  FRIENDSHIP_INVALID_ADD_REMARK: 9002,
  /** ERR_SDK_FRIENDSHIP_INVALID_ADD_WORDING: a request's message over 120 bytes. */
  FRIENDSHIP_INVALID_ADD_WORDING: 9003,
  /** ERR_SDK_FRIENDSHIP_INVALID_ADD_SOURCE: a request's source without the AddSource_Type_ prefix. */
  FRIENDSHIP_INVALID_ADD_SOURCE: 9004,
  /** ERR_SDK_FRIENDSHIP_FRIEND_GROUP_EMPTY: a friend list name empty or over 30 bytes. */
  FRIENDSHIP_FRIEND_GROUP_EMPTY: 9005,
  // The relationship chain's per-user results (FriendResult) and failures (blocklist.ts, friends.ts, friendRequests.ts).
  FRIENDSHIP_INVALID_PARAMETERS: 30001,
  FRIENDSHIP_ACCOUNT_NOT_FOUND: 30003,
  /** ERR_SVR_FRIENDSHIP_COUNT_LIMIT: the caller's friend list is full. */
  FRIENDSHIP_COUNT_LIMIT: 30010,
  /** ERR_SVR_FRIENDSHIP_PENDENCY_LIMIT: too many requests waiting (sent by the caller, or for the other user). */
  FRIENDSHIP_PENDENCY_LIMIT: 30012,
  FRIENDSHIP_BLACKLIST_LIMIT: 30013,
  /** ERR_SVR_FRIENDSHIP_PEER_FRIEND_LIMIT: the other user's friend list is full. */
  FRIENDSHIP_PEER_FRIEND_LIMIT: 30014,
  FRIENDSHIP_ALREADY_FRIENDS: 30015,
  /** ERR_SVR_FRIENDSHIP_IN_SELF_BLACKLIST: the other user is on the caller's blocklist. */
  FRIENDSHIP_IN_SELF_BLACKLIST: 30515,
  FRIENDSHIP_ALLOW_TYPE_DENY_ANY: 30516,
  /** ERR_SVR_FRIENDSHIP_IN_PEER_BLACKLIST: the caller is on the other user's blocklist. */
  FRIENDSHIP_IN_PEER_BLACKLIST: 30525,
  /** ERR_SVR_FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM: not a failure, the request waits for the other user. */
  FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM: 30539,
  FRIENDSHIP_PENDENCY_NOT_FOUND: 30614,
  /** ERR_SVR_FRIENDSHIP_DEL_NONFRIEND: no friendship with the account (deleting, or changing, a non-friend). */
  FRIENDSHIP_DEL_NONFRIEND: 31704,
} as const;

/** TIMResult values returned synchronously by the C functions (the client's own table). */
export const SyncResult = TimResult;

export class ApiError extends Error {
  readonly code: number;
  readonly desc: string;
  /** True when the C function itself would have returned `code` (no callback). */
  readonly sync: boolean;
  /** Callback JSON to deliver with the failure (send delivers the failed message). */
  readonly json: string;

  constructor(code: number, desc: string, options: { sync?: boolean; json?: string } = {}) {
    super(`${code} ${desc}`);
    this.name = 'ApiError';
    this.code = code;
    this.desc = desc;
    this.sync = options.sync ?? false;
    this.json = options.json ?? '';
  }
}

export function invalidParam(desc: string): ApiError {
  return new ApiError(Err.INVALID_PARAMETERS, desc);
}

export function syncParamError(desc: string): ApiError {
  return new ApiError(SyncResult.ERR_PARAM, desc, { sync: true });
}
