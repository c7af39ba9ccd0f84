/**
 * The relationship chain's shapes (TIMFriendshipManager.h sections 10-13): friends, friend requests
 * ("pendencies") and the blocklist.
 */
import type { TIMFriendCheckRelation, TIMFriendPendencyType, TIMFriendResponseAction, TIMFriendshipRelationType, TIMFriendType } from '../enums';
import type { TimUserProfile } from './userProfile';

/** 10.1 FriendProfileCustomStringInfo: an app-defined field of a friend (Tag_SNS_Custom_...). */
export interface TimFriendCustomString {
  readonly friend_profile_custom_string_info_key: string;
  readonly friend_profile_custom_string_info_value: string;
}

/** 10.2 FriendProfile: a friend (or a blocked user) as the user keeps them. */
export interface TimFriendProfile {
  readonly friend_profile_identifier: string;
  /** At most 96 bytes; empty when none was given. */
  readonly friend_profile_remark?: string;
  readonly friend_profile_group_name_array?: readonly string[];
  readonly friend_profile_add_wording?: string;
  readonly friend_profile_add_source?: string;
  /** Seconds. */
  readonly friend_profile_add_time?: number;
  readonly friend_profile_user_profile?: TimUserProfile;
  readonly friend_profile_custom_string_array?: readonly TimFriendCustomString[];
}

/** 10.3 FriendProfileItem: what TIMFriendshipModifyFriendProfile may change (only the keys given). */
export interface TimFriendProfileItem {
  readonly friend_profile_item_remark?: string;
  readonly friend_profile_item_group_name_array?: readonly string[];
  readonly friend_profile_item_custom_string_array?: readonly TimFriendCustomString[];
}

/** 10.4 FriendshipModifyFriendProfileParam. */
export interface TimFriendModifyParam {
  readonly friendship_modify_friend_profile_param_identifier: string;
  readonly friendship_modify_friend_profile_param_item: TimFriendProfileItem;
}

/** 10.5 FriendProfileUpdate: one entry of UpdateFriendProfile (a change made on another device). */
export interface TimFriendProfileUpdate {
  readonly friend_profile_update_identifier: string;
  readonly friend_profile_update_item: TimFriendProfileItem;
}

/** 11.1 FriendshipAddFriendParam. */
export interface TimAddFriendParam {
  readonly friendship_add_friend_param_identifier: string;
  readonly friendship_add_friend_param_friend_type?: TIMFriendType;
  /** At most 96 bytes. */
  readonly friendship_add_friend_param_remark?: string;
  readonly friendship_add_friend_param_group_name?: string;
  /** Must start with `AddSource_Type_`. */
  readonly friendship_add_friend_param_add_source?: string;
  /** The request's message: at most 120 bytes. */
  readonly friendship_add_friend_param_add_wording?: string;
}

/** 11.2 FriendshipDeleteFriendParam. */
export interface TimDeleteFriendParam {
  readonly friendship_delete_friend_param_friend_type?: TIMFriendType;
  readonly friendship_delete_friend_param_identifier_array: readonly string[];
}

/** 11.3 FriendAddPendency: a request to the user as FriendAddRequest pushes it. */
export interface TimFriendAddPendency {
  readonly friend_add_pendency_type?: TIMFriendPendencyType;
  readonly friend_add_pendency_identifier: string;
  readonly friend_add_pendency_nick_name?: string;
  readonly friend_add_pendency_face_url?: string;
  /** Seconds. */
  readonly friend_add_pendency_add_time?: number;
  readonly friend_add_pendency_add_source?: string;
  readonly friend_add_pendency_add_wording?: string;
}

/** 11.4 FriendshipGetPendencyListParam. */
export interface TimPendencyListParam {
  readonly friendship_get_pendency_list_param_type: TIMFriendPendencyType;
  /** 0 for the first page, then the page's pendency_page_current_seq. */
  readonly friendship_get_pendency_list_param_start_seq: number;
  readonly friendship_get_pendency_list_param_start_time?: number;
  readonly friendship_get_pendency_list_param_limited_size?: number;
}

/** 11.6 FriendAddPendencyInfo: one request, to the user (ComeIn) or from the user (SendOut). */
export interface TimFriendAddPendencyInfo {
  readonly friend_add_pendency_info_type: TIMFriendPendencyType;
  readonly friend_add_pendency_info_identifier: string;
  readonly friend_add_pendency_info_nick_name?: string;
  readonly friend_add_pendency_info_face_url?: string;
  /** Seconds. */
  readonly friend_add_pendency_info_add_time?: number;
  readonly friend_add_pendency_info_add_source?: string;
  readonly friend_add_pendency_info_add_wording?: string;
}

/** 11.5 PendencyPage: a page of requests; pendency_page_current_seq starts the next (0: no more). */
export interface TimPendencyPage {
  readonly pendency_page_start_time: number;
  /** Incoming requests not yet reported read (TIMFriendshipReportPendencyReaded). */
  readonly pendency_page_unread_num: number;
  readonly pendency_page_current_seq: number;
  readonly pendency_page_pendency_info_array: readonly TimFriendAddPendencyInfo[];
}

/** 11.7 FriendResponse: the answer to an incoming request. */
export interface TimFriendResponse {
  readonly friend_response_identifier: string;
  readonly friend_response_action: TIMFriendResponseAction;
  readonly friend_response_remark?: string;
  readonly friend_response_group_name?: string;
}

/** 11.8 FriendshipDeletePendencyParam. */
export interface TimDeletePendencyParam {
  readonly friendship_delete_pendency_param_type: TIMFriendPendencyType;
  readonly friendship_delete_pendency_param_identifier_array: readonly string[];
}

/** 12.1 FriendshipCheckFriendTypeParam. */
export interface TimCheckFriendTypeParam {
  readonly friendship_check_friendtype_param_check_type: TIMFriendType;
  readonly friendship_check_friendtype_param_identifier_array: readonly string[];
}

/** 12.2 FriendshipCheckFriendTypeResult. */
export interface TimCheckFriendTypeResult {
  readonly friendship_check_friendtype_result_identifier: string;
  readonly friendship_check_friendtype_result_relation: TIMFriendCheckRelation;
  readonly friendship_check_friendtype_result_code: number;
  readonly friendship_check_friendtype_result_desc: string;
}

/** 13.1 FriendResult: one user's outcome of a relationship call (0 or a 30xxx code). */
export interface TimFriendResult {
  readonly friend_result_identifier: string;
  readonly friend_result_code: number;
  readonly friend_result_desc: string;
}

/** 15.2 FriendInfoGetResult: TIMFriendshipGetFriendsInfo's answer per user. */
export interface TimFriendInfoGetResult {
  /** The key constant's spelling (the header's example writes `..._userid`, the constant `..._identifier`). */
  readonly friendship_friend_info_get_result_identifier: string;
  readonly friendship_friend_info_get_result_relation_type: TIMFriendshipRelationType;
  readonly friendship_friend_info_get_result_error_code: number;
  readonly friendship_friend_info_get_result_error_message: string;
  readonly friendship_friend_info_get_result_field_info?: TimFriendProfile;
}
