/** Sample TIM JSON for the client tests, written as the SDK writes it (uint64 ids beyond 2^53). */
import type { TimMessage } from '../../src/tim/types/message';

export const UNIQUE_ID = 7712240067047157981n;

/** A received C2C text message as raw callback JSON. */
export const MESSAGE_JSON =
  '{"message_client_time":1620877708,"message_conv_id":"user2","message_conv_type":1,"message_custom_int":0,' +
  '"message_custom_str":"","message_elem_array":[{"elem_type":0,"text_elem_content":"你好 \\"x\\""}],' +
  '"message_is_from_self":false,"message_is_online_msg":false,"message_is_peer_read":false,"message_is_read":false,' +
  '"message_msg_id":"144115233874815003-1620877708-1038050731","message_platform":0,"message_priority":1,' +
  `"message_rand":1038050731,"message_sender":"user2","message_seq":18446744073709551615,"message_server_time":1620877708,` +
  `"message_status":2,"message_unique_id":${UNIQUE_ID}}`;

/** MESSAGE_JSON decoded. */
export const MESSAGE: TimMessage = {
  message_client_time: 1620877708,
  message_conv_id: 'user2',
  message_conv_type: 1,
  message_custom_int: 0,
  message_custom_str: '',
  message_elem_array: [{ elem_type: 0, text_elem_content: '你好 "x"' }],
  message_is_from_self: false,
  message_is_online_msg: false,
  message_is_peer_read: false,
  message_is_read: false,
  message_msg_id: '144115233874815003-1620877708-1038050731',
  message_platform: 0,
  message_priority: 1,
  message_rand: 1038050731,
  message_sender: 'user2',
  message_seq: 18446744073709551615n,
  message_server_time: 1620877708,
  message_status: 2,
  message_unique_id: UNIQUE_ID,
};

/** A conversation as TIMConvGetConvList lists it (a pinned one: active time beyond 2^62). */
export const CONV_JSON =
  `{"conv_active_time":4611686018427387909,"conv_id":"user2","conv_is_has_draft":false,"conv_is_has_lastmsg":true,` +
  `"conv_is_pinned":true,"conv_last_msg":${MESSAGE_JSON},"conv_recv_opt":0,"conv_type":1,"conv_unread_num":3}`;

/**
 * A TIMMsgGetMsgList answer of `count` full messages (every key the SDK writes, sender profile, offline
 * push config), each with a 19-digit message_unique_id: about 2 kB per message.
 */
export function getMsgListJson(count: number): string {
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = {
      message_client_time: 1700000000 + i, message_conv_id: 'user2', message_conv_type: 1, message_custom_int: 0,
      message_custom_str: '', message_cloud_custom_str: '',
      message_elem_array: [{ elem_type: 0, text_elem_content: `hello 你好 message ${i} with "quoted" text\nand a newline` }],
      message_excluded_from_content_moderation: false, message_excluded_from_last_message: false, message_group_at_user_array: [],
      message_group_receipt_read_count: 0, message_group_receipt_unread_count: 0, message_has_risk_content: false,
      message_has_sent_receipt: false, message_is_broadcast_message: false, message_is_excluded_from_unread_count: false,
      message_is_forward_message: false, message_is_from_self: i % 2 === 0, message_is_online_msg: false, message_is_peer_read: false,
      message_is_read: true, message_msg_id: `144115233874815003-${1700000000 + i}-${1038050731 + i}`, message_need_read_receipt: false,
      message_offline_push_config: {
        offline_push_config_android_config: { android_offline_push_config_notify_mode: 0, android_offline_push_config_sound: '', android_offline_push_config_title: '' },
        offline_push_config_desc: '', offline_push_config_ext: '', offline_push_config_flag: 0,
        offline_push_config_ios_config: { ios_offline_push_config_ignore_badge: false, ios_offline_push_config_push_type: 0, ios_offline_push_config_sound: '', ios_offline_push_config_title: '' },
      },
      message_platform: 0, message_priority: 1, message_rand: 1038050731 + i, message_receipt_peer_read: false,
      message_sender: i % 2 === 0 ? 'user1' : 'user2',
      message_sender_profile: {
        user_profile_add_permission: 1, user_profile_birthday: 0, user_profile_custom_string_array: [], user_profile_face_url: 'https://example.com/face.png',
        user_profile_gender: 0, user_profile_identifier: 'user2', user_profile_language: 0, user_profile_level: 0, user_profile_location: '',
        user_profile_nick_name: '昵称', user_profile_role: 0, user_profile_self_signature: '',
      },
      message_seq: 1000 + i, message_server_time: 1700000000 + i, message_status: 2, message_support_message_extension: false,
      message_version: 0, message_unique_id: 'UNIQUE_ID',
    };
    messages.push(JSON.stringify(message).replace('"UNIQUE_ID"', String(UNIQUE_ID + BigInt(i))));
  }
  return `[${messages.join(',')}]`;
}
