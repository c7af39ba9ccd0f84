/**
 * Go to Mention: opens a group chat at the oldest message that @-mentions the user and is still unread
 * (TIM's at info names it by seq: TIMMsgGetMsgList from that seq, which it includes). From a group's row
 * or chat it goes there; from the palette it first lists the groups with unread mentions.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { TIMConvType } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import type { ConversationStore } from '../conversations/conversationStore';
import type { ConversationSummary } from '../conversations/conversationSummary';
import { openAtMessage } from '../messages/openAtMessage';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { activePanel, commandTarget } from './targets';

/** The group message with `seq`; undefined when the device no longer has it. */
export async function groupMessageAtSeq(client: TimClient, groupId: string, seq: string): Promise<TimMessage | undefined> {
  const [message] = await client.msgGetMsgList(groupId, TIMConvType.Group, { msg_getmsglist_param_last_msg_seq: BigInt(seq), msg_getmsglist_param_count: 1, msg_getmsglist_param_is_ramble: true });
  return message !== undefined && BigInt(message.message_seq) === BigInt(seq) ? message : undefined;
}

export function registerGoToMentionCommand({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  /** The conversation the call names (row, key, active chat), else one picked among those with mentions. */
  const mentionedConversation = async (arg: unknown): Promise<ConversationSummary | undefined> => {
    if (arg !== undefined || activePanel(panels)) {
      const target = await commandTarget(arg, store, panels, vscode.l10n.t('Go to Mention'));
      return target && store.get(target.key);
    }
    const mentioned = store.list().filter((summary) => summary.mentionSeqs.length > 0);
    if (mentioned.length === 0) {
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      mentioned.map((summary) => ({ label: `$(mention) ${inertIcons(summary.name)}`, description: vscode.l10n.t('{0} unread mentions', summary.mentionSeqs.length), detail: inertIcons(summary.preview), summary })),
      { title: vscode.l10n.t('Unread Mentions'), placeHolder: vscode.l10n.t('Choose a group to go to its mention') },
    );
    return picked?.summary;
  };

  return [
    registerCommand('timChat.goToMention', async (arg) => {
      const client = session.requireClient();
      const summary = await mentionedConversation(arg);
      const seq = summary?.mentionSeqs[0];
      if (!summary || seq === undefined) {
        void showInfo(summary ? vscode.l10n.t('Nobody has mentioned you in {0} since you last read it.', summary.name) : vscode.l10n.t('Nobody has mentioned you since you last read your chats.'));
        return undefined;
      }
      const message = await groupMessageAtSeq(client, summary.ref.id, seq);
      if (!message) {
        throw new Error(vscode.l10n.t('The message that mentioned you in {0} is no longer on this device.', summary.name));
      }
      await openAtMessage(client, panels, message);
      return message.message_msg_id;
    }),
  ];
}
