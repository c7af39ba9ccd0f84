/** A received C2C message from bob to alice, as TIM describes one, for the message view's unit tests. */
import { TIMConvType, TIMElemType, TIMMsgStatus } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';

export function timMessage(overrides: Partial<TimMessage>): TimMessage {
  return {
    message_msg_id: '144115-1700000000-42',
    message_conv_id: 'bob',
    message_conv_type: TIMConvType.C2C,
    message_sender: 'bob',
    message_client_time: 1_700_000_000,
    message_server_time: 1_700_000_001,
    message_is_from_self: false,
    message_status: TIMMsgStatus.SendSucc,
    message_unique_id: 7712240067047157981n,
    message_rand: 42,
    message_seq: 9_007_199_254_740_993n,
    message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'hello <b>there</b>' }],
    ...overrides,
  };
}
