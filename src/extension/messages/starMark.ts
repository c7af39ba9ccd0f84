/**
 * How a star is kept on a message: TIM Chat owns the message's `message_custom_str` (local custom data,
 * TIMMsgSetLocalCustomData: on this device only, never sent). Pure, so the view model can use it.
 */
import type { TimMessage } from '../../tim/types/message';

export const STAR_MARK = 'timchat.starred';

export function isStarred(message: Pick<TimMessage, 'message_custom_str'>): boolean {
  return message.message_custom_str === STAR_MARK;
}

/** The message with its star set or cleared, as TIMMsgSetLocalCustomData takes it. */
export function withStar<M extends TimMessage>(message: M, starred: boolean): M {
  return { ...message, message_custom_str: starred ? STAR_MARK : '' };
}
