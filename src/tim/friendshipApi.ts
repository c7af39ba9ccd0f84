/**
 * The relationship chain (TIMFriendshipManager.h): friends (4.1-4.7), friend requests (5.1-5.4) and the
 * blocklist (6.1-6.3). Changes made on any of the user's devices arrive as OnAddFriend, OnDeleteFriend,
 * UpdateFriendProfile, FriendAddRequest, FriendApplicationListDeleted, FriendApplicationListRead,
 * FriendBlackListAdded and FriendBlackListDeleted.
 *
 * The byte limits below are the SDK's own checks (its 9002-9005 codes), made here so both engines refuse
 * the same input the same way.
 */
import { TimErrorCode } from './errorCodes';
import { TimError } from './errors';
import { stringifyTimJson } from './json';
import type {
  TimAddFriendParam,
  TimCheckFriendTypeParam,
  TimCheckFriendTypeResult,
  TimDeleteFriendParam,
  TimDeletePendencyParam,
  TimFriendInfoGetResult,
  TimFriendModifyParam,
  TimFriendProfile,
  TimFriendResponse,
  TimFriendResult,
  TimPendencyListParam,
  TimPendencyPage,
} from './types/friendship';
import { TimUserStatusApi } from './userStatusApi';
import { requireIdList, requireNonEmptyString } from './validate';

/**
 * Users per add or delete call: Tencent's REST API documents 1,000 accounts per blocklist request; the
 * C header states no limit (never checked against live Tencent).
 */
export const MAX_BLOCKLIST_IDS = 1000;
/**
 * Users per friend delete, check or info call: Tencent's REST API documents 100 accounts per
 * friend_delete / friend_check / friend_get_list request; the C header states no limit (never checked
 * against live Tencent).
 */
export const MAX_FRIEND_IDS = 100;
/** ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK: a remark holds at most 96 bytes (UTF-8). */
export const MAX_FRIEND_REMARK_BYTES = 96;
/** ERR_SDK_FRIENDSHIP_INVALID_ADD_WORDING: a request's message holds at most 120 bytes (UTF-8). */
export const MAX_FRIEND_WORDING_BYTES = 120;
/** ERR_SDK_FRIENDSHIP_FRIEND_GROUP_EMPTY: a friend list's name holds 1 to 30 bytes (UTF-8). */
export const MAX_FRIEND_GROUP_NAME_BYTES = 30;
/** ERR_SDK_FRIENDSHIP_INVALID_ADD_SOURCE: a request's source starts with this. */
export const ADD_SOURCE_PREFIX = 'AddSource_Type_';

function requireBytesAtMost(api: string, code: number, name: string, value: string | undefined, max: number): void {
  if (value !== undefined && Buffer.byteLength(value, 'utf8') > max) {
    throw new TimError(code, `${name} holds ${Buffer.byteLength(value, 'utf8')} bytes (UTF-8); at most ${max} are allowed`, api);
  }
}

function requireGroupNames(api: string, names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (typeof name !== 'string' || name === '' || Buffer.byteLength(name, 'utf8') > MAX_FRIEND_GROUP_NAME_BYTES) {
      throw new TimError(TimErrorCode.ERR_SDK_FRIENDSHIP_FRIEND_GROUP_EMPTY, `a friend list name must hold 1 to ${MAX_FRIEND_GROUP_NAME_BYTES} bytes (UTF-8)`, api);
    }
  }
}

export class TimFriendshipApi extends TimUserStatusApi {
  /** TIMFriendshipGetFriendProfileList: every friend of the user, with their profile. */
  async friendshipGetFriendProfileList(): Promise<TimFriendProfile[]> {
    const api = 'TIMFriendshipGetFriendProfileList';
    const result = await this.invoke(api, []);
    return this.decodeArray<TimFriendProfile>(api, result.json);
  }

  /** TIMFriendshipGetFriendsInfo: the relation to each user and, for friends, their friend profile. */
  async friendshipGetFriendsInfo(userIds: readonly string[]): Promise<TimFriendInfoGetResult[]> {
    const api = 'TIMFriendshipGetFriendsInfo';
    requireIdList(api, 'friend_id_list', 'identifier', userIds, MAX_FRIEND_IDS);
    if (userIds.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(userIds)]);
    return this.decodeArray<TimFriendInfoGetResult>(api, result.json);
  }

  /** TIMFriendshipModifyFriendProfile: a friend's remark, friend lists or custom fields (the keys given). */
  async friendshipModifyFriendProfile(param: TimFriendModifyParam): Promise<void> {
    const api = 'TIMFriendshipModifyFriendProfile';
    requireNonEmptyString(api, 'friendship_modify_friend_profile_param_identifier', param.friendship_modify_friend_profile_param_identifier);
    const item = param.friendship_modify_friend_profile_param_item;
    requireBytesAtMost(api, TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'friend_profile_item_remark', item.friend_profile_item_remark, MAX_FRIEND_REMARK_BYTES);
    requireGroupNames(api, item.friend_profile_item_group_name_array);
    await this.invoke(api, [stringifyTimJson(param)]);
  }

  /**
   * TIMFriendshipAddFriend: the other user becomes a friend at once (they allow anyone), or gets a
   * request (they confirm requests: the answer's friend_result_code is 30539, which is not a failure),
   * or refuses (30516, 30515, 30525 ...). Resolves with the one FriendResult whatever its code.
   */
  async friendshipAddFriend(param: TimAddFriendParam): Promise<TimFriendResult> {
    const api = 'TIMFriendshipAddFriend';
    requireNonEmptyString(api, 'friendship_add_friend_param_identifier', param.friendship_add_friend_param_identifier);
    requireBytesAtMost(api, TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'friendship_add_friend_param_remark', param.friendship_add_friend_param_remark, MAX_FRIEND_REMARK_BYTES);
    requireBytesAtMost(api, TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_WORDING, 'friendship_add_friend_param_add_wording', param.friendship_add_friend_param_add_wording, MAX_FRIEND_WORDING_BYTES);
    const source = param.friendship_add_friend_param_add_source;
    if (source !== undefined && source !== '' && !source.startsWith(ADD_SOURCE_PREFIX)) {
      throw new TimError(TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_SOURCE, `friendship_add_friend_param_add_source must start with ${ADD_SOURCE_PREFIX}`, api);
    }
    const group = param.friendship_add_friend_param_group_name;
    requireGroupNames(api, group === undefined || group === '' ? [] : [group]);
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimFriendResult>(api, result.json);
  }

  /** TIMFriendshipDeleteFriend: one result per user (31704 when they were not a friend). */
  async friendshipDeleteFriend(param: TimDeleteFriendParam): Promise<TimFriendResult[]> {
    const api = 'TIMFriendshipDeleteFriend';
    const ids = param.friendship_delete_friend_param_identifier_array;
    requireIdList(api, 'friendship_delete_friend_param_identifier_array', 'identifier', ids, MAX_FRIEND_IDS);
    if (ids.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimFriendResult>(api, result.json);
  }

  /** TIMFriendshipCheckFriendType: the relation between the user and each given user. */
  async friendshipCheckFriendType(param: TimCheckFriendTypeParam): Promise<TimCheckFriendTypeResult[]> {
    const api = 'TIMFriendshipCheckFriendType';
    const ids = param.friendship_check_friendtype_param_identifier_array;
    requireIdList(api, 'friendship_check_friendtype_param_identifier_array', 'identifier', ids, MAX_FRIEND_IDS);
    if (ids.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimCheckFriendTypeResult>(api, result.json);
  }

  /** TIMFriendshipGetPendencyList: a page of friend requests (to the user, from the user, or both). */
  async friendshipGetPendencyList(param: TimPendencyListParam): Promise<TimPendencyPage> {
    const api = 'TIMFriendshipGetPendencyList';
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimPendencyPage>(api, result.json);
  }

  /** TIMFriendshipHandleFriendAddRequest: accepts (one way or both) or declines a request to the user. */
  async friendshipHandleFriendAddRequest(response: TimFriendResponse): Promise<TimFriendResult> {
    const api = 'TIMFriendshipHandleFriendAddRequest';
    requireNonEmptyString(api, 'friend_response_identifier', response.friend_response_identifier);
    requireBytesAtMost(api, TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'friend_response_remark', response.friend_response_remark, MAX_FRIEND_REMARK_BYTES);
    const group = response.friend_response_group_name;
    requireGroupNames(api, group === undefined || group === '' ? [] : [group]);
    const result = await this.invoke(api, [stringifyTimJson(response)]);
    return this.decodeObject<TimFriendResult>(api, result.json);
  }

  /** TIMFriendshipReportPendencyReaded: incoming requests up to `timestamp` (seconds; 0: now) are read. */
  async friendshipReportPendencyReaded(timestamp = 0): Promise<void> {
    await this.invoke('TIMFriendshipReportPendencyReaded', [timestamp]);
  }

  /** TIMFriendshipDeletePendency: removes requests (to the user or from the user) without answering them. */
  async friendshipDeletePendency(param: TimDeletePendencyParam): Promise<TimFriendResult[]> {
    const api = 'TIMFriendshipDeletePendency';
    const ids = param.friendship_delete_pendency_param_identifier_array;
    requireIdList(api, 'friendship_delete_pendency_param_identifier_array', 'identifier', ids, MAX_FRIEND_IDS);
    if (ids.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimFriendResult>(api, result.json);
  }

  /** TIMFriendshipGetBlackList: every blocked user, with their profile. */
  async friendshipGetBlackList(): Promise<TimFriendProfile[]> {
    const api = 'TIMFriendshipGetBlackList';
    const result = await this.invoke(api, []);
    return this.decodeArray<TimFriendProfile>(api, result.json);
  }

  /** TIMFriendshipAddToBlackList: one result per user (code 0, or why that user was not blocked). */
  async friendshipAddToBlackList(userIds: readonly string[]): Promise<TimFriendResult[]> {
    return this.changeBlackList('TIMFriendshipAddToBlackList', userIds);
  }

  /** TIMFriendshipDeleteFromBlackList: one result per user. */
  async friendshipDeleteFromBlackList(userIds: readonly string[]): Promise<TimFriendResult[]> {
    return this.changeBlackList('TIMFriendshipDeleteFromBlackList', userIds);
  }

  private async changeBlackList(api: 'TIMFriendshipAddToBlackList' | 'TIMFriendshipDeleteFromBlackList', userIds: readonly string[]): Promise<TimFriendResult[]> {
    requireIdList(api, 'json_identifier_array', 'identifier', userIds, MAX_BLOCKLIST_IDS);
    if (userIds.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(userIds)]);
    return this.decodeArray<TimFriendResult>(api, result.json);
  }
}
