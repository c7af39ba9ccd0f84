/**
 * TIM's message reactions as the panel shows them (ReactionView), kept right as TIM's change events
 * arrive: those carry only the reactions that changed, with their new totals (0: gone).
 */
import type { ReactionView } from '../../shared/chatModel';
import { isPanelEmoji } from '../../shared/recentEmoji';
import { MAX_REACTION_ID_LENGTH, QUICK_REACTIONS } from '../../shared/reactions';
import type { TimMessageReaction, TimReactionUser } from '../../tim/types/messageReaction';

export interface ReactionNames {
  readonly selfId: string;
  /** How the user is named among those who reacted ("You"). */
  readonly you: string;
}

function nameOf(user: TimReactionUser, names: ReactionNames): string {
  return user.user_profile_identifier === names.selfId ? names.you : user.user_profile_nick_name || user.user_profile_identifier;
}

function viewOf(reaction: TimMessageReaction, names: ReactionNames, previous: ReactionView | undefined): ReactionView {
  const users = reaction.message_reaction_partial_user_info_array ?? [];
  const count = reaction.message_reaction_total_user_count;
  const listed = users.some((u) => u.user_profile_identifier === names.selfId);
  // TIM says whether the user reacted; when it does not, the listed users tell, unless there are more
  // users than listed: then what was known before still holds.
  const mine = typeof reaction.message_reaction_reacted_by_myself === 'boolean'
    ? reaction.message_reaction_reacted_by_myself
    : listed || (users.length < count && previous?.mine === true);
  return { id: reaction.message_reaction_id, count, mine, users: users.map((u) => nameOf(u, names)) };
}

function isShown(reaction: TimMessageReaction): boolean {
  return typeof reaction.message_reaction_id === 'string' && reaction.message_reaction_id.length > 0 && reaction.message_reaction_total_user_count > 0;
}

/** A message's reactions as TIMMsgGetMessageReactions lists them. */
export function reactionViewsOf(list: readonly TimMessageReaction[], names: ReactionNames): ReactionView[] {
  return list.filter(isShown).map((reaction) => viewOf(reaction, names, undefined));
}

/** A message's reactions after a change event: changed ones replaced in place, new ones last, emptied ones gone. */
export function mergeReactionChanges(current: readonly ReactionView[], changed: readonly TimMessageReaction[], names: ReactionNames): ReactionView[] {
  const next = [...current];
  for (const reaction of changed) {
    const index = next.findIndex((view) => view.id === reaction.message_reaction_id);
    if (!isShown(reaction)) {
      if (index >= 0) {
        next.splice(index, 1);
      }
      continue;
    }
    const view = viewOf(reaction, names, index >= 0 ? next[index] : undefined);
    if (index >= 0) {
      next[index] = view;
    } else {
      next.push(view);
    }
  }
  return next;
}

/**
 * Whether the panel may react so: TIM Chat's own reactions (the quick ones and the emoji panel's), or
 * one already on the message (so a reaction another app added can be joined); the webview's request is
 * untrusted.
 */
export function isAllowedReaction(reaction: unknown, current: readonly ReactionView[]): reaction is string {
  if (typeof reaction !== 'string' || reaction.length === 0 || reaction.length > MAX_REACTION_ID_LENGTH) {
    return false;
  }
  return QUICK_REACTIONS.includes(reaction) || isPanelEmoji(reaction) || current.some((view) => view.id === reaction);
}
