/**
 * User profiles (TIMManager.h 8.1, 8.3, 8.5): what TIMProfileGetUserProfileList answers and what a
 * message carries as `message_sender_profile`.
 */
import type { TIMGenderType, TIMProfileAddPermission } from '../enums';

/** 8.5 UserProfileCustomStringInfo. */
export interface TimUserProfileCustomStringInfo {
  /** Includes the `Tag_Profile_Custom_` prefix. */
  readonly user_profile_custom_string_info_key: string;
  readonly user_profile_custom_string_info_value: string;
}

/** 8.3 UserProfile (read-only). */
export interface TimUserProfile {
  readonly user_profile_identifier: string;
  readonly user_profile_nick_name?: string;
  readonly user_profile_gender?: TIMGenderType;
  readonly user_profile_face_url?: string;
  /** Only in a message's sender profile. */
  readonly user_profile_friend_remark?: string;
  readonly user_profile_self_signature?: string;
  readonly user_profile_add_permission?: TIMProfileAddPermission;
  readonly user_profile_location?: string;
  readonly user_profile_language?: number;
  readonly user_profile_birthday?: number;
  readonly user_profile_level?: number;
  readonly user_profile_role?: number;
  readonly user_profile_custom_string_array?: readonly TimUserProfileCustomStringInfo[];
}

/** 8.1 FriendShipGetProfileListParam (+ 9.6's deprecated force-update flag). */
export interface TimGetUserProfileListParam {
  readonly friendship_getprofilelist_param_identifier_array: readonly string[];
  /** false (default): local cache first; true: always from the server. */
  readonly friendship_getprofilelist_param_force_update?: boolean;
}

/**
 * 8.4 UserProfileItem: the fields TIMProfileModifySelfUserProfile changes, each only when present.
 * Tencent keeps at most 500 bytes of a nickname or a signature.
 */
export interface TimUserProfileItem {
  readonly user_profile_item_nick_name?: string;
  readonly user_profile_item_gender?: TIMGenderType;
  readonly user_profile_item_face_url?: string;
  readonly user_profile_item_self_signature?: string;
  readonly user_profile_item_custom_string_array?: readonly TimUserProfileCustomStringInfo[];
  /** Who may add the user as a friend (contact). */
  readonly user_profile_item_add_permission?: TIMProfileAddPermission;
}
