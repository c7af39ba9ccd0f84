/**
 * The blocklist (TIMFriendshipManager.h 6.1-6.3): users whose one-to-one messages the user refuses
 * (their sends fail with 20007, ERR_SVR_MSG_IN_PEER_BLACKLIST). Changes made on any of the user's
 * devices arrive as FriendBlackListAdded and FriendBlackListDeleted.
 */
import { stringifyTimJson } from './json';
import type { TimFriendProfile, TimFriendResult } from './types/friendship';
import { TimUserStatusApi } from './userStatusApi';
import { requireIdList } from './validate';

/**
 * Users per add or delete call: Tencent's REST API documents 1,000 accounts per blocklist request; the
 * C header states no limit (never checked against live Tencent).
 */
export const MAX_BLOCKLIST_IDS = 1000;

export class TimFriendshipApi extends TimUserStatusApi {
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
