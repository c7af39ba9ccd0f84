/**
 * The typed payload of each pushed event and the decoder from the endpoint's raw event (JSON strings,
 * uint64 kept exact) to it.
 */
import type { TimEvent, TimEventName } from './endpoint';
import type { TIMConvEvent, TIMNetworkStatus } from './enums';
import { parseTimJson } from './json';
import type { TimConvInfo } from './types/conversation';
import type { TimFriendAddPendency, TimFriendProfile, TimFriendProfileUpdate } from './types/friendship';
import type { TimMessage } from './types/message';
import type { TimMessageReceipt, TimMsgRevokeInfo } from './types/messageParams';
import type { TimMessageReactionChangeInfo } from './types/messageReaction';
import type { TimUserProfile } from './types/userProfile';
import type { TimUserStatus } from './types/userStatus';

export interface TimEventPayloads {
  /** New messages, received or sent from another device of the same user. */
  RecvNewMsg: readonly TimMessage[];
  /** Messages changed on the server (e.g. moderated, modified). */
  MsgUpdate: readonly TimMessage[];
  MsgRevoke: readonly TimMsgRevokeInfo[];
  MsgReadedReceipt: readonly TimMessageReceipt[];
  /** Reactions that changed, per message: each with its new total (0: nobody uses it any more). */
  MsgReactionsChanged: readonly TimMessageReactionChangeInfo[];
  /** The user's own profile changed (on this device or another): the whole profile as it now is. */
  SelfInfoUpdated: TimUserProfile;
  /** Users' online or custom status changed: those the user subscribed to, and the user's own custom status. */
  UserStatusChanged: readonly TimUserStatus[];
  /** Users who became the user's friends (an added friend, an accepted request), on any device: their ids. */
  OnAddFriend: readonly string[];
  /** Users no longer the user's friends (deleted on any device): their ids. */
  OnDeleteFriend: readonly string[];
  /** A friend's remark (or friend lists, custom fields) changed on another device. */
  UpdateFriendProfile: readonly TimFriendProfileUpdate[];
  /** Someone asked to become the user's friend (the user confirms requests). */
  FriendAddRequest: readonly TimFriendAddPendency[];
  /** Requests gone (accepted, declined, withdrawn or deleted): the other users' ids. */
  FriendApplicationListDeleted: readonly string[];
  /** The user's incoming requests were reported read (on any device). */
  FriendApplicationListRead: undefined;
  /** Users the user blocked, on this device or another. */
  FriendBlackListAdded: readonly TimFriendProfile[];
  /** Users the user unblocked, on this device or another: their ids. */
  FriendBlackListDeleted: readonly string[];
  /** A group message was pinned or unpinned (by `opUser`); the message carries its pinner when pinned. */
  MsgGroupPinnedMessageChanged: { readonly groupId: string; readonly message: TimMessage; readonly isPinned: boolean; readonly opUser: string };
  MsgElemUploadProgress: {
    readonly message: TimMessage;
    /** The element's index in `message_elem_array`. */
    readonly index: number;
    readonly cur: number;
    readonly total: number;
  };
  /** Start and Finish (of the initial sync) carry no conversations. */
  ConvEvent: { readonly event: TIMConvEvent; readonly conversations: readonly TimConvInfo[] };
  ConvTotalUnreadMessageCountChanged: { readonly total: number };
  NetworkStatusListener: { readonly status: TIMNetworkStatus; readonly code: number; readonly desc: string };
  KickedOffline: undefined;
  UserSigExpired: undefined;
}

export type TimEventListener<Name extends TimEventName> = (payload: TimEventPayloads[Name]) => void;

/** Decodes a raw endpoint event; throws (SyntaxError, TypeError) when its JSON is malformed. */
export function decodeTimEvent(event: TimEvent): TimEventPayloads[TimEventName] {
  switch (event.name) {
    case 'RecvNewMsg':
    case 'MsgUpdate':
      return parseArray<TimMessage>(event.name, event.json);
    case 'MsgRevoke':
      return parseArray<TimMsgRevokeInfo>(event.name, event.json);
    case 'MsgReadedReceipt':
      return parseArray<TimMessageReceipt>(event.name, event.json);
    case 'MsgReactionsChanged':
      return parseArray<TimMessageReactionChangeInfo>(event.name, event.json);
    case 'SelfInfoUpdated':
      return parseObject<TimUserProfile>(event.name, event.json);
    case 'UserStatusChanged':
      return parseArray<TimUserStatus>(event.name, event.json);
    case 'OnAddFriend':
    case 'OnDeleteFriend':
    case 'FriendApplicationListDeleted':
      return parseArray<string>(event.name, event.json);
    case 'UpdateFriendProfile':
      return parseArray<TimFriendProfileUpdate>(event.name, event.json);
    case 'FriendAddRequest':
      return parseArray<TimFriendAddPendency>(event.name, event.json);
    case 'FriendBlackListAdded':
      return parseArray<TimFriendProfile>(event.name, event.json);
    case 'FriendBlackListDeleted':
      return parseArray<string>(event.name, event.json);
    case 'MsgGroupPinnedMessageChanged':
      return { groupId: event.groupId, message: parseObject<TimMessage>(event.name, event.json), isPinned: event.isPinned, opUser: event.opUser };
    case 'MsgElemUploadProgress':
      return {
        message: parseObject<TimMessage>(event.name, event.json),
        index: event.index,
        cur: event.cur,
        total: event.total,
      };
    case 'ConvEvent':
      return { event: event.event as TIMConvEvent, conversations: parseArray<TimConvInfo>(event.name, event.json) };
    case 'ConvTotalUnreadMessageCountChanged':
      return { total: event.total };
    case 'NetworkStatusListener':
      return { status: event.status as TIMNetworkStatus, code: event.code, desc: event.desc };
    case 'KickedOffline':
    case 'UserSigExpired':
    case 'FriendApplicationListRead':
      return undefined;
    default:
      return assertNever(event);
  }
}

function parseArray<T>(name: string, json: string): T[] {
  if (json.trim() === '') {
    return [];
  }
  const value = parseTimJson(json);
  if (!Array.isArray(value)) {
    throw new TypeError(`${name}: expected a JSON array`);
  }
  return value as T[];
}

function parseObject<T>(name: string, json: string): T {
  const value = parseTimJson(json);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name}: expected a JSON object`);
  }
  return value as T;
}

function assertNever(event: never): never {
  throw new TypeError(`unknown TIM event ${JSON.stringify((event as { name?: unknown }).name)}`);
}
