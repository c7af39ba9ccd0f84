/**
 * Parameters and results of the message calls other than search (TIMMessageManager.h 7.13-7.16,
 * 8.1, 8.2, 8.5, 9.1, 9.2, 10.2) and the payloads of the revoke and read-receipt listeners.
 */
import type { TIMConvType, TIMDownloadType, TIMElemType, TIMReceiveMessageOpt } from '../enums';
import type { Uint64 } from '../json';
import type { TimMessage, TimMessageParam } from './message';

/** 8.2 MsgLocator: identifies one message exactly (TIMMsgFindByMsgLocatorList). */
export interface TimMsgLocator {
  readonly message_locator_conv_id?: string;
  readonly message_locator_conv_type?: TIMConvType;
  readonly message_locator_is_revoked: boolean;
  /** Seconds. */
  readonly message_locator_time: Uint64;
  readonly message_locator_seq: Uint64;
  readonly message_locator_is_self: boolean;
  readonly message_locator_rand: Uint64;
  readonly message_locator_unique_id?: Uint64;
}

/** 8.1 MsgGetMsgListParam. */
export interface TimMsgGetMsgListParam {
  /** Start after (or before) this message, which is not included; default: the newest message. */
  readonly msg_getmsglist_param_last_msg?: TimMessage;
  readonly msg_getmsglist_param_count?: number;
  /** Fetch roaming messages from the server when the local store has fewer than `count`. */
  readonly msg_getmsglist_param_is_ramble?: boolean;
  readonly msg_getmsglist_param_message_type_array?: readonly TIMElemType[];
  /** true: newer than the start; false: older. */
  readonly msg_getmsglist_param_is_forward?: boolean;
  /** Groups only: start at this seq, which is included. `last_msg` wins when both are given. */
  readonly msg_getmsglist_param_last_msg_seq?: Uint64;
  readonly msg_getmsglist_param_time_begin?: Uint64;
  readonly msg_getmsglist_param_time_period?: Uint64;
  readonly msg_getmsglist_param_message_seq_array?: readonly Uint64[];
}

/** 8.5 MsgDeleteParam (TIMMsgDelete). */
export interface TimMsgDeleteParam {
  /** The message to delete. */
  readonly msg_delete_param_msg?: TimMessage;
  /** true: the roaming copy on the server too; false: local only. */
  readonly msg_delete_param_is_ramble?: boolean;
}

/** 7.13 MsgBatchSendParam: one message to several users (C2C only). */
export interface TimMsgBatchSendParam {
  readonly msg_batch_send_param_identifier_array: readonly string[];
  readonly msg_batch_send_param_msg: TimMessageParam;
}

/** 7.14 MsgBatchSendResult: one per user. */
export interface TimMsgBatchSendResult {
  readonly msg_batch_send_result_identifier: string;
  readonly msg_batch_send_result_code: number;
  readonly msg_batch_send_result_desc: string;
  readonly msg_batch_send_result_msg?: TimMessage;
}

/** 7.15 DownloadElemParam: the ids and url come from the element being downloaded. */
export interface TimDownloadElemParam {
  readonly msg_download_elem_param_type: TIMDownloadType;
  readonly msg_download_elem_param_id: string;
  readonly msg_download_elem_param_business_id: number;
  readonly msg_download_elem_param_url: string;
}

/** 7.16 MsgDownloadElemResult: progress (desc "downloading") and the final size. */
export interface TimDownloadElemResult {
  readonly msg_download_elem_result_current_size: number;
  readonly msg_download_elem_result_total_size: number;
}

/** 9.1 GetC2CRecvMsgOptResult. */
export interface TimC2CRecvMsgOptResult {
  readonly msg_recv_msg_opt_result_identifier: string;
  readonly msg_recv_msg_opt_result_opt: TIMReceiveMessageOpt;
}

/** 9.2 TIMReceiveMessageOptInfo: the global (all conversations) receive option. */
export interface TimReceiveMessageOptInfo {
  readonly msg_all_recv_msg_opt_start_hour?: number;
  readonly msg_all_recv_msg_opt_start_minute?: number;
  readonly msg_all_recv_msg_opt_start_second?: number;
  readonly msg_all_recv_msg_opt_start_time_stamp?: number;
  readonly msg_all_recv_msg_duration?: number;
  readonly msg_all_recv_msg_opt_level?: TIMReceiveMessageOpt;
}

/**
 * The local custom data TIMMsgSetLocalCustomData stores: the message (as returned by the SDK) with
 * its `message_custom_int` / `message_custom_str` changed. Neither is ever sent to the server.
 */
export type TimLocalCustomData = TimMessage;

/** 10.2 MessageReceipt: an element of the read-receipt listener's array. */
export interface TimMessageReceipt {
  readonly msg_receipt_conv_id: string;
  readonly msg_receipt_conv_type: TIMConvType;
  readonly msg_receipt_msg_id?: string;
  /** C2C: messages up to this time (seconds) were read. */
  readonly msg_receipt_time_stamp?: Uint64;
  readonly msg_receipt_is_peer_read?: boolean;
  readonly msg_receipt_read_count?: Uint64;
  readonly msg_receipt_unread_count?: Uint64;
}

/** An element of the revoke listener's array: the revoked message's locator and who revoked it. */
export interface TimMsgRevokeInfo extends TimMsgLocator {
  readonly message_revoker_user_id?: string;
  readonly message_revoker_nick_name?: string;
  readonly message_revoker_face_url?: string;
  readonly message_revoke_reason?: string;
}
