/**
 * TIM Chat's entry point: registers the view, the commands and the webview serializer. Activation is
 * lazy (on the Conversations view, a command or a restored chat panel), never on startup.
 */
import * as vscode from 'vscode';
import { openChat } from './commands/openChat';
import { ContextKey, setContext } from './contextKeys';
import { describeFailure, log } from './log';
import { CHAT_VIEW_TYPE, ChatPanel, isChatPanelState } from './panels/chatPanel';
import { ConversationsTreeProvider } from './tree/conversationsTreeProvider';

/** What activate() returns: used by integration tests to reach the live objects. */
export interface TimChatApi {
  readonly conversations: ConversationsTreeProvider;
  readonly openChat: (conversationId: string) => Promise<ChatPanel | undefined>;
  readonly chatPanels: () => readonly ChatPanel[];
}

/** Wraps a command so failures are logged and shown as one short message, never thrown into VS Code. */
function command(id: string, run: (...args: unknown[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error: unknown) {
      void vscode.window.showErrorMessage(vscode.l10n.t('TIM Chat: {0}', describeFailure(error)));
      return undefined;
    }
  });
}

export function activate(context: vscode.ExtensionContext): TimChatApi {
  log().info(`TIM Chat ${String(context.extension.packageJSON.version)} activating`);
  const conversations = new ConversationsTreeProvider();
  context.subscriptions.push(
    conversations,
    vscode.window.createTreeView('timChat.conversations', { treeDataProvider: conversations, showCollapseAll: false }),
    command('timChat.openChat', (id) => openChat(context.extensionUri, id)),
    command('timChat.signIn', () => vscode.commands.executeCommand('workbench.action.openSettings', 'timChat')),
    vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        if (isChatPanelState(state)) {
          ChatPanel.revive(panel, context.extensionUri, state);
        } else {
          // Nothing to restore (state from another version): close rather than show an empty panel.
          panel.dispose();
        }
      },
    }),
    { dispose: () => ChatPanel.disposeAll() },
  );
  void setContext(ContextKey.signedIn, false);
  return {
    conversations,
    openChat: (conversationId) => openChat(context.extensionUri, conversationId),
    chatPanels: () => ChatPanel.all(),
  };
}

export function deactivate(): void {
  ChatPanel.disposeAll();
}
