/**
 * Friend requests ("pendencies", TIMFriendshipManager.h 5.1-5.4; docs/emulator.md "Friends and friend
 * requests"), left by TIMFriendshipAddFriend for a user who confirms requests (friends.ts):
 * - TIMFriendshipGetPendencyList: a page of the caller's requests, received (ComeIn), sent (SendOut) or
 *   both, newest first, paged by seq, with the count of received requests newer than the read mark.
 * - TIMFriendshipHandleFriendAddRequest: the target accepts (one way or both) or declines a request.
 * - TIMFriendshipReportPendencyReaded: the caller's read mark (FriendApplicationListRead to their devices).
 * - TIMFriendshipDeletePendency: requests to or from the caller go without an answer.
 * Each user sees and changes only requests they sent or received.
 */
import { stringifyTimJson } from '../../tim/json';
import { TIMFriendPendencyType, TIMFriendResponseAction } from '../../tim/enums';
import type { TimFriendAddPendencyInfo, TimFriendResult, TimPendencyPage } from '../../tim/types/friendship';
import { Err } from './apiError';
import { type Emulator, type Handler, requireLogin } from './context';
import { countField, enumField, groupNameField, idArray, paramObject, remarkField, requiredId } from './friendArgs';
import { FriendNews } from './friendNews';
import { dropRequest, friendResult, joinList } from './friends';
import { MAX_FRIENDS, type PageRow } from './friendStore';

/** `limited_size` 0 or absent reads this many; more than MAX_PAGE reads MAX_PAGE (*choice*, as group join requests). */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

const PENDENCY_TYPES = { ComeIn: TIMFriendPendencyType.ComeIn, SendOut: TIMFriendPendencyType.SendOut, Both: TIMFriendPendencyType.Both };
const ACTIONS = { Agree: TIMFriendResponseAction.Agree, AgreeAndAdd: TIMFriendResponseAction.AgreeAndAdd, Reject: TIMFriendResponseAction.Reject };

/** A request as `user`'s page lists it (11.6): the other user's id, nick and face now. */
function infoOf(row: PageRow, user: string): TimFriendAddPendencyInfo {
  const incoming = row.target === user;
  return {
    friend_add_pendency_info_type: incoming ? TIMFriendPendencyType.ComeIn : TIMFriendPendencyType.SendOut,
    friend_add_pendency_info_identifier: incoming ? row.requester : row.target,
    friend_add_pendency_info_nick_name: row.nick ?? '',
    friend_add_pendency_info_face_url: row.face_url ?? '',
    friend_add_pendency_info_add_time: row.add_time,
    friend_add_pendency_info_add_source: row.source,
    friend_add_pendency_info_add_wording: row.wording,
  };
}

/** What TIMFriendshipGetPendencyList asks (11.4), checked. */
interface PageAsk {
  readonly type: number;
  readonly startSeq: number;
  readonly startTime: number;
  readonly limit: number;
}

/** A page of `user`'s requests (11.5). */
export function pendencyPage(emu: Emulator, user: string, ask: PageAsk): TimPendencyPage {
  const { rows, next } = emu.friends.page(user, ask.type, ask.startSeq, ask.startTime, ask.limit);
  return {
    pendency_page_start_time: ask.startTime,
    pendency_page_unread_num: emu.friends.unreadCount(user, emu.friends.readTimeOf(user)),
    pendency_page_current_seq: next,
    pendency_page_pendency_info_array: rows.map((row) => infoOf(row, user)),
  };
}

/** What TIMFriendshipHandleFriendAddRequest answers with (11.7), checked. */
export interface FriendResponse {
  readonly requester: string;
  readonly action: number;
  /** The target's presets for their entry of the requester (AgreeAndAdd). */
  readonly remark: string;
  readonly groupName: string;
}

/**
 * Inside an operation: `user` answers `response.requester`'s request to them. No such request: 30614.
 * Agree: the requester's list gets the user (their presets, the request's source and message); AgreeAndAdd:
 * the user's list gets the requester too (the response's remark and list name). A list that would pass
 * 3,000: 30014 (the requester's) or 30010 (the user's), and nothing changes, the request included.
 * Otherwise the request goes, whatever the answer, and both are told.
 */
export function answerRequest(emu: Emulator, user: string, response: FriendResponse): TimFriendResult {
  const { requester } = response;
  const { friends } = emu;
  const request = friends.request(requester, user);
  if (request === undefined) {
    return friendResult(requester, Err.FRIENDSHIP_PENDENCY_NOT_FOUND, `${requester} has no friend request waiting for you`);
  }
  const agree = response.action !== TIMFriendResponseAction.Reject;
  const andAdd = response.action === TIMFriendResponseAction.AgreeAndAdd;
  if (agree && !friends.has(requester, user) && friends.countOf(requester) >= MAX_FRIENDS) {
    return friendResult(requester, Err.FRIENDSHIP_PEER_FRIEND_LIMIT, `${requester}'s friend list is full (${MAX_FRIENDS} users)`);
  }
  if (andAdd && !friends.has(user, requester) && friends.countOf(user) >= MAX_FRIENDS) {
    return friendResult(requester, Err.FRIENDSHIP_COUNT_LIMIT, `your friend list is full (${MAX_FRIENDS} users)`);
  }
  const news = new FriendNews();
  dropRequest(emu, news, requester, user);
  if (agree) {
    joinList(emu, news, requester, user, { remark: request.remark, groupName: request.group_name, source: request.source, wording: request.wording });
  }
  if (andAdd) {
    joinList(emu, news, user, requester, { remark: response.remark, groupName: response.groupName, source: request.source, wording: request.wording });
  }
  news.tell(emu.hub);
  return friendResult(requester, 0);
}

/**
 * Inside an operation: `user` deletes requests without answering them: from `ids` to the user (ComeIn),
 * from the user to `ids` (SendOut), or both (*choice* for Both). 30614 for an id with none.
 */
export function deleteRequests(emu: Emulator, user: string, ids: readonly string[], type: number): TimFriendResult[] {
  const news = new FriendNews();
  const results = ids.map((id) => {
    const incoming = type !== TIMFriendPendencyType.SendOut && dropRequest(emu, news, id, user);
    const outgoing = type !== TIMFriendPendencyType.ComeIn && dropRequest(emu, news, user, id);
    return incoming || outgoing ? friendResult(id, 0) : friendResult(id, Err.FRIENDSHIP_PENDENCY_NOT_FOUND, `no friend request between you and ${id}`);
  });
  news.tell(emu.hub);
  return results;
}

/** Inside an operation: `user`'s read mark (seconds; 0: now), kept as given; their devices are told. */
export function reportRead(emu: Emulator, user: string, time: bigint): void {
  emu.friends.setReadTime(user, time === 0n ? BigInt(emu.serverTime()) : time);
  emu.hub.toUser(user, { name: 'FriendApplicationListRead' });
}

const getPendencyList: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_get_pendency_list_param');
  const asked = countField(param, 'friendship_get_pendency_list_param_limited_size', 0);
  const ask: PageAsk = {
    type: enumField(param, 'friendship_get_pendency_list_param_type', PENDENCY_TYPES),
    startSeq: countField(param, 'friendship_get_pendency_list_param_start_seq', 0),
    startTime: countField(param, 'friendship_get_pendency_list_param_start_time', 0),
    limit: asked === 0 ? DEFAULT_PAGE : Math.min(asked, MAX_PAGE),
  };
  const { userId } = requireLogin(ctx);
  const page = await ctx.emu.queue.enqueue(() => pendencyPage(ctx.emu, userId, ask));
  return { json: stringifyTimJson(page) };
};

const handleFriendAddRequest: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_handle_friend_add_param');
  const response: FriendResponse = {
    requester: requiredId(param, 'friend_response_identifier'),
    action: enumField(param, 'friend_response_action', ACTIONS),
    remark: remarkField(param, 'friend_response_remark'),
    groupName: groupNameField(param, 'friend_response_group_name'),
  };
  const { userId } = requireLogin(ctx);
  const result = await ctx.emu.queue.enqueue(() => answerRequest(ctx.emu, userId, response));
  return { json: stringifyTimJson(result) };
};

const reportPendencyReaded: Handler = async (ctx, args) => {
  const time = args.uint64(0);
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => reportRead(ctx.emu, userId, time));
  return {};
};

const deletePendency: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_delete_pendency_param');
  const type = enumField(param, 'friendship_delete_pendency_param_type', PENDENCY_TYPES);
  const ids = idArray(param, 'friendship_delete_pendency_param_identifier_array');
  const { userId } = requireLogin(ctx);
  const results = ids.length === 0 ? [] : await ctx.emu.queue.enqueue(() => deleteRequests(ctx.emu, userId, ids, type));
  return { json: stringifyTimJson(results) };
};

export const friendRequestHandlers: Record<string, Handler> = {
  TIMFriendshipGetPendencyList: getPendencyList,
  TIMFriendshipHandleFriendAddRequest: handleFriendAddRequest,
  TIMFriendshipReportPendencyReaded: reportPendencyReaded,
  TIMFriendshipDeletePendency: deletePendency,
};
