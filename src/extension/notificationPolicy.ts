/**
 * Whether a new message may notify, by the conversation's receive option; a typing status (TUIKit's
 * online "typing…" message) never does. Pure, so it is unit-tested.
 */
import { TIM_MESSAGE_AT_ALL, TIMReceiveMessageOpt } from '../tim/enums';
import { typingStatusOf } from '../tim/tuikitTyping';
import type { TimMessage } from '../tim/types/message';

export function shouldNotify(receiveOpt: number, message: Partial<Pick<TimMessage, 'message_group_at_user_array' | 'message_elem_array'>>, selfId: string): boolean {
  if (message.message_elem_array && typingStatusOf({ message_elem_array: message.message_elem_array }) !== undefined) {
    return false;
  }
  switch (receiveOpt) {
    case TIMReceiveMessageOpt.Not_Receive:
    case TIMReceiveMessageOpt.Not_Notify:
      return false;
    case TIMReceiveMessageOpt.Not_Notify_Except_At: {
      const mentions = message.message_group_at_user_array ?? [];
      return mentions.includes(selfId) || mentions.includes(TIM_MESSAGE_AT_ALL);
    }
    default:
      return true;
  }
}
