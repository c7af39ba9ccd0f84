/** Whether a new message may notify, by the conversation's receive option. Pure, so it is unit-tested. */
import { TIM_MESSAGE_AT_ALL, TIMReceiveMessageOpt } from '../tim/enums';
import type { TimMessage } from '../tim/types/message';

export function shouldNotify(receiveOpt: number, message: Pick<TimMessage, 'message_group_at_user_array'>, selfId: string): boolean {
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
