/**
 * The prototype table of every libImSDK function the native endpoint binds, and one koffi.proto per
 * callback shape. Pure data: no loading, no logic (the askar-wrapper layering: table, loader, bridge,
 * safe layer). Prototypes are copied from the SDK headers (im_electron_sdk@8.0.5906, lib/linux/include).
 *
 * Conventions that hold for every entry:
 * - `const void* user_data` is declared `uintptr_t` on both sides (function and callback), so a request
 *   id goes in and comes back as a plain JS number with no pointer boxing; the SDK never dereferences it.
 * - `uint64_t` is koffi `uint64`: callers pass a bigint (or a safe number) and the value reaches the SDK
 *   exactly; results above 2^53 come back as bigint.
 * - enums are `int`.
 */
import koffi from 'koffi';

/** `TIMCommCallback(int32 code, const char* desc, const char* json_params, const void* user_data)`. */
export const CommCallback = koffi.proto('void TimCommCallback(int32_t code, const char *desc, const char *json_params, uintptr_t user_data)');
/** RecvNewMsg, MsgUpdate, MsgRevoke and MsgReadedReceipt all have this shape: one JSON array. */
export const JsonCallback = koffi.proto('void TimJsonCallback(const char *json, uintptr_t user_data)');
export const UploadProgressCallback = koffi.proto(
  'void TimUploadProgressCallback(const char *json_msg, uint32_t index, uint32_t cur_size, uint32_t total_size, uintptr_t user_data)',
);
export const ConvEventCallback = koffi.proto('void TimConvEventCallback(int conv_event, const char *json_conv_array, uintptr_t user_data)');
export const CountCallback = koffi.proto('void TimCountCallback(int total_unread_count, uintptr_t user_data)');
export const NetworkStatusCallback = koffi.proto(
  'void TimNetworkStatusCallback(int status, int32_t code, const char *desc, uintptr_t user_data)',
);
/** KickedOffline and UserSigExpired: nothing but user_data. */
export const SignalCallback = koffi.proto('void TimSignalCallback(uintptr_t user_data)');
/** `TIMMsgGroupPinnedMessageChangedCallback(group_id, json_msg, bool is_pinned, op_user, user_data)`: three strings and a bool. */
export const GroupPinnedCallback = koffi.proto(
  'void TimGroupPinnedCallback(const char *group_id, const char *json_msg, bool is_pinned, const char *op_user, uintptr_t user_data)',
);
/**
 * `TIMMsgGroupMessageReadMemberListCallback(json_group_member_array, uint64 next_seq, bool is_finished, user_data)`:
 * the answer of TIMMsgGetGroupMessageReadMemberList, a request callback that is not a TIMCommCallback
 * (no error code). koffi 3.3.4 hands next_seq over as if it were int64_t (a number within +-2^53, a
 * bigint beyond, negative from 2^63 up); the bridge takes it back to unsigned (groupReadMembersAnswer).
 */
export const GroupReadMembersCallback = koffi.proto(
  'void TimGroupReadMembersCallback(const char *json_group_member_array, uint64_t next_seq, bool is_finished, uintptr_t user_data)',
);

/** The callback shapes by name, so tables and the bridge can refer to them without importing koffi objects. */
export const callbackShapes = {
  comm: CommCallback,
  json: JsonCallback,
  uploadProgress: UploadProgressCallback,
  convEvent: ConvEventCallback,
  count: CountCallback,
  networkStatus: NetworkStatusCallback,
  signal: SignalCallback,
  groupPinned: GroupPinnedCallback,
  groupReadMembers: GroupReadMembersCallback,
} as const;
export type CallbackShape = keyof typeof callbackShapes;
/** The shapes a request's answer comes through (the bridge registers one callback of each, see bridge.ts). */
export type AnswerShape = Extract<CallbackShape, 'comm' | 'groupReadMembers'>;

/** koffi type names of the arguments a caller supplies (C order, without buffers and callbacks). */
export type ArgType = 'str' | 'int' | 'int32_t' | 'uint32_t' | 'uint64' | 'bool';

/**
 * How a function is called:
 * - `async`: `(args..., [char* buffer,] TIMCommCallback cb, const void* user_data)`, returns TIMResult;
 *   with `answer: 'groupReadMembers'` the callback is a TIMMsgGroupMessageReadMemberListCallback instead,
 *   which the bridge turns into the same `{code, desc, json}` (bridge.ts, groupReadMembersAnswer);
 * - `sync`: `(args...)` (plus a zeroed output buffer for TIMGetLoginUserID), returns `result`;
 * - `listener`: `(cb, user_data)` setters, or `(cb)` for TIMRemoveRecvNewMsgCallback.
 */
export type NativePrototype =
  | { readonly kind: 'async'; readonly args: readonly ArgType[]; readonly outBuffer?: number; readonly answer?: AnswerShape }
  | { readonly kind: 'sync'; readonly result: 'int' | 'str' | 'uint64'; readonly args: readonly ArgType[]; readonly outBuffer?: number }
  | { readonly kind: 'listener'; readonly shape: Exclude<CallbackShape, AnswerShape>; readonly userData: boolean };

/** `char message_id_buffer[128]` / `char user_id_buffer[128]`: the sizes the SDK documentation uses. */
export const OUT_BUFFER_SIZE = 128;

const s = 'str';
const conv = ['str', 'int'] as const; // conv_id, enum TIMConvType

export const prototypes = {
  // ---- TIMManager.h: lifecycle, login, config
  TIMInit: { kind: 'sync', result: 'int', args: ['uint64', s] },
  TIMUninit: { kind: 'sync', result: 'int', args: [] },
  TIMGetSDKVersion: { kind: 'sync', result: 'str', args: [] },
  TIMGetServerTime: { kind: 'sync', result: 'uint64', args: [] },
  TIMGetLoginUserID: { kind: 'sync', result: 'int', args: [], outBuffer: OUT_BUFFER_SIZE },
  TIMGetLoginStatus: { kind: 'sync', result: 'int', args: [] },
  TIMSetConfig: { kind: 'async', args: [s] },
  TIMLogin: { kind: 'async', args: [s, s] },
  TIMLogout: { kind: 'async', args: [] },
  TIMProfileGetUserProfileList: { kind: 'async', args: [s] },
  TIMProfileModifySelfUserProfile: { kind: 'async', args: [s] },

  // ---- TIMMessageManager.h: the 22 seed APIs
  TIMMsgSendMessage: { kind: 'async', args: [...conv, s], outBuffer: OUT_BUFFER_SIZE },
  TIMMsgSendNewMsg: { kind: 'async', args: [...conv, s] },
  TIMMsgCancelSend: { kind: 'async', args: [...conv, s] },
  TIMMsgFindMessages: { kind: 'async', args: [s] },
  TIMMsgReportReaded: { kind: 'async', args: [...conv, s] },
  TIMMsgMarkAllMessageAsRead: { kind: 'async', args: [] },
  TIMMsgRevoke: { kind: 'async', args: [...conv, s] },
  TIMMsgFindByMsgLocatorList: { kind: 'async', args: [...conv, s] },
  TIMMsgImportMsgList: { kind: 'async', args: [...conv, s] },
  TIMMsgSaveMsg: { kind: 'async', args: [...conv, s] },
  TIMMsgGetMsgList: { kind: 'async', args: [...conv, s] },
  TIMMsgDelete: { kind: 'async', args: [...conv, s] },
  TIMMsgListDelete: { kind: 'async', args: [...conv, s] },
  TIMMsgClearHistoryMessage: { kind: 'async', args: [...conv] },
  TIMMsgSetC2CReceiveMessageOpt: { kind: 'async', args: [s, 'int'] },
  TIMMsgGetC2CReceiveMessageOpt: { kind: 'async', args: [s] },
  TIMMsgSetGroupReceiveMessageOpt: { kind: 'async', args: [s, 'int'] },
  TIMMsgDownloadElemToPath: { kind: 'async', args: [s, s] },
  TIMMsgDownloadMergerMessage: { kind: 'async', args: [s] },
  TIMMsgSearchLocalMessages: { kind: 'async', args: [s] },
  TIMMsgSetLocalCustomData: { kind: 'async', args: [s] },
  TIMMsgBatchSend: { kind: 'async', args: [s] },
  // Beyond the seed: editing a sent message.
  TIMMsgModifyMessage: { kind: 'async', args: [s] },
  // Beyond the seed: message reactions.
  TIMMsgAddMessageReaction: { kind: 'async', args: [s, s] },
  TIMMsgRemoveMessageReaction: { kind: 'async', args: [s, s] },
  TIMMsgGetMessageReactions: { kind: 'async', args: [s, 'uint32_t'] },
  TIMMsgGetAllUserListOfMessageReaction: { kind: 'async', args: [s, s, 'uint32_t', 'uint32_t'] },
  // Beyond the seed: message read receipts. The third answers through its own callback shape
  // (json_msg, enum TIMGroupMessageReadMembersFilter, uint64 next_seq, uint32 count).
  TIMMsgSendMessageReadReceipts: { kind: 'async', args: [s] },
  TIMMsgGetMessageReadReceipts: { kind: 'async', args: [s] },
  TIMMsgGetGroupMessageReadMemberList: { kind: 'async', args: [s, 'int', 'uint64', 'uint32_t'], answer: 'groupReadMembers' },
  // Beyond the seed: pinned group messages (group_id, json_msg, bool is_pinned).
  TIMPinGroupMessage: { kind: 'async', args: [s, s, 'bool'] },
  TIMGetPinnedGroupMessageList: { kind: 'async', args: [s] },

  // ---- TIMConversationManager.h
  TIMConvGetConvList: { kind: 'async', args: [] },
  TIMConvDelete: { kind: 'async', args: [...conv] },
  TIMConvGetTotalUnreadMessageCount: { kind: 'async', args: [] },
  TIMConvCleanConversationUnreadMessageCount: { kind: 'async', args: [s, 'uint64', 'uint64'] },
  TIMConvPinConversation: { kind: 'async', args: [...conv, 'bool'] },
  // (conversation_id_array JSON, uint64 mark_type: TIMConversationMarkType bits or 1 << 32..63, bool enable_mark)
  TIMConvMarkConversation: { kind: 'async', args: [s, 'uint64', 'bool'] },
  TIMConvSetDraft: { kind: 'sync', result: 'int', args: [...conv, s] },
  TIMConvCancelDraft: { kind: 'sync', result: 'int', args: [...conv] },

  // ---- TIMGroupManager.h
  TIMGroupCreate: { kind: 'async', args: [s] },
  TIMGroupJoin: { kind: 'async', args: [s, s] },
  TIMGroupQuit: { kind: 'async', args: [s] },
  TIMGroupDelete: { kind: 'async', args: [s] },
  TIMGroupGetJoinedGroupList: { kind: 'async', args: [] },
  TIMGroupGetMemberInfoList: { kind: 'async', args: [s] },
  TIMGroupInviteMember: { kind: 'async', args: [s] },
  TIMGroupDeleteMember: { kind: 'async', args: [s] },
  TIMGroupModifyGroupInfo: { kind: 'async', args: [s] },
  TIMGroupModifyMemberInfo: { kind: 'async', args: [s] },
  TIMGroupGetPendencyList: { kind: 'async', args: [s] },
  TIMGroupHandlePendency: { kind: 'async', args: [s] },
  TIMGroupReportPendencyReaded: { kind: 'async', args: ['uint64'] },
  TIMGetUserStatus: { kind: 'async', args: [s] },
  TIMSetSelfStatus: { kind: 'async', args: [s] },
  TIMSubscribeUserStatus: { kind: 'async', args: [s] },
  TIMUnsubscribeUserStatus: { kind: 'async', args: [s] },
  TIMGroupGetGroupInfoList: { kind: 'async', args: [s] },

  // ---- TIMFriendshipManager.h (friends, friend requests, the blocklist)
  TIMFriendshipGetFriendProfileList: { kind: 'async', args: [] },
  TIMFriendshipGetFriendsInfo: { kind: 'async', args: [s] },
  TIMFriendshipModifyFriendProfile: { kind: 'async', args: [s] },
  TIMFriendshipAddFriend: { kind: 'async', args: [s] },
  TIMFriendshipDeleteFriend: { kind: 'async', args: [s] },
  TIMFriendshipCheckFriendType: { kind: 'async', args: [s] },
  TIMFriendshipGetPendencyList: { kind: 'async', args: [s] },
  TIMFriendshipHandleFriendAddRequest: { kind: 'async', args: [s] },
  TIMFriendshipReportPendencyReaded: { kind: 'async', args: ['uint64'] },
  TIMFriendshipDeletePendency: { kind: 'async', args: [s] },
  TIMFriendshipGetBlackList: { kind: 'async', args: [] },
  TIMFriendshipAddToBlackList: { kind: 'async', args: [s] },
  TIMFriendshipDeleteFromBlackList: { kind: 'async', args: [s] },

  // ---- listener setters (registered once, by the endpoint)
  TIMAddRecvNewMsgCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMRemoveRecvNewMsgCallback: { kind: 'listener', shape: 'json', userData: false },
  TIMSetMsgUpdateCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetMsgRevokeCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetMsgReadedReceiptCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetMsgReactionsChangedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetSelfInfoUpdatedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetUserStatusChangedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetFriendBlackListAddedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetFriendBlackListDeletedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetOnAddFriendCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetOnDeleteFriendCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetUpdateFriendProfileCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetFriendAddRequestCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetFriendApplicationListDeletedCallback: { kind: 'listener', shape: 'json', userData: true },
  TIMSetFriendApplicationListReadCallback: { kind: 'listener', shape: 'signal', userData: true },
  TIMSetMsgGroupPinnedMessageChangedCallback: { kind: 'listener', shape: 'groupPinned', userData: true },
  TIMSetMsgElemUploadProgressCallback: { kind: 'listener', shape: 'uploadProgress', userData: true },
  TIMSetConvEventCallback: { kind: 'listener', shape: 'convEvent', userData: true },
  TIMSetConvTotalUnreadMessageCountChangedCallback: { kind: 'listener', shape: 'count', userData: true },
  TIMSetNetworkStatusListenerCallback: { kind: 'listener', shape: 'networkStatus', userData: true },
  TIMSetKickedOfflineCallback: { kind: 'listener', shape: 'signal', userData: true },
  TIMSetUserSigExpiredCallback: { kind: 'listener', shape: 'signal', userData: true },
} as const satisfies Record<string, NativePrototype>;

export type NativeApi = keyof typeof prototypes;

/** The C declaration of one table entry, in koffi's prototype syntax. */
export function declarationOf(name: NativeApi): { result: string; params: string[] } {
  const proto: NativePrototype = prototypes[name];
  switch (proto.kind) {
    case 'async': {
      const params: string[] = [...proto.args];
      if (proto.outBuffer) {
        params.push('void *');
      }
      params.push(`${koffi.type(callbackShapes[proto.answer ?? 'comm']).name} *`, 'uintptr_t');
      return { result: 'int', params };
    }
    case 'sync': {
      const params: string[] = [...proto.args];
      if (proto.outBuffer) {
        params.push('void *');
      }
      return { result: proto.result, params };
    }
    case 'listener': {
      const params = [`${koffi.type(callbackShapes[proto.shape]).name} *`];
      if (proto.userData) {
        params.push('uintptr_t');
      }
      return { result: 'void', params };
    }
  }
}
