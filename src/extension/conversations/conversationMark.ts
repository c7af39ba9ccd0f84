/**
 * Conversation marks (TIMConvMarkConversation, SDK 6.5+, a premium Tencent feature): the user's own
 * reminders on a conversation, seen on all their devices.
 * - Unread (kTIMConversationMarkTypeUnread): set by Mark as Unread, cleared by Mark as Read and when the
 *   user opens the conversation, as Tencent's TUIKit does. Unread counts do not change.
 * - Star (kTIMConversationMarkTypeStar): Add Star / Remove Star; the tree shows a star.
 */
import type { TimClient } from '../../tim/client';
import { TIMConversationMarkType } from '../../tim/enums';
import { TimError } from '../../tim/errors';

/** Sets or clears one mark on a conversation key ("c2c_bob", "group_dev"); TIM's refusal is thrown. */
export async function setConversationMark(client: TimClient, key: string, mark: TIMConversationMarkType, enabled: boolean): Promise<void> {
  const [result] = await client.convMarkConversation([key], mark, enabled);
  if (result && result.conversation_operation_result_result_code !== 0) {
    throw new TimError(result.conversation_operation_result_result_code, result.conversation_operation_result_result_info, 'TIMConvMarkConversation');
  }
}

/** Sets or clears the unread mark. */
export function markUnread(client: TimClient, key: string, marked: boolean): Promise<void> {
  return setConversationMark(client, key, TIMConversationMarkType.Unread, marked);
}
