/**
 * The two read-only elements the server sends about groups: group tips (TIMGroupManager.h 9.1-9.4:
 * joins, quits, kicks, admin and info changes, shown to every member) and group reports
 * (TIMMessageManager.h 7.11: system notifications to one member). They can never be sent.
 */
import type {
  TIMElemType,
  TIMGroupJoinType,
  TIMGroupReportType,
  TIMGroupTipGroupChangeFlag,
  TIMGroupTipType,
  TIMReceiveMessageOpt,
} from '../enums';
import type { Uint64 } from '../json';
import type { TimGroupMemberInfo } from './groupMember';
import type { TimUserProfile } from './userProfile';

/** 9.1 GroupTipGroupChangeInfo. */
export interface TimGroupTipGroupChangeInfo {
  readonly group_tips_group_change_info_flag: TIMGroupTipGroupChangeFlag;
  readonly group_tips_group_change_info_value?: string;
  readonly group_tips_group_change_info_key?: string;
  readonly group_tips_group_change_info_bool_value?: boolean;
  readonly group_tips_group_change_info_int_value?: number;
  readonly group_tips_group_change_info_uint64_value?: Uint64;
}

/** 9.2 GroupTipMemberChangeInfo. */
export interface TimGroupTipMemberChangeInfo {
  readonly group_tips_member_change_info_identifier: string;
  readonly group_tips_member_change_info_shutupTime?: number;
}

/** 9.3 GroupTipMemberMarkChangeInfo. */
export interface TimGroupTipMemberMarkChangeInfo {
  readonly group_tips_member_mark_change_info_enableMark?: boolean;
  readonly group_tips_member_mark_change_info_markType?: number;
  readonly group_tips_member_mark_change_info_userIDList?: readonly string[];
}

/** 9.4 GroupTipsElem. */
export interface TimGroupTipsElem {
  readonly elem_type: typeof TIMElemType.GroupTips;
  readonly group_tips_elem_tip_type: TIMGroupTipType;
  readonly group_tips_elem_join_type?: TIMGroupJoinType;
  readonly group_tips_elem_op_user?: string;
  readonly group_tips_elem_group_id: string;
  /** The users joined, quit, kicked or changed. */
  readonly group_tips_elem_user_array?: readonly string[];
  readonly group_tips_elem_group_change_info_array?: readonly TimGroupTipGroupChangeInfo[];
  readonly group_tips_elem_member_change_info_array?: readonly TimGroupTipMemberChangeInfo[];
  readonly group_tips_elem_op_user_info?: TimUserProfile;
  readonly group_tips_elem_op_group_memberinfo?: TimGroupMemberInfo;
  readonly group_tips_elem_changed_user_info_array?: readonly TimUserProfile[];
  readonly group_tips_elem_changed_group_memberinfo_array?: readonly TimGroupMemberInfo[];
  /** Valid for Invite, Quit and Kick tips. */
  readonly group_tips_elem_member_num?: number;
  readonly group_tips_elem_platform?: string;
  readonly group_tips_elem_member_mark_info_array?: readonly TimGroupTipMemberMarkChangeInfo[];
  readonly group_tips_elem_pinned_message_list?: unknown;
}

/** 7.11 GroupReportElem. */
export interface TimGroupReportElem {
  readonly elem_type: typeof TIMElemType.GroupReport;
  readonly group_report_elem_report_type: TIMGroupReportType;
  readonly group_report_elem_group_id: string;
  readonly group_report_elem_group_name?: string;
  readonly group_report_elem_op_user?: string;
  readonly group_report_elem_msg?: string;
  readonly group_report_elem_user_data?: string;
  readonly group_report_elem_op_user_info?: TimUserProfile;
  readonly group_report_elem_op_group_memberinfo?: TimGroupMemberInfo;
  readonly group_report_elem_platform?: string;
  readonly group_report_elem_shut_up_time?: number;
  readonly group_report_elem_group_message_receive_option?: TIMReceiveMessageOpt;
}
