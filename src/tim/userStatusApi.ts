/**
 * Online status (TIMManager.h 6.5-6.8; SDK 6.3+, Tencent's premium edition: without it the calls fail
 * and callers go without presence): who is online, the user's own custom status, and subscriptions to
 * others' changes, which arrive as UserStatusChanged.
 */
import { TimGroupApi } from './groupApi';
import { stringifyTimJson } from './json';
import type { TimSelfStatus, TimUserStatus } from './types/userStatus';
import { requireIdList } from './validate';

/**
 * Users per TIMGetUserStatus call: TIM Chat's own cap (the header states none; inferred from Tencent's
 * documented batch sizes, never checked against live Tencent).
 */
export const MAX_USER_STATUS_IDS = 500;
/** A user keeps at most 200 subscriptions, the oldest going first beyond (header 6.7): no call needs more. */
export const MAX_SUBSCRIBE_STATUS_IDS = 200;

export class TimUserStatusApi extends TimGroupApi {
  /** TIMGetUserStatus: each user's status, the user's own included. */
  async getUserStatus(userIds: readonly string[]): Promise<TimUserStatus[]> {
    const api = 'TIMGetUserStatus';
    requireIdList(api, 'json_identifier_array', 'identifier', userIds, MAX_USER_STATUS_IDS);
    if (userIds.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(userIds)]);
    return this.decodeArray<TimUserStatus>(api, result.json);
  }

  /** TIMSetSelfStatus: the user's custom status (the online status is TIM's own). */
  async setSelfStatus(status: TimSelfStatus): Promise<void> {
    await this.invoke('TIMSetSelfStatus', [stringifyTimJson(status)]);
  }

  /** TIMSubscribeUserStatus: their changes arrive as UserStatusChanged (not for the user themselves). */
  async subscribeUserStatus(userIds: readonly string[]): Promise<void> {
    const api = 'TIMSubscribeUserStatus';
    requireIdList(api, 'json_identifier_array', 'identifier', userIds, MAX_SUBSCRIBE_STATUS_IDS);
    if (userIds.length > 0) {
      await this.invoke(api, [stringifyTimJson(userIds)]);
    }
  }

  /** TIMUnsubscribeUserStatus: an empty list ends every subscription (header 6.8). */
  async unsubscribeUserStatus(userIds: readonly string[]): Promise<void> {
    const api = 'TIMUnsubscribeUserStatus';
    requireIdList(api, 'json_identifier_array', 'identifier', userIds, MAX_SUBSCRIBE_STATUS_IDS);
    await this.invoke(api, [stringifyTimJson(userIds)]);
  }
}
