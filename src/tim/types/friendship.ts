/**
 * The relationship chain's shapes (TIMFriendshipManager.h 10.2 FriendProfile, 13.1 FriendResult) as far
 * as TIM Chat uses them: the blocklist.
 */
import type { TimUserProfile } from './userProfile';

/** 10.2 FriendProfile: how TIMFriendshipGetBlackList and FriendBlackListAdded describe a blocked user. */
export interface TimFriendProfile {
  readonly friend_profile_identifier: string;
  readonly friend_profile_remark?: string;
  readonly friend_profile_group_name_array?: readonly string[];
  readonly friend_profile_add_wording?: string;
  readonly friend_profile_add_source?: string;
  /** Seconds. */
  readonly friend_profile_add_time?: number;
  readonly friend_profile_user_profile?: TimUserProfile;
}

/** 13.1 FriendResult: one user's outcome of a relationship call (0 or a 30xxx code). */
export interface TimFriendResult {
  readonly friend_result_identifier: string;
  readonly friend_result_code: number;
  readonly friend_result_desc: string;
}
