/**
 * Message reactions (TIMMessageManager.h 6.19-6.22, SDK 7.4+, beyond the seed): add and remove one of
 * the user's reactions, read several messages' reactions, and page through one reaction's users.
 * Changes reach every participant as the MsgReactionsChanged event.
 */
import { stringifyTimJson } from './json';
import { TimMessageOptionApi } from './messageOptionApi';
import type { TimMessage } from './types/message';
import type { TimMessageReactionResult, TimMessageReactionUserResult } from './types/messageReaction';
import { requireAtMost, requireIntInRange, requireNonEmptyString } from './validate';

/** TIMMsgGetMessageReactions: at most 20 messages per call, all of one conversation (header 6.21). */
export const MAX_REACTION_MESSAGES = 20;
/** At most the first 10 users of each reaction come with TIMMsgGetMessageReactions (header 6.21). */
export const MAX_REACTION_USERS_LISTED = 10;
/** TIMMsgGetAllUserListOfMessageReaction pages at most 100 users (header 6.22). */
export const MAX_REACTION_USERS_PAGE = 100;

export class TimMessageReactionApi extends TimMessageOptionApi {
  /**
   * TIMMsgAddMessageReaction: the message as the SDK returned it. A message holds at most 10 reactions
   * (23005) and a reaction at most 100 users (23006); adding one the user has already added is 23007.
   */
  async msgAddMessageReaction(message: TimMessage, reactionId: string): Promise<void> {
    const api = 'TIMMsgAddMessageReaction';
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    requireNonEmptyString(api, 'reaction_id', reactionId);
    await this.invoke(api, [stringifyTimJson(message), reactionId]);
  }

  /** TIMMsgRemoveMessageReaction: 23008 when nobody uses the reaction, 23009 when this user does not. */
  async msgRemoveMessageReaction(message: TimMessage, reactionId: string): Promise<void> {
    const api = 'TIMMsgRemoveMessageReaction';
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    requireNonEmptyString(api, 'reaction_id', reactionId);
    await this.invoke(api, [stringifyTimJson(message), reactionId]);
  }

  /**
   * TIMMsgGetMessageReactions: the reactions of up to 20 messages of one conversation, each with its
   * first `maxUsersPerReaction` (0-10) users; one result per message, in the order given.
   */
  async msgGetMessageReactions(messages: readonly TimMessage[], maxUsersPerReaction: number): Promise<TimMessageReactionResult[]> {
    const api = 'TIMMsgGetMessageReactions';
    requireAtMost(api, 'json_msg_array', messages, MAX_REACTION_MESSAGES);
    requireIntInRange(api, 'max_user_count_per_reaction', maxUsersPerReaction, 0, MAX_REACTION_USERS_LISTED);
    if (messages.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(messages), maxUsersPerReaction]);
    return this.decodeArray<TimMessageReactionResult>(api, result.json);
  }

  /**
   * TIMMsgGetAllUserListOfMessageReaction: one page of a reaction's users. Start with `nextSeq` 0 and
   * pass the answer's next seq until it says it is finished; `count` is 1-100.
   */
  async msgGetAllUserListOfMessageReaction(message: TimMessage, reactionId: string, nextSeq: number, count: number): Promise<TimMessageReactionUserResult> {
    const api = 'TIMMsgGetAllUserListOfMessageReaction';
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    requireNonEmptyString(api, 'reaction_id', reactionId);
    requireIntInRange(api, 'next_seq', nextSeq, 0, 0xffff_ffff);
    requireIntInRange(api, 'count', count, 1, MAX_REACTION_USERS_PAGE);
    const result = await this.invoke(api, [stringifyTimJson(message), reactionId, nextSeq, count]);
    return this.decodeObject<TimMessageReactionUserResult>(api, result.json);
  }
}
