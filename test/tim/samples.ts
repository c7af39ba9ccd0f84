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
