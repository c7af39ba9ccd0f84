/**
 * Group member info (TIMGroupManager.h 10.1, 12.5): a member as TIMGroupGetMemberInfoList lists it,
 * as a group create parameter names it, and as a message carries its sender.
 */
import type { TIMGroupMemberRole, TIMReceiveMessageOpt } from '../enums';

/** GroupMemberInfoCustomString. */
export interface TimGroupMemberInfoCustomString {
  readonly group_member_info_custom_string_info_key: string;
  readonly group_member_info_custom_string_info_value: string;
}

/** 10.1 GroupMemberInfo. Only the identifier (and role) are written; the rest is read-only. */
export interface TimGroupMemberInfo {
  readonly group_member_info_identifier: string;
  readonly group_member_info_member_role?: TIMGroupMemberRole;
  readonly group_member_info_group_id?: string;
  readonly group_member_info_join_time?: number;
  readonly group_member_info_msg_flag?: TIMReceiveMessageOpt;
  readonly group_member_info_msg_seq?: number;
  readonly group_member_info_shutup_time?: number;
  readonly group_member_info_name_card?: string;
  readonly group_member_info_nick_name?: string;
  readonly group_member_info_friend_remark?: string;
  readonly group_member_info_face_url?: string;
  readonly group_member_info_custom_info?: readonly TimGroupMemberInfoCustomString[];
  readonly group_member_info_is_online?: string | boolean;
  readonly group_member_info_online_devices?: readonly unknown[];
}
