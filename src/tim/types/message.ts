/**
 * The message JSON (TIMMessageManager.h 7.12, every key): `TimMessageParam` is what you build to send,
 * import or save; `TimMessage` is what the SDK returns (get list, find, receive, send result) and what
 * calls that act on an existing message take back (revoke, report read, delete, local custom data).
 */
import type { TIMConvType, TIMMsgPriority, TIMMsgStatus, TIMPlatform } from '../enums';
import type { Uint64 } from '../json';
import type { TimElem, TimSendableElem } from './elements';
import type { TimGroupMemberInfo } from './groupMember';
import type { TimOfflinePushConfig } from './offlinePush';
import type { TimUserProfile } from './userProfile';

/** The keys a message may carry both when written and when read ("rw" in the headers). */
export interface TimMessageCommonFields {
  readonly message_conv_id?: string;
  readonly message_conv_type?: TIMConvType;
  readonly message_sender?: string;
  readonly message_priority?: TIMMsgPriority;
  /** Seconds. */
  readonly message_client_time?: Uint64;
  /** Seconds. */
  readonly message_server_time?: Uint64;
  readonly message_is_from_self?: boolean;
  readonly message_platform?: TIMPlatform;
  readonly message_is_read?: boolean;
  readonly message_is_online_msg?: boolean;
  readonly message_need_read_receipt?: boolean;
  readonly message_support_message_extension?: boolean;
  readonly message_status?: TIMMsgStatus;
  /** Local only: never sent to the server (see TIMMsgSetLocalCustomData). */
  readonly message_custom_int?: number;
  /** Local only: never sent to the server (see TIMMsgSetLocalCustomData). */
  readonly message_custom_str?: string;
  readonly message_cloud_custom_str?: string;
  readonly message_is_excluded_from_unread_count?: boolean;
  /** Group @ mentions; `__kImSDK_MessageAtALL__` (TIM_MESSAGE_AT_ALL in enums.ts) mentions everyone. */
  readonly message_group_at_user_array?: readonly string[];
  readonly message_sender_profile?: TimUserProfile;
  readonly message_sender_group_member_info?: TimGroupMemberInfo;
  readonly message_excluded_from_last_message?: boolean;
  readonly message_excluded_from_content_moderation?: boolean;
  readonly message_custom_moderation_configuration_id?: string;
  readonly message_offline_push_config?: TimOfflinePushConfig;
}

/** A message to send, import or save. */
export interface TimMessageParam extends TimMessageCommonFields {
  readonly message_elem_array: readonly TimSendableElem[];
  /** Write-only. */
  readonly message_is_forward_message?: boolean;
  /** Write-only: group members the message is targeted at. */
  readonly message_target_group_member_array?: readonly string[];
}

/** A message as the SDK returns it. */
export interface TimMessage extends TimMessageCommonFields {
  readonly message_elem_array: readonly TimElem[];
  readonly message_conv_id: string;
  readonly message_conv_type: TIMConvType;
  readonly message_sender: string;
  readonly message_client_time: Uint64;
  readonly message_server_time: Uint64;
  readonly message_is_from_self: boolean;
  readonly message_status: TIMMsgStatus;
  /** `"<tinyid>-<client_time>-<rand>"`: what TIMMsgSendMessage writes into its buffer. */
  readonly message_msg_id: string;
  /** Exceeds 2^53: a bigint when parsed with src/tim/json.ts. */
  readonly message_unique_id: Uint64;
  readonly message_rand: Uint64;
  readonly message_seq: Uint64;
  readonly message_is_peer_read?: boolean;
  readonly message_receipt_peer_read?: boolean;
  readonly message_is_broadcast_message?: boolean;
  readonly message_has_sent_receipt?: boolean;
  readonly message_group_receipt_read_count?: number;
  readonly message_group_receipt_unread_count?: number;
  readonly message_version?: Uint64;
  readonly message_has_risk_content?: boolean;
  /** Internal to the SDK; its type is undocumented. */
  readonly message_risk_type_identified?: unknown;
  readonly message_revoker_user_id?: string;
  readonly message_revoker_nick_name?: string;
  readonly message_revoker_face_url?: string;
  readonly message_revoke_reason?: string;
  readonly message_pinner_user_id?: string;
  readonly message_pinner_nick_name?: string;
  readonly message_pinner_friend_remark?: string;
  readonly message_pinner_name_card?: string;
  readonly message_pinner_face_url?: string;
}
