/**
 * Friends (TIMFriendshipManager.h 4.5-4.6; docs/emulator.md "Friends and friend requests"): adding a friend
 * (TIMFriendshipAddFriend), deleting friends (TIMFriendshipDeleteFriend), and a block ending a friendship
 * (the blocklist, blocklist.ts). Friend lists are one-way entries per owner (friendStore.ts): A's list may
 * hold B without B's holding A. Whether an add needs B's consent is B's add permission
 * (`users.add_permission`, set with TIMProfileModifySelfUserProfile, profiles.ts): AllowAny adds at once,
 * NeedConfirm leaves a request that B answers (friendRequests.ts), DenyAny refuses.
 * Every change is told to every logged-in device of each user whose lists or requests changed
 * (friendNews.ts), stored and replayed like the blocklist's events.
 */
import { stringifyTimJson } from '../../tim/json';
import { TIMFriendPendencyType, TIMFriendType, TIMProfileAddPermission } from '../../tim/enums';
import type { TimFriendAddPendency, TimFriendResult } from '../../tim/types/friendship';
import { Err } from './apiError';
import { type Emulator, type Handler, requireLogin } from './context';
import { enumField, groupNameField, idArray, paramObject, remarkField, requiredId, sourceField, wordingField } from './friendArgs';
import { FriendNews } from './friendNews';
import { MAX_FRIENDS, MAX_PENDING_REQUESTS, type RequestRow } from './friendStore';

const FRIEND_TYPES = { Single: TIMFriendType.Single, Both: TIMFriendType.Both };

export function friendResult(id: string, code: number, desc = ''): TimFriendResult {
  return { friend_result_identifier: id, friend_result_code: code, friend_result_desc: desc };
}

/** What TIMFriendshipAddFriend asks (11.1). */
export interface AddFriendAsk {
  readonly peer: string;
  /** Single: the peer joins the caller's list; Both (the default): each joins the other's. */
  readonly type: number;
  /** The caller's presets for their entry of the peer. */
  readonly remark: string;
  readonly groupName: string;
  readonly source: string;
  readonly wording: string;
}

/** TIMFriendshipAddFriend's argument, checked (friendArgs.ts). */
export function parseAddFriend(param: Record<string, unknown>): AddFriendAsk {
  return {
    peer: requiredId(param, 'friendship_add_friend_param_identifier'),
    type: enumField(param, 'friendship_add_friend_param_friend_type', FRIEND_TYPES, TIMFriendType.Both),
    remark: remarkField(param, 'friendship_add_friend_param_remark'),
    groupName: groupNameField(param, 'friendship_add_friend_param_group_name'),
    source: sourceField(param, 'friendship_add_friend_param_add_source'),
    wording: wordingField(param, 'friendship_add_friend_param_add_wording'),
  };
}

/** Why `user` may not add `peer` (FriendResult codes), or undefined; the checks before the peer's permission. */
function refusal(emu: Emulator, user: string, ask: AddFriendAsk): TimFriendResult | undefined {
  const { peer } = ask;
  const { friends, blocklists } = emu;
  if (peer === user) {
    return friendResult(peer, Err.FRIENDSHIP_INVALID_PARAMETERS, 'you cannot add yourself as a friend');
  }
  if (!emu.model.userExists(peer)) {
    return friendResult(peer, Err.FRIENDSHIP_ACCOUNT_NOT_FOUND, `user ${peer} does not exist`);
  }
  if (blocklists.blocks(user, peer)) {
    return friendResult(peer, Err.FRIENDSHIP_IN_SELF_BLACKLIST, `${peer} is on your blocklist`);
  }
  if (blocklists.blocks(peer, user)) {
    return friendResult(peer, Err.FRIENDSHIP_IN_PEER_BLACKLIST, `${peer} has you on their blocklist`);
  }
  const mine = friends.has(user, peer);
  if (mine && (ask.type === TIMFriendType.Single || friends.has(peer, user))) {
    return friendResult(peer, Err.FRIENDSHIP_ALREADY_FRIENDS, ask.type === TIMFriendType.Single ? `${peer} is already in your friend list` : `you and ${peer} are already friends both ways`);
  }
  const permission = friends.addPermissionOf(peer);
  if (permission === TIMProfileAddPermission.DenyAny) {
    return friendResult(peer, Err.FRIENDSHIP_ALLOW_TYPE_DENY_ANY, `${peer} accepts no friend requests`);
  }
  if (!mine && friends.countOf(user) >= MAX_FRIENDS) {
    return friendResult(peer, Err.FRIENDSHIP_COUNT_LIMIT, `your friend list is full (${MAX_FRIENDS} users)`);
  }
  if (permission === TIMProfileAddPermission.AllowAny && ask.type === TIMFriendType.Both && !friends.has(peer, user) && friends.countOf(peer) >= MAX_FRIENDS) {
    return friendResult(peer, Err.FRIENDSHIP_PEER_FRIEND_LIMIT, `${peer}'s friend list is full (${MAX_FRIENDS} users)`);
  }
  return undefined;
}

/**
 * Inside an operation: `owner`'s list gets `friend` (unless there already) with the given presets, the
 * request's source and wording and the time now; noted for `owner`'s devices.
 */
export function joinList(emu: Emulator, news: FriendNews, owner: string, friend: string, presets: { remark: string; groupName: string; source: string; wording: string }): void {
  const added = emu.friends.add(owner, friend, {
    remark: presets.remark,
    groupNames: presets.groupName === '' ? [] : [presets.groupName],
    addSource: presets.source,
    addWording: presets.wording,
    addTime: emu.serverTime(),
  });
  if (added) {
    news.friendAdded(owner, friend);
  }
}

/** Inside an operation: `requester`'s request to `target` goes, if there is one; both are told. */
export function dropRequest(emu: Emulator, news: FriendNews, requester: string, target: string): boolean {
  if (!emu.friends.removeRequest(requester, target)) {
    return false;
  }
  news.requestGone(requester, target);
  news.requestGone(target, requester);
  return true;
}

/** A request as FriendAddRequest pushes it to its target (11.3), with the requester's profile now. */
function pendencyOf(emu: Emulator, request: Omit<RequestRow, 'id'>): TimFriendAddPendency {
  const profile = emu.model.profile(request.requester);
  return {
    friend_add_pendency_type: TIMFriendPendencyType.ComeIn,
    friend_add_pendency_identifier: request.requester,
    friend_add_pendency_nick_name: profile?.nick ?? '',
    friend_add_pendency_face_url: profile?.face_url ?? '',
    friend_add_pendency_add_time: request.add_time,
    friend_add_pendency_add_source: request.source,
    friend_add_pendency_add_wording: request.wording,
  };
}

/** Inside an operation: `user` asks `ask.peer` (who confirms requests) to be friends; 30539 once stored. */
function leaveRequest(emu: Emulator, user: string, ask: AddFriendAsk): TimFriendResult {
  const { friends } = emu;
  const { peer } = ask;
  const renewing = friends.request(user, peer) !== undefined;
  if (!renewing && friends.sentCount(user) >= MAX_PENDING_REQUESTS) {
    return friendResult(peer, Err.FRIENDSHIP_PENDENCY_LIMIT, `you have ${MAX_PENDING_REQUESTS} friend requests waiting`);
  }
  if (!renewing && friends.receivedCount(peer) >= MAX_PENDING_REQUESTS) {
    return friendResult(peer, Err.FRIENDSHIP_PENDENCY_LIMIT, `${peer} has ${MAX_PENDING_REQUESTS} friend requests waiting`);
  }
  const request = { requester: user, target: peer, add_time: emu.serverTime(), wording: ask.wording, source: ask.source, remark: ask.remark, group_name: ask.groupName };
  friends.putRequest(request);
  emu.hub.toUser(peer, { name: 'FriendAddRequest', json: stringifyTimJson([pendencyOf(emu, request)]) });
  return friendResult(peer, Err.FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM, `the request waits for ${peer} to accept it`);
}

/**
 * Inside an operation: TIMFriendshipAddFriend's outcome as its one FriendResult. Refused (30001, 30003,
 * 30515, 30525, 30015, 30516, 30010, 30014): nothing changes. A peer who allows anyone joins the caller's
 * list at once (and, with Both, the caller joins theirs), code 0; a request the caller had left them is
 * fulfilled and goes. A peer who confirms requests gets one (a repeat replaces the earlier), 30539.
 */
export function addFriend(emu: Emulator, user: string, ask: AddFriendAsk): TimFriendResult {
  const refused = refusal(emu, user, ask);
  if (refused !== undefined) {
    return refused;
  }
  if (emu.friends.addPermissionOf(ask.peer) !== TIMProfileAddPermission.AllowAny) {
    return leaveRequest(emu, user, ask);
  }
  const news = new FriendNews();
  dropRequest(emu, news, user, ask.peer);
  joinList(emu, news, user, ask.peer, ask);
  if (ask.type === TIMFriendType.Both) {
    joinList(emu, news, ask.peer, user, { remark: '', groupName: '', source: ask.source, wording: ask.wording });
  }
  news.tell(emu.hub);
  return friendResult(ask.peer, 0);
}

/**
 * Inside an operation: `user` deletes `ids` (distinct) from their list, and with Both themselves from
 * each one's list too. 31704 for an id not in the caller's list (nothing changes for it).
 */
export function deleteFriends(emu: Emulator, user: string, ids: readonly string[], type: number): TimFriendResult[] {
  const news = new FriendNews();
  const results = ids.map((id) => {
    if (!emu.friends.remove(user, id)) {
      return friendResult(id, Err.FRIENDSHIP_DEL_NONFRIEND, `${id} is not in your friend list`);
    }
    news.friendRemoved(user, id);
    if (type === TIMFriendType.Both && emu.friends.remove(id, user)) {
      news.friendRemoved(id, user);
    }
    return friendResult(id, 0);
  });
  news.tell(emu.hub);
  return results;
}

/**
 * Inside an operation (a block, blocklist.ts): whatever ties `a` and `b` goes, both ways, as Tencent
 * documents that blocking someone ends the friendship: each one's entry of the other and the requests
 * between them. Whoever lost something is told (OnDeleteFriend, FriendApplicationListDeleted).
 */
export function endFriendship(emu: Emulator, a: string, b: string): void {
  const news = new FriendNews();
  for (const [owner, other] of [[a, b], [b, a]] as const) {
    if (emu.friends.remove(owner, other)) {
      news.friendRemoved(owner, other);
    }
    dropRequest(emu, news, owner, other);
  }
  news.tell(emu.hub);
}

const addFriendHandler: Handler = async (ctx, args) => {
  const ask = parseAddFriend(paramObject(args, 'json_add_friend_param'));
  const { userId } = requireLogin(ctx);
  const result = await ctx.emu.queue.enqueue(() => addFriend(ctx.emu, userId, ask));
  return { json: stringifyTimJson(result) };
};

const deleteFriendHandler: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_delete_friend_param');
  const ids = idArray(param, 'friendship_delete_friend_param_identifier_array');
  // Tencent's REST friend_delete deletes both ways unless told otherwise (Delete_Type_Both).
  const type = enumField(param, 'friendship_delete_friend_param_friend_type', FRIEND_TYPES, TIMFriendType.Both);
  const { userId } = requireLogin(ctx);
  const results = ids.length === 0 ? [] : await ctx.emu.queue.enqueue(() => deleteFriends(ctx.emu, userId, ids, type));
  return { json: stringifyTimJson(results) };
};

export const friendHandlers: Record<string, Handler> = {
  TIMFriendshipAddFriend: addFriendHandler,
  TIMFriendshipDeleteFriend: deleteFriendHandler,
};
