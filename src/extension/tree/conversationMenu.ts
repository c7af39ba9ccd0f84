/**
 * What the Conversations tree's menus know of an item: its context value, which package.json's
 * `viewItem =~ /\b<token>\b/` when-clauses match, and which command sets which receive option. Pure, so
 * the menus' rules are unit-tested against the manifest without VS Code.
 */
import { TIMConvType, TIMReceiveMessageOpt } from '../../tim/enums';
import type { ConversationSummary } from '../conversations/conversationSummary';

/**
 * The four receive options' commands. The context menu leaves out the conversation's current option
 * (`recv<opt>` in the context value): VS Code menus cannot show a check mark for an extension's command.
 */
export const RECEIVE_OPTION_COMMANDS: ReadonlyArray<{ id: string; opt: number }> = [
  { id: 'timChat.receiveAndNotify', opt: TIMReceiveMessageOpt.Receive },
  { id: 'timChat.receiveWithoutNotifying', opt: TIMReceiveMessageOpt.Not_Notify },
  { id: 'timChat.notifyOnlyMentions', opt: TIMReceiveMessageOpt.Not_Notify_Except_At },
  { id: 'timChat.doNotReceive', opt: TIMReceiveMessageOpt.Not_Receive },
];

/**
 * The tree's menus match these (package.json `viewItem =~ /.../`); `requests`: requests to join waiting in
 * a group; `mentioned`: unread @-mentions of the user wait there; `blocked`: the user blocked a one-to-one
 * chat's peer.
 */
export function contextValueOf(summary: ConversationSummary, waitingRequests = 0, blocked = false): string {
  return [
    'conversation',
    summary.ref.type === TIMConvType.Group ? 'group' : 'c2c',
    summary.pinned ? 'pinned' : 'unpinned',
    summary.starred ? 'starred' : 'unstarred',
    // "Mark as Read" for unread messages or an unread mark; "Mark as Unread" otherwise.
    summary.unread > 0 || summary.markedUnread ? 'unread' : 'read',
    summary.muted ? 'muted' : 'notMuted',
    `recv${summary.receiveOpt}`,
    ...(waitingRequests > 0 ? ['requests'] : []),
    ...(summary.mentionSeqs.length > 0 ? ['mentioned'] : []),
    ...(blocked && summary.ref.type === TIMConvType.C2C ? ['blocked'] : []),
  ].join(' ');
}
