/**
 * Which conversation Next Unread Conversation opens (as Slack's "next unread"): the first one after the
 * current chat in the sidebar's order, wrapping around, that waits for the user. Kept pure for tests.
 */
import type { ConversationSummary } from './conversationSummary';

/**
 * Whether a conversation waits for the user: marked unread, an unread @-mention, or unread messages in
 * one that is not muted (a muted chat's unread count is what the user chose not to be bothered by).
 */
export function waitsForUser(summary: ConversationSummary): boolean {
  return summary.markedUnread || summary.mentioned || (summary.unread > 0 && !summary.muted);
}

/** The key of the next conversation after `currentKey` in `list` that waits for the user; undefined when none other does. */
export function nextUnreadKey(list: readonly ConversationSummary[], currentKey: string | undefined): string | undefined {
  const start = currentKey === undefined ? -1 : list.findIndex((summary) => summary.key === currentKey);
  for (let step = 1; step <= list.length; step++) {
    const summary = list[(start + step) % list.length];
    if (summary !== undefined && summary.key !== currentKey && waitsForUser(summary)) {
      return summary.key;
    }
  }
  return undefined;
}
