/**
 * Whether a new message may notify, by the conversation's receive option. A typing status (TUIKit's
 * online "typing…" message) never does, nor does a group tip (someone joined, left, renamed the group):
 * TIM counts tips as no unread message either, and the conversation list shows them. Pure, so it is
 * unit-tested.
 */
import { TIM_MESSAGE_AT_ALL, TIMElemType, TIMReceiveMessageOpt } from '../tim/enums';
import { typingStatusOf } from '../tim/tuikitTyping';
import type { TimMessage } from '../tim/types/message';

export function shouldNotify(receiveOpt: number, message: Partial<Pick<TimMessage, 'message_group_at_user_array' | 'message_elem_array'>>, selfId: string): boolean {
  const elems = message.message_elem_array;
  if (elems && (typingStatusOf({ message_elem_array: elems }) !== undefined || elems.some((elem) => elem.elem_type === TIMElemType.GroupTips))) {
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
