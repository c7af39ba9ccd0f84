/**
 * The "unread" mark of a conversation (TIMConvMarkConversation with kTIMConversationMarkTypeUnread,
 * SDK 6.5+, a premium Tencent feature): set by Mark as Unread, cleared by Mark as Read and when the user
 * opens the conversation, as Tencent's TUIKit does. It is the user's own reminder: unread counts do not
 * change.
 */
import type { TimClient } from '../../tim/client';
import { TIMConversationMarkType } from '../../tim/enums';
import { TimError } from '../../tim/errors';

/** Sets or clears the mark on a conversation key ("c2c_bob", "group_dev"); TIM's refusal is thrown. */
export async function markUnread(client: TimClient, key: string, marked: boolean): Promise<void> {
  const [result] = await client.convMarkConversation([key], TIMConversationMarkType.Unread, marked);
  if (result && result.conversation_operation_result_result_code !== 0) {
    throw new TimError(result.conversation_operation_result_result_code, result.conversation_operation_result_result_info, 'TIMConvMarkConversation');
  }
}
