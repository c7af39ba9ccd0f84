/**
 * The group calls the extension uses (TIMGroupManager.h 10.2-10.5, 12.1-12.3, 13.1-13.4): create, joined
 * list and member list parameters and results, and the requests to join that approvers decide.
 */
import type {
  TIMGroupAddOption,
  TIMGroupMemberInfoFlag,
  TIMGroupMemberRoleFlag,
  TIMGroupPendencyHandle,
  TIMGroupPendencyHandleResult,
  TIMGroupPendencyType,
  TIMGroupType,
  TIMReceiveMessageOpt,
} from '../enums';
import type { Uint64 } from '../json';
import type { TimGroupMemberInfo } from './groupMember';

/** 10.6 GroupInfoCustomString. */
export interface TimGroupInfoCustomString {
  readonly group_info_custom_string_info_key: string;
  readonly group_info_custom_string_info_value: string;
}

/** 10.2 CreateGroupParam. */
export interface TimCreateGroupParam {
  readonly create_group_param_group_name: string;
  /** Omitted: the server assigns one (returned in the result). Communities need the `@TGS#_` prefix. */
  readonly create_group_param_group_id?: string;
  /** Default Public. */
  readonly create_group_param_group_type?: TIMGroupType;
  readonly create_group_param_is_support_topic?: boolean;
  /** At most 20 initial members. */
  readonly create_group_param_group_member_array?: readonly TimGroupMemberInfo[];
  readonly create_group_param_notification?: string;
  readonly create_group_param_introduction?: string;
  readonly create_group_param_face_url?: string;
  readonly create_group_param_add_option?: TIMGroupAddOption;
  readonly create_group_param_approve_option?: TIMGroupAddOption;
  readonly create_group_param_max_member_num?: number;
  readonly create_group_param_custom_info?: readonly TimGroupInfoCustomString[];
  readonly create_group_param_enable_permission_group?: boolean;
  readonly create_group_param_default_permissions?: Uint64;
}

/** 10.3 CreateGroupResult. */
export interface TimCreateGroupResult {
  readonly create_group_result_groupid: string;
}

/** 10.4 GroupSelfInfo: the caller's membership in a group. */
export interface TimGroupSelfInfo {
  readonly group_self_info_join_time?: number;
  readonly group_self_info_role?: number;
  readonly group_self_info_unread_num?: number;
  readonly group_self_info_msg_flag?: TIMReceiveMessageOpt;
}

/** 10.5 GroupBaseInfo: an element of TIMGroupGetJoinedGroupList's answer. */
export interface TimGroupBaseInfo {
  readonly group_base_info_group_id: string;
  readonly group_base_info_group_name: string;
  readonly group_base_info_group_type: TIMGroupType;
  readonly group_base_info_face_url?: string;
  readonly group_base_info_info_seq?: number;
  readonly group_base_info_latest_seq?: number;
  readonly group_base_info_readed_seq?: number;
  readonly group_base_info_msg_flag?: TIMReceiveMessageOpt;
  readonly group_base_info_is_shutup_all?: boolean;
  readonly group_base_info_self_info?: TimGroupSelfInfo;
}

/** 12.1 GroupMemberGetInfoOption (+ 14.3's deprecated info flag and custom array). */
export interface TimGroupMemberGetInfoOption {
  readonly group_member_get_info_option_role_flag?: TIMGroupMemberRoleFlag;
  readonly group_member_get_info_option_info_flag?: TIMGroupMemberInfoFlag;
  readonly group_member_get_info_option_custom_array?: readonly string[];
}

/** 12.2 GroupGetMemberInfoListParam. */
export interface TimGroupGetMemberInfoListParam {
  readonly group_get_members_info_list_param_group_id: string;
  /** Omitted or empty: every member (paged). */
  readonly group_get_members_info_list_param_identifier_array?: readonly string[];
  readonly group_get_members_info_list_param_option?: TimGroupMemberGetInfoOption;
  /** 0 for the first page, then the previous result's next seq. */
  readonly group_get_members_info_list_param_next_seq?: Uint64;
}

/** 12.3 GroupGetMemberInfoListResult. */
export interface TimGroupGetMemberInfoListResult {
  /** 0: no more pages. */
  readonly group_get_member_info_list_result_next_seq: Uint64;
  readonly group_get_member_info_list_result_info_array: readonly TimGroupMemberInfo[];
}

/** TIMGroupManager.h 1.11 HandleGroupMemberResult: what happened to one user of an invite or removal. */
export const TIMGroupMemberHandleResult = {
  Failed: 0,
  Done: 1,
  AlreadyMember: 2,
  Invited: 3,
} as const;
export type TIMGroupMemberHandleResult = (typeof TIMGroupMemberHandleResult)[keyof typeof TIMGroupMemberHandleResult];

/** GroupInviteMemberParam (TIMGroupInviteMember): at most 20 users per call. */
export interface TimGroupInviteMemberParam {
  readonly group_invite_member_param_group_id: string;
  readonly group_invite_member_param_identifier_array: readonly string[];
  readonly group_invite_member_param_user_data?: string;
}

/** GroupInviteMemberResult: one per invited user. */
export interface TimGroupInviteMemberResult {
  readonly group_invite_member_result_identifier: string;
  readonly group_invite_member_result_result: TIMGroupMemberHandleResult;
}

/** GroupDeleteMemberParam (TIMGroupDeleteMember). */
export interface TimGroupDeleteMemberParam {
  readonly group_delete_member_param_group_id: string;
  readonly group_delete_member_param_identifier_array: readonly string[];
  /** The reason, shown to those removed. */
  readonly group_delete_member_param_user_data?: string;
}

/** GroupDeleteMemberResult: one per removed user. */
export interface TimGroupDeleteMemberResult {
  readonly group_delete_member_result_identifier: string;
  readonly group_delete_member_result_result: TIMGroupMemberHandleResult;
}

/** TIMGroupModifyInfoFlag: which fields of GroupModifyInfoParam to apply (or them together). */
export const TIMGroupModifyInfoFlag = {
  Name: 0x01,
  Notification: 0x01 << 1,
  Introduction: 0x01 << 2,
  FaceUrl: 0x01 << 3,
  /** Who may join by applying (group_modify_info_param_add_option, a TIMGroupAddOption). */
  AddOption: 0x01 << 4,
  /** Everyone but the owner and admins muted, or not (group_modify_info_param_is_shutup_all). */
  ShutupAll: 0x01 << 8,
  /** The owner changes hands (group_modify_info_param_owner); it goes alone. 0x80000000 as a uint32, not `1 << 31` (negative in JavaScript). */
  Owner: 0x80000000,
} as const;

/** GroupModifyInfoParam (TIMGroupModifyGroupInfo): the fields TIM Chat changes. */
export interface TimGroupModifyInfoParam {
  readonly group_modify_info_param_group_id: string;
  /** TIMGroupModifyInfoFlag values or'ed together: the fields below that apply. */
  readonly group_modify_info_param_modify_flag: number;
  readonly group_modify_info_param_group_name?: string;
  readonly group_modify_info_param_notification?: string;
  readonly group_modify_info_param_introduction?: string;
  readonly group_modify_info_param_face_url?: string;
  /** With TIMGroupModifyInfoFlag.AddOption: who may join by applying. */
  readonly group_modify_info_param_add_option?: TIMGroupAddOption;
  /** With TIMGroupModifyInfoFlag.ShutupAll: whether only the owner and admins may write. */
  readonly group_modify_info_param_is_shutup_all?: boolean;
  /** With TIMGroupModifyInfoFlag.Owner: the member who becomes the owner. */
  readonly group_modify_info_param_owner?: string;
}

/** TIMGroupMemberModifyInfoFlag: which fields of GroupModifyMemberInfoParam to apply. */
export const TIMGroupMemberModifyFlag = {
  MemberRole: 0x01 << 1,
  /** Mutes the member for group_modify_member_info_shutup_time seconds (0 unmutes). */
  ShutupTime: 0x01 << 2,
  NameCard: 0x01 << 3,
} as const;

/** GroupModifyMemberInfoParam (TIMGroupModifyMemberInfo): the fields TIM Chat changes. */
export interface TimGroupModifyMemberInfoParam {
  readonly group_modify_member_info_group_id: string;
  readonly group_modify_member_info_identifier: string;
  /** TIMGroupMemberModifyFlag values or'ed together. */
  readonly group_modify_member_info_modify_flag: number;
  /** TIMGroupMemberRole: 200 member, 300 admin (the owner changes with TIMGroupModifyGroupInfo). */
  readonly group_modify_member_info_member_role?: number;
  /** The member's name in this group ("group nickname"). */
  readonly group_modify_member_info_name_card?: string;
  /** With TIMGroupMemberModifyFlag.ShutupTime: for how many seconds from now the member is muted; 0 unmutes. */
  readonly group_modify_member_info_shutup_time?: number;
}

/** 10.7 GroupDetailInfo: a group as TIMGroupGetGroupInfoList describes it. */
export interface TimGroupDetailInfo {
  readonly group_detail_info_group_id: string;
  readonly group_detail_info_group_type: TIMGroupType;
  readonly group_detail_info_group_name: string;
  readonly group_detail_info_notification?: string;
  readonly group_detail_info_introduction?: string;
  readonly group_detail_info_face_url?: string;
  /** Seconds since the epoch. */
  readonly group_detail_info_create_time?: number;
  readonly group_detail_info_last_msg_time?: number;
  readonly group_detail_info_member_num?: number;
  readonly group_detail_info_max_member_num?: number;
  readonly group_detail_info_add_option?: TIMGroupAddOption;
  readonly group_detail_info_owner_identifier?: string;
  readonly group_detail_info_is_shutup_all?: boolean;
}

/** 10.8 GetGroupInfoResult: one group of TIMGroupGetGroupInfoList, or why it could not be read. */
export interface TimGetGroupInfoResult {
  readonly get_groups_info_result_code: number;
  readonly get_groups_info_result_desc: string;
  /** Absent when the code is not 0. */
  readonly get_groups_info_result_info?: TimGroupDetailInfo;
}

/** 13.1 GroupPendencyOption (TIMGroupGetPendencyList): one page of the requests the caller decides. */
export interface TimGroupPendencyOption {
  /** 0 for the first page, then the previous page's next start time. */
  readonly group_pendency_option_start_time: Uint64;
  /** How many to read: a suggestion the server may round either way. */
  readonly group_pendency_option_max_limited: number;
}

/** 13.2 GroupPendency: one request (an application to join, or an invitation) and its decision. */
export interface TimGroupPendency {
  readonly group_pendency_group_id: string;
  /** Who asked. The SDK spells the key "form". */
  readonly group_pendency_form_identifier: string;
  readonly group_pendency_from_nick_name?: string;
  readonly group_pendency_from_face_url?: string;
  /** Who decides: the invitee for an invitation; for an application, the approver who reads the list. */
  readonly group_pendency_to_identifier: string;
  /** When the request was made. */
  readonly group_pendency_add_time: Uint64;
  readonly group_pendency_pendency_type: TIMGroupPendencyType;
  readonly group_pendency_handled: TIMGroupPendencyHandle;
  readonly group_pendency_handle_result: TIMGroupPendencyHandleResult;
  /** The applicant's message (TIMGroupJoin's hello_msg) or the inviter's. */
  readonly group_pendency_apply_invite_msg?: string;
  readonly group_pendency_form_user_defined_data?: string;
  /** The approver's message with the decision. */
  readonly group_pendency_approval_msg?: string;
  readonly group_pendency_to_user_defined_data?: string;
  readonly group_pendency_key?: string;
  readonly group_pendency_authentication?: string;
  readonly group_pendency_self_identifier?: string;
}

/** 13.3 GroupPendencyResult: one page of TIMGroupGetPendencyList. */
export interface TimGroupPendencyResult {
  /** 0 when this was the last page; otherwise the start time of the next. */
  readonly group_pendency_result_next_start_time: Uint64;
  /** The time up to which the caller reported the requests read (TIMGroupReportPendencyReaded). */
  readonly group_pendency_result_read_time_seq: Uint64;
  /** Undecided requests newer than that time. */
  readonly group_pendency_result_unread_num: number;
  readonly group_pendency_result_pendency_array: readonly TimGroupPendency[];
}

/** 13.4 GroupHandlePendencyParam (TIMGroupHandlePendency): accept or refuse one request. */
export interface TimGroupHandlePendencyParam {
  readonly group_handle_pendency_param_is_accept: boolean;
  readonly group_handle_pendency_param_handle_msg?: string;
  /** The request as TIMGroupGetPendencyList returned it. */
  readonly group_handle_pendency_param_pendency: TimGroupPendency;
}
