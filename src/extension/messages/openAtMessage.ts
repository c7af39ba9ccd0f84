/**
 * Opens a conversation's panel at one message (search results, the Starred list): the message is
 * looked up first, by id (TIMMsgFindMessages) and else by its locator (TIMMsgFindByMsgLocatorList),
 * so a stale result says so instead of opening a panel that cannot find it; then `chat/reveal` makes
 * the webview page back to it and highlight it.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import type { TimMessage } from '../../tim/types/message';
import { conversationKey } from '../conversations/conversationKey';
import { showWarning } from '../notify';
import type { ChatPanel, ChatPanels } from '../panels/chatPanel';

/** What finds a message again: its id, and its locator for TIMMsgFindByMsgLocatorList. */
export type MessageLocation = Pick<TimMessage, 'message_msg_id' | 'message_conv_id' | 'message_conv_type' | 'message_seq' | 'message_rand' | 'message_server_time' | 'message_is_from_self'>;

export async function locateMessage(client: TimClient, message: MessageLocation): Promise<TimMessage | undefined> {
  const [byId] = await client.msgFindMessages([message.message_msg_id]).catch(() => [] as TimMessage[]);
  if (byId) {
    return byId;
  }
  const found = await client
    .msgFindByMsgLocatorList(message.message_conv_id, message.message_conv_type, [
      {
        message_locator_is_revoked: false,
        message_locator_time: message.message_server_time,
        message_locator_seq: message.message_seq,
        message_locator_is_self: message.message_is_from_self,
        message_locator_rand: message.message_rand,
      },
    ])
    .catch(() => [] as TimMessage[]);
  return found.find((m) => m.message_msg_id === message.message_msg_id) ?? found[0];
}

/** Opens (or reveals) the panel and scrolls it to the message; undefined when the message is gone. */
export async function openAtMessage(client: TimClient, panels: ChatPanels, message: MessageLocation): Promise<ChatPanel | undefined> {
  const found = await locateMessage(client, message);
  if (!found) {
    void showWarning(vscode.l10n.t('That message is no longer on this device.'));
    return undefined;
  }
  return showInPanel(panels, found);
}

/** Opens (or reveals) the panel of a message TIM just gave and scrolls it to the message. */
export function showInPanel(panels: ChatPanels, message: TimMessage): ChatPanel {
  const type = message.message_conv_type === 2 ? 2 : 1;
  // open() reveals an existing panel: revealing it again would only ask for the focus a second time,
  // which can arrive after the user has moved on to an input box and close it.
  const panel = panels.open(conversationKey({ id: message.message_conv_id, type }));
  panel.showMessage(message.message_msg_id);
  return panel;
}
