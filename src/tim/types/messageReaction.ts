/**
 * Message reactions (TIMMessageManager.h 10.5-10.8): an emoji (or any reaction id) that users add to a
 * message, with how many used it and the first few of them.
 */
import type { TimUserProfile } from './userProfile';

/** The user fields a reaction lists (the header's UserInfo: a user profile's id, nick and face). */
export type TimReactionUser = Pick<TimUserProfile, 'user_profile_identifier' | 'user_profile_nick_name' | 'user_profile_face_url'>;

/** 10.5 MessageReaction. */
export interface TimMessageReaction {
  readonly message_reaction_id: string;
  readonly message_reaction_total_user_count: number;
  /** The first users, as many as TIMMsgGetMessageReactions' max_user_count_per_reaction asked for. */
  readonly message_reaction_partial_user_info_array?: readonly TimReactionUser[];
  readonly message_reaction_reacted_by_myself?: boolean;
}

/** 10.6 MessageReactionResult: one message's reactions (TIMMsgGetMessageReactions). */
export interface TimMessageReactionResult {
  readonly message_reaction_result_code: number;
  readonly message_reaction_result_info: string;
  readonly message_reaction_result_msg_id: string;
  readonly message_reaction_result_reaction_list: readonly TimMessageReaction[];
}

/** 10.7 MessageReactionUserResult: one page of a reaction's users. */
export interface TimMessageReactionUserResult {
  readonly message_reaction_user_result_user_info_array: readonly TimReactionUser[];
  readonly message_reaction_user_result_next_seq: number;
  readonly message_reaction_user_result_is_finished: boolean;
}

/**
 * 10.8 MessageReactionChangeInfo: what TIMMsgReactionsChangedCallback carries. Only the reactions that
 * changed; a total of 0 means nobody uses that reaction any more.
 */
export interface TimMessageReactionChangeInfo {
  readonly message_reaction_change_info_msg_id: string;
  readonly message_reaction_change_info_reaction_list: readonly TimMessageReaction[];
}
