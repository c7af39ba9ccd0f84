/**
 * The C surface the typed client uses: every TIM function it calls with the kinds of its arguments in
 * C order (without the trailing callback and user_data), and every listener it subscribes to. The
 * native prototype table and the emulator are checked against these tables in tests, and the client's
 * own calls are type-checked against them.
 */
import type { TimEventName, TimSyncApi } from './endpoint';
import { isUint64, type Uint64 } from './json';

/**
 * How an argument crosses the seam: `string` a plain `const char*`, `json` a `const char*` holding
 * JSON (encoded with stringifyTimJson), `int` an enum or 32-bit integer, `uint64` a uint64_t (number or
 * bigint), `bool` a C bool.
 */
export type TimArgKind = 'string' | 'json' | 'int' | 'uint64' | 'bool';

/** The JS value each argument kind takes. */
export interface TimArgKindValue {
  string: string;
  json: string;
  int: number;
  uint64: Uint64;
  bool: boolean;
}

interface CallbackApiSpec {
  readonly args: readonly TimArgKind[];
}

interface SyncApiSpec extends CallbackApiSpec {
  /** `result`: a TIMResult (0 ok); `string`, `uint64`: the value; `int`: an enum value. */
  readonly returns: 'result' | 'string' | 'uint64' | 'int';
}

/** Functions answering through a TIMCommCallback, called with `endpoint.call`. */
export const TIM_CALLBACK_APIS = {
  // TIMManager.h
  TIMSetConfig: { args: ['json'] },
  TIMLogin: { args: ['string', 'string'] },
  TIMLogout: { args: [] },
  TIMProfileGetUserProfileList: { args: ['json'] },
  TIMProfileModifySelfUserProfile: { args: ['json'] },
  // TIMMessageManager.h: the 22 seed functions. TIMMsgSendMessage's message_id_buffer is the
  // endpoint's business: it comes back as TimCallResult.messageId.
  TIMMsgSendMessage: { args: ['string', 'int', 'json'] },
  TIMMsgSendNewMsg: { args: ['string', 'int', 'json'] },
  TIMMsgCancelSend: { args: ['string', 'int', 'string'] },
  TIMMsgFindMessages: { args: ['json'] },
  TIMMsgReportReaded: { args: ['string', 'int', 'json'] },
  TIMMsgMarkAllMessageAsRead: { args: [] },
  TIMMsgRevoke: { args: ['string', 'int', 'json'] },
  TIMMsgFindByMsgLocatorList: { args: ['string', 'int', 'json'] },
  TIMMsgImportMsgList: { args: ['string', 'int', 'json'] },
  TIMMsgSaveMsg: { args: ['string', 'int', 'json'] },
  TIMMsgGetMsgList: { args: ['string', 'int', 'json'] },
  TIMMsgDelete: { args: ['string', 'int', 'json'] },
  TIMMsgListDelete: { args: ['string', 'int', 'json'] },
  TIMMsgClearHistoryMessage: { args: ['string', 'int'] },
  TIMMsgSetC2CReceiveMessageOpt: { args: ['json', 'int'] },
  TIMMsgGetC2CReceiveMessageOpt: { args: ['json'] },
  TIMMsgSetGroupReceiveMessageOpt: { args: ['string', 'int'] },
  TIMMsgDownloadElemToPath: { args: ['json', 'string'] },
  TIMMsgDownloadMergerMessage: { args: ['json'] },
  TIMMsgSearchLocalMessages: { args: ['json'] },
  TIMMsgSetLocalCustomData: { args: ['json'] },
  TIMMsgBatchSend: { args: ['json'] },
  // Beyond the seed: editing a sent message (text, custom elements, cloud custom data).
  TIMMsgModifyMessage: { args: ['json'] },
  // Beyond the seed: message reactions (emoji responses).
  TIMMsgAddMessageReaction: { args: ['json', 'string'] },
  TIMMsgRemoveMessageReaction: { args: ['json', 'string'] },
  TIMMsgGetMessageReactions: { args: ['json', 'int'] },
  TIMMsgGetAllUserListOfMessageReaction: { args: ['json', 'string', 'int', 'int'] },
  // Beyond the seed: message read receipts (SDK 6.1+). TIMMsgGetGroupMessageReadMemberList answers
  // through its own callback (member array, next seq, finished): both endpoints hand it over as
  // `{code: 0, json: TimGroupMessageReadMembers}` (types/messageReceipt.ts).
  TIMMsgSendMessageReadReceipts: { args: ['json'] },
  TIMMsgGetMessageReadReceipts: { args: ['json'] },
  TIMMsgGetGroupMessageReadMemberList: { args: ['json', 'int', 'uint64', 'int'] },
  // Beyond the seed: pinned group messages (SDK 7.9+).
  TIMPinGroupMessage: { args: ['string', 'json', 'bool'] },
  TIMGetPinnedGroupMessageList: { args: ['string'] },
  // TIMConversationManager.h
  TIMConvGetConvList: { args: [] },
  TIMConvDelete: { args: ['string', 'int'] },
  TIMConvGetTotalUnreadMessageCount: { args: [] },
  TIMConvCleanConversationUnreadMessageCount: { args: ['string', 'uint64', 'uint64'] },
  TIMConvPinConversation: { args: ['string', 'int', 'bool'] },
  // Beyond the tree's basics: conversation marks (SDK 6.5+). The id array is JSON, though the header
  // names it `conversation_id_array` (so it crosses as a plain string argument).
  TIMConvMarkConversation: { args: ['string', 'uint64', 'bool'] },
  // TIMGroupManager.h
  TIMGroupCreate: { args: ['json'] },
  TIMGroupJoin: { args: ['string', 'string'] },
  TIMGroupQuit: { args: ['string'] },
  TIMGroupDelete: { args: ['string'] },
  TIMGroupGetJoinedGroupList: { args: [] },
  TIMGroupGetMemberInfoList: { args: ['json'] },
  TIMGroupInviteMember: { args: ['json'] },
  TIMGroupDeleteMember: { args: ['json'] },
  TIMGroupModifyGroupInfo: { args: ['json'] },
  TIMGroupModifyMemberInfo: { args: ['json'] },
  TIMGroupGetGroupInfoList: { args: ['json'] },
  TIMGroupGetPendencyList: { args: ['json'] },
  TIMGroupHandlePendency: { args: ['json'] },
  TIMGroupReportPendencyReaded: { args: ['uint64'] },
  // TIMManager.h 6.5-6.8: online status (SDK 6.3+, Tencent's premium edition).
  TIMGetUserStatus: { args: ['json'] },
  TIMSetSelfStatus: { args: ['json'] },
  TIMSubscribeUserStatus: { args: ['json'] },
  TIMUnsubscribeUserStatus: { args: ['json'] },
  // TIMFriendshipManager.h 4.1-4.3, 4.5-4.7: friends.
  TIMFriendshipGetFriendProfileList: { args: [] },
  TIMFriendshipGetFriendsInfo: { args: ['json'] },
  TIMFriendshipModifyFriendProfile: { args: ['json'] },
  TIMFriendshipAddFriend: { args: ['json'] },
  TIMFriendshipDeleteFriend: { args: ['json'] },
  TIMFriendshipCheckFriendType: { args: ['json'] },
  // TIMFriendshipManager.h 5.1-5.4: friend requests.
  TIMFriendshipGetPendencyList: { args: ['json'] },
  TIMFriendshipHandleFriendAddRequest: { args: ['json'] },
  TIMFriendshipReportPendencyReaded: { args: ['uint64'] },
  TIMFriendshipDeletePendency: { args: ['json'] },
  // TIMFriendshipManager.h 6.1-6.3: the blocklist.
  TIMFriendshipGetBlackList: { args: [] },
  TIMFriendshipAddToBlackList: { args: ['json'] },
  TIMFriendshipDeleteFromBlackList: { args: ['json'] },
} as const satisfies Record<string, CallbackApiSpec>;

/** Functions returning their answer, called with `endpoint.callSync`. */
export const TIM_SYNC_APIS = {
  TIMInit: { args: ['uint64', 'json'], returns: 'result' },
  TIMUninit: { args: [], returns: 'result' },
  TIMGetSDKVersion: { args: [], returns: 'string' },
  TIMGetServerTime: { args: [], returns: 'uint64' },
  // The user_id_buffer is the endpoint's business (zeroed first: the SDK leaves it alone when logged out).
  TIMGetLoginUserID: { args: [], returns: 'string' },
  TIMGetLoginStatus: { args: [], returns: 'int' },
  TIMConvSetDraft: { args: ['string', 'int', 'json'], returns: 'result' },
  TIMConvCancelDraft: { args: ['string', 'int'], returns: 'result' },
} as const satisfies Record<TimSyncApi, SyncApiSpec>;

/**
 * The listeners behind each pushed event: the C setter and the callback's arguments without user_data
 * (`json` arguments are `const char*` JSON, `int` covers the uint32 progress sizes and enums).
 */
export const TIM_EVENT_LISTENERS = {
  RecvNewMsg: { setter: 'TIMAddRecvNewMsgCallback', args: ['json'] },
  MsgUpdate: { setter: 'TIMSetMsgUpdateCallback', args: ['json'] },
  MsgRevoke: { setter: 'TIMSetMsgRevokeCallback', args: ['json'] },
  MsgReadedReceipt: { setter: 'TIMSetMsgReadedReceiptCallback', args: ['json'] },
  MsgReactionsChanged: { setter: 'TIMSetMsgReactionsChangedCallback', args: ['json'] },
  SelfInfoUpdated: { setter: 'TIMSetSelfInfoUpdatedCallback', args: ['json'] },
  UserStatusChanged: { setter: 'TIMSetUserStatusChangedCallback', args: ['json'] },
  OnAddFriend: { setter: 'TIMSetOnAddFriendCallback', args: ['json'] },
  OnDeleteFriend: { setter: 'TIMSetOnDeleteFriendCallback', args: ['json'] },
  UpdateFriendProfile: { setter: 'TIMSetUpdateFriendProfileCallback', args: ['json'] },
  FriendAddRequest: { setter: 'TIMSetFriendAddRequestCallback', args: ['json'] },
  FriendApplicationListDeleted: { setter: 'TIMSetFriendApplicationListDeletedCallback', args: ['json'] },
  FriendApplicationListRead: { setter: 'TIMSetFriendApplicationListReadCallback', args: [] },
  FriendBlackListAdded: { setter: 'TIMSetFriendBlackListAddedCallback', args: ['json'] },
  FriendBlackListDeleted: { setter: 'TIMSetFriendBlackListDeletedCallback', args: ['json'] },
  MsgGroupPinnedMessageChanged: { setter: 'TIMSetMsgGroupPinnedMessageChangedCallback', args: ['string', 'json', 'bool', 'string'] },
  MsgElemUploadProgress: { setter: 'TIMSetMsgElemUploadProgressCallback', args: ['json', 'int', 'int', 'int'] },
  ConvEvent: { setter: 'TIMSetConvEventCallback', args: ['int', 'json'] },
  ConvTotalUnreadMessageCountChanged: { setter: 'TIMSetConvTotalUnreadMessageCountChangedCallback', args: ['int'] },
  NetworkStatusListener: { setter: 'TIMSetNetworkStatusListenerCallback', args: ['int', 'int', 'string'] },
  KickedOffline: { setter: 'TIMSetKickedOfflineCallback', args: [] },
  UserSigExpired: { setter: 'TIMSetUserSigExpiredCallback', args: [] },
} as const satisfies Record<TimEventName, { readonly setter: string; readonly args: readonly TimArgKind[] }>;

export type TimCallbackApi = keyof typeof TIM_CALLBACK_APIS;

/** The JS value tuple of a tuple of argument kinds, e.g. `['string', 'int']` -> `[string, number]`. */
export type TimArgValues<Kinds extends readonly TimArgKind[]> = {
  -readonly [I in keyof Kinds]: Kinds[I] extends TimArgKind ? TimArgKindValue[Kinds[I]] : never;
};

/** The JS arguments of a callback function, e.g. `[string, number, string]` for TIMMsgSendMessage. */
export type TimCallbackArgs<Api extends TimCallbackApi> = TimArgValues<(typeof TIM_CALLBACK_APIS)[Api]['args']>;
/** The JS arguments of a synchronous function. */
export type TimSyncArgs<Api extends TimSyncApi> = TimArgValues<(typeof TIM_SYNC_APIS)[Api]['args']>;

/** True when `value` is acceptable for an argument of `kind` (used by endpoints to check frames). */
export function isTimArgOfKind(kind: TimArgKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'json':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 4_294_967_295;
    case 'uint64':
      return isUint64(value);
    case 'bool':
      return typeof value === 'boolean';
  }
}
