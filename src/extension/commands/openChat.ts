/** `timChat.openChat`: opens the chat panel of a conversation (from the tree, or asks for one). */
import * as vscode from 'vscode';
import { ChatPanel } from '../panels/chatPanel';

export async function openChat(extensionUri: vscode.Uri, conversationId?: unknown): Promise<ChatPanel | undefined> {
  let id = typeof conversationId === 'string' ? conversationId : undefined;
  id ??= await vscode.window.showInputBox({
    title: vscode.l10n.t('Open Chat'),
    prompt: vscode.l10n.t('Conversation ID (a user ID, or group_<group ID>)'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a conversation ID')),
  });
  if (!id?.trim()) {
    return undefined;
  }
  return ChatPanel.createOrShow(extensionUri, id.trim());
}
