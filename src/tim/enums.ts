/**
 * The SDK's enums (im_electron_sdk 8.0.5906 headers, see tim-keys.md) as const objects with a type of
 * the same name for their values.
 *
 * Member names are the header's names without the enum's prefix: `kTIMConv_C2C` is `TIMConvType.C2C`,
 * `kTIMRecvMsgOpt_Not_Notify` is `TIMReceiveMessageOpt.Not_Notify`, `kTIMConnected` is
 * `TIMNetworkStatus.Connected`, so every value can be found in the headers by its suffix.
 */

type ValueOf<T> = T[keyof T];

/** TIMCloudDef.h: conversation type. */
export const TIMConvType = {
  Invalid: 0,
  C2C: 1,
  Group: 2,
  System: 3,
} as const;
export type TIMConvType = ValueOf<typeof TIMConvType>;

/** TIMCloudDef.h: how messages of a conversation are received. */
export const TIMReceiveMessageOpt = {
  Receive: 0,
  Not_Receive: 1,
  Not_Notify: 2,
  Not_Notify_Except_At: 3,
} as const;
export type TIMReceiveMessageOpt = ValueOf<typeof TIMReceiveMessageOpt>;

/** TIMManager.h: connection status in the network status listener. */
export const TIMNetworkStatus = {
  Connected: 0,
  Disconnected: 1,
  Connecting: 2,
  ConnectFailed: 3,
} as const;
export type TIMNetworkStatus = ValueOf<typeof TIMNetworkStatus>;

/** TIMManager.h: TIMGetLoginStatus's answer. */
export const TIMLoginStatus = {
  Logined: 1,
  Logining: 2,
  UnLogined: 3,
  Logouting: 4,
} as const;
export type TIMLoginStatus = ValueOf<typeof TIMLoginStatus>;

/** TIMManager.h: log levels for TIMSetConfig. */
export const TIMLogLevel = {
  Off: 0,
  Test: 1,
  Verbose: 2,
  Debug: 3,
  Info: 4,
  Warn: 5,
  Error: 6,
  Assert: 7,
} as const;
export type TIMLogLevel = ValueOf<typeof TIMLogLevel>;

/** TIMManager.h: gender in a user profile. */
export const TIMGenderType = {
  Unknown: 0,
  Male: 1,
  Female: 2,
} as const;
export type TIMGenderType = ValueOf<typeof TIMGenderType>;

/** TIMManager.h: who may add the user as a friend. */
export const TIMProfileAddPermission = {
  Unknown: 0,
  AllowAny: 1,
  NeedConfirm: 2,
  DenyAny: 3,
} as const;
export type TIMProfileAddPermission = ValueOf<typeof TIMProfileAddPermission>;

/** TIMFriendshipManager.h 1.1: a one-way friend (in one list) or a two-way friend (in both lists). */
export const TIMFriendType = {
  Single: 0,
  Both: 1,
} as const;
export type TIMFriendType = ValueOf<typeof TIMFriendType>;

/** TIMFriendshipManager.h 1.2: requests to the user, from the user, or both. */
export const TIMFriendPendencyType = {
  ComeIn: 0,
  SendOut: 1,
  Both: 2,
} as const;
export type TIMFriendPendencyType = ValueOf<typeof TIMFriendPendencyType>;

/** TIMFriendshipManager.h 1.3: the answer to a friend request. */
export const TIMFriendResponseAction = {
  /** The requester gets the user as a friend (one way). */
  Agree: 0,
  /** Both become friends. */
  AgreeAndAdd: 1,
  Reject: 2,
} as const;
export type TIMFriendResponseAction = ValueOf<typeof TIMFriendResponseAction>;

/** TIMFriendshipManager.h 1.4: TIMFriendshipCheckFriendType's relation of A (the user) and B. */
export const TIMFriendCheckRelation = {
  NoRelation: 0,
  AWithB: 1,
  BWithA: 2,
  BothWay: 3,
} as const;
export type TIMFriendCheckRelation = ValueOf<typeof TIMFriendCheckRelation>;

/** TIMFriendshipManager.h 1.6: TIMFriendshipGetFriendsInfo's relation. */
export const TIMFriendshipRelationType = {
  None: 0,
  /** They are in the user's list, the user not in theirs. */
  InMyFriendList: 1,
  /** The user is in their list, they not in the user's. */
  InOtherFriendList: 2,
  BothFriend: 3,
} as const;
export type TIMFriendshipRelationType = ValueOf<typeof TIMFriendshipRelationType>;

/** TIMManager.h: which group member fields to fetch (bit flags). */
export const TIMGroupMemberInfoFlag = {
  None: 0x00,
  JoinTime: 0x01,
  MsgFlag: 0x02,
  MsgSeq: 0x04,
  MemberRole: 0x08,
  ShutupUntill: 0x10,
  NameCard: 0x20,
} as const;
export type TIMGroupMemberInfoFlag = ValueOf<typeof TIMGroupMemberInfoFlag>;

/** TIMMessageManager.h: message status. */
export const TIMMsgStatus = {
  Sending: 1,
  SendSucc: 2,
  SendFail: 3,
  Deleted: 4,
  LocalImported: 5,
  Revoked: 6,
  Cancel: 7,
} as const;
export type TIMMsgStatus = ValueOf<typeof TIMMsgStatus>;

/** TIMMessageManager.h: message priority. */
export const TIMMsgPriority = {
  High: 0,
  Normal: 1,
  Low: 2,
  Lowest: 3,
} as const;
export type TIMMsgPriority = ValueOf<typeof TIMMsgPriority>;

/** TIMMessageManager.h: the sender's platform. */
export const TIMPlatform = {
  Other: 0,
  Windows: 1,
  Android: 2,
  IOS: 3,
  Mac: 4,
  Simulator: 5,
} as const;
export type TIMPlatform = ValueOf<typeof TIMPlatform>;

/** TIMMessageManager.h: element kind. */
export const TIMElemType = {
  Text: 0,
  Image: 1,
  Sound: 2,
  Custom: 3,
  File: 4,
  GroupTips: 5,
  Face: 6,
  Location: 7,
  GroupReport: 8,
  Video: 9,
  FriendChange: 10,
  ProfileChange: 11,
  Merge: 12,
  Invalid: -1,
} as const;
export type TIMElemType = ValueOf<typeof TIMElemType>;

/** TIMMessageManager.h: image quality of a sent image. */
export const TIMImageLevel = {
  Orig: 0,
  Compression: 1,
  HD: 2,
} as const;
export type TIMImageLevel = ValueOf<typeof TIMImageLevel>;

/** TIMMessageManager.h: group system notification kind (group report element). */
export const TIMGroupReportType = {
  None: 0,
  AddRequest: 1,
  AddAccept: 2,
  AddRefuse: 3,
  BeKicked: 4,
  Delete: 5,
  Create: 6,
  Invite: 7,
  Quit: 8,
  GrantAdmin: 9,
  CancelAdmin: 10,
  GroupRecycle: 11,
  InviteReqToInvitee: 12,
  InviteAccept: 13,
  InviteRefuse: 14,
  ReadReport: 15,
  UserDefine: 16,
  ShutUpMember: 17,
  TopicCreate: 18,
  TopicDelete: 19,
  GroupMessageRead: 20,
  GroupMessageRecvOption: 21,
  BannedFromGroup: 22,
  UnbannedFromGroup: 23,
  InviteReqToAdmin: 24,
} as const;
export type TIMGroupReportType = ValueOf<typeof TIMGroupReportType>;

/** TIMMessageManager.h: what TIMMsgDownloadElemToPath downloads. */
export const TIMDownloadType = {
  VideoThumb: 0,
  File: 1,
  Video: 2,
  Sound: 3,
} as const;
export type TIMDownloadType = ValueOf<typeof TIMDownloadType>;

/** TIMMessageManager.h: how search keywords combine. */
export const TIMKeywordListMatchType = {
  Or: 0,
  And: 1,
} as const;
export type TIMKeywordListMatchType = ValueOf<typeof TIMKeywordListMatchType>;

/** TIMConversationManager.h: conversation event kind. */
export const TIMConvEvent = {
  Add: 0,
  Del: 1,
  Update: 2,
  Start: 3,
  Finish: 4,
} as const;
export type TIMConvEvent = ValueOf<typeof TIMConvEvent>;

/** TIMConversationManager.h: conversation marks (bit flags). */
export const TIMConversationMarkType = {
  Star: 1,
  Unread: 2,
  Fold: 4,
  Hide: 8,
} as const;
export type TIMConversationMarkType = ValueOf<typeof TIMConversationMarkType>;

/** TIMConversationManager.h: why a group conversation shows an @. */
export const TIMGroupAtType = {
  At_Me: 1,
  At_All: 2,
  At_All_At_ME: 3,
} as const;
export type TIMGroupAtType = ValueOf<typeof TIMGroupAtType>;

/** TIMGroupManager.h: what changed in a group info change tip. */
export const TIMGroupTipGroupChangeFlag = {
  Unknown: 0x0,
  Name: 0x1,
  Introduction: 0x2,
  Notification: 0x3,
  FaceUrl: 0x4,
  Owner: 0x5,
  Custom: 0x6,
  Attribute: 0x7,
  ShutupAll: 0x8,
  TopicCustomData: 0x9,
  MessageReceiveOpt: 0xa,
  GroupAddOpt: 0xb,
  GroupApproveOpt: 0xc,
  EnablePermissionGroup: 0xd,
  DefaultPermissions: 0xe,
} as const;
export type TIMGroupTipGroupChangeFlag = ValueOf<typeof TIMGroupTipGroupChangeFlag>;

/** TIMGroupManager.h: group tip kind. */
export const TIMGroupTipType = {
  None: 0,
  Invite: 1,
  Quit: 2,
  Kick: 3,
  SetAdmin: 4,
  CancelAdmin: 5,
  GroupInfoChange: 6,
  MemberInfoChange: 7,
  MemberMarkChange: 8,
  TopicInfoChange: 9,
  PinnedMessageAdded: 10,
  PinnedMessageDeleted: 11,
} as const;
export type TIMGroupTipType = ValueOf<typeof TIMGroupTipType>;

/** TIMGroupManager.h: group type. */
export const TIMGroupType = {
  Public: 0,
  Private: 1,
  ChatRoom: 2,
  BChatRoom: 3,
  AVChatRoom: 4,
  Community: 5,
} as const;
export type TIMGroupType = ValueOf<typeof TIMGroupType>;

/** TIMGroupManager.h: join / invite approval option. */
export const TIMGroupAddOption = {
  Forbid: 0,
  Auth: 1,
  Any: 2,
  Unknown: 3,
} as const;
export type TIMGroupAddOption = ValueOf<typeof TIMGroupAddOption>;

/** TIMGroupManager.h: what a group pendency (a request waiting for someone's decision) asks. */
export const TIMGroupPendencyType = {
  /** Someone applied to join; the owner and admins decide. */
  JoinNeedApprovedByAdmin: 0,
  /** Someone was invited; the invitee decides. */
  InviteNeedApprovedByInvitee: 1,
  /** Someone was invited; the owner and admins decide. */
  InviteNeedApprovedByAdmin: 2,
} as const;
export type TIMGroupPendencyType = ValueOf<typeof TIMGroupPendencyType>;

/** TIMGroupManager.h: whether, and by whom, a group pendency was decided. */
export const TIMGroupPendencyHandle = {
  NotHandled: 0,
  /** Another approver decided it. */
  OtherHandled: 1,
  /** The caller decided it. */
  OperatorHandled: 2,
} as const;
export type TIMGroupPendencyHandle = ValueOf<typeof TIMGroupPendencyHandle>;

/** TIMGroupManager.h: the decision on a handled pendency. */
export const TIMGroupPendencyHandleResult = {
  Refuse: 0,
  Accept: 1,
} as const;
export type TIMGroupPendencyHandleResult = ValueOf<typeof TIMGroupPendencyHandleResult>;

/** TIMGroupManager.h: a member's role. */
export const TIMGroupMemberRole = {
  None: 0,
  Normal: 200,
  Admin: 300,
  Owner: 400,
} as const;
export type TIMGroupMemberRole = ValueOf<typeof TIMGroupMemberRole>;

/** TIMGroupManager.h: which roles TIMGroupGetMemberInfoList returns (bit flags, 0 = all). */
export const TIMGroupMemberRoleFlag = {
  All: 0x00,
  Owner: 0x01,
  Admin: 0x02,
  Member: 0x04,
} as const;
export type TIMGroupMemberRoleFlag = ValueOf<typeof TIMGroupMemberRoleFlag>;

/** TIMGroupManager.h: how a member joined (group tips). */
export const TIMGroupJoinType = {
  None: 0,
  Apply: 1,
  Invite: 2,
} as const;
export type TIMGroupJoinType = ValueOf<typeof TIMGroupJoinType>;

/** TIMOfflinePushManager.h: whether an offline push is sent for a message. */
export const TIMOfflinePushFlag = {
  Default: 0,
  NoPush: 1,
} as const;
export type TIMOfflinePushFlag = ValueOf<typeof TIMOfflinePushFlag>;

/** TIMMessageManager.h 7.9 kImSDK_MessageAtALL: in `message_group_at_user_array`, mentions every member. */
export const TIM_MESSAGE_AT_ALL = '__kImSDK_MessageAtALL__';

/** TIMMessageManager.h: which members TIMMsgGetGroupMessageReadMemberList lists. */
export const TIMGroupMessageReadMembersFilter = {
  Read: 0,
  Unread: 1,
} as const;
export type TIMGroupMessageReadMembersFilter = ValueOf<typeof TIMGroupMessageReadMembersFilter>;

/** TIMManager.h: a user's online status (TIMGetUserStatus, UserStatusChanged). */
export const TIMUserStatusType = {
  Unknown: 0,
  Online: 1,
  /** Logged in, but no device is connected. */
  Offline: 2,
  /** Logged out (TIMLogout), or never logged in. */
  UnLogined: 3,
} as const;
export type TIMUserStatusType = ValueOf<typeof TIMUserStatusType>;
