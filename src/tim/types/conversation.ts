/**
 * Conversations (TIMConversationManager.h 8.1-8.3, 8.7): what TIMConvGetConvList and the conversation
 * event listener return, the draft TIMConvSetDraft takes, and the total-unread answer.
 */
import type { TIMConvType, TIMGroupAtType, TIMGroupType, TIMReceiveMessageOpt } from '../enums';
import type { Uint64 } from '../json';
import type { TimMessage, TimMessageParam } from './message';

/** 8.1 Draft. */
export interface TimDraft {
  readonly draft_msg: TimMessageParam;
  readonly draft_user_define?: string;
  /** Seconds. */
  readonly draft_edit_time?: number;
}

/** 8.2 GroupAtInfo: an unread @ in a group conversation. */
export interface TimGroupAtInfo {
  readonly conv_group_at_info_seq: Uint64;
  readonly conv_group_at_info_at_type: TIMGroupAtType;
}

/** 8.3 ConvInfo (read-only). */
export interface TimConvInfo {
  readonly conv_id: string;
  readonly conv_type: TIMConvType;
  readonly conv_face_url?: string;
  readonly conv_unread_num: Uint64;
  /** Ordering key; pinned conversations carry a value beyond 2^62. */
  readonly conv_active_time: Uint64;
  readonly conv_is_has_lastmsg: boolean;
  /** Present when `conv_is_has_lastmsg`. */
  readonly conv_last_msg?: TimMessage;
  readonly conv_is_has_draft: boolean;
  /** Present when `conv_is_has_draft`. */
  readonly conv_draft?: TimDraft;
  readonly conv_recv_opt?: TIMReceiveMessageOpt;
  readonly conv_group_type?: TIMGroupType;
  readonly conv_group_at_info_array?: readonly TimGroupAtInfo[];
  readonly conv_is_pinned: boolean;
  readonly conv_show_name?: string;
  readonly conv_mark_array?: readonly Uint64[];
  readonly conv_custom_data?: string;
  readonly conv_conversation_group_array?: readonly string[];
  readonly conv_c2c_read_timestamp?: Uint64;
  readonly conv_group_read_sequence?: Uint64;
  /** 9.1, deprecated. */
  readonly conv_owner?: string;
}

/** 8.7 GetTotalUnreadNumberResult. */
export interface TimTotalUnreadResult {
  readonly conv_get_total_unread_message_count_result_unread_count: number;
}

/** 8.8 TIMConversationOperationResult: one conversation's outcome of TIMConvMarkConversation. */
export interface TimConversationOperationResult {
  readonly conversation_operation_result_conversation_id: string;
  readonly conversation_operation_result_result_code: number;
  readonly conversation_operation_result_result_info: string;
}
