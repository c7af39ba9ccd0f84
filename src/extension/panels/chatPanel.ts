/**
 * One chat webview panel per conversation: created or revealed by `timChat.openChat`, revived after a
 * window reload by the serializer registered in extension.ts (the webview keeps its conversation id in
 * its own state).
 */
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { log } from '../log';
import { WebviewChannel } from './webviewChannel';
import { renderWebviewHtml } from './webviewHtml';

export const CHAT_VIEW_TYPE = 'timChat.chat';

/** What the webview persists with setState, read back by the serializer. */
export interface ChatPanelState {
  readonly conversationId: string;
}

export function isChatPanelState(value: unknown): value is ChatPanelState {
  return typeof value === 'object' && value !== null && typeof (value as { conversationId?: unknown }).conversationId === 'string';
}

export class ChatPanel extends Disposable {
  private static readonly panels = new Map<string, ChatPanel>();
  readonly channel: WebviewChannel;

  /** Opens the panel of `conversationId`, or reveals it when it is already open. */
  static createOrShow(extensionUri: vscode.Uri, conversationId: string): ChatPanel {
    const existing = ChatPanel.panels.get(conversationId);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, conversationId, vscode.ViewColumn.Active, ChatPanel.webviewOptions(extensionUri));
    return new ChatPanel(panel, extensionUri, conversationId);
  }

  /** Recreates a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: ChatPanelState): ChatPanel {
    panel.webview.options = ChatPanel.webviewOptions(extensionUri);
    return new ChatPanel(panel, extensionUri, state.conversationId);
  }

  /** The open panels, for tests and for commands that act on the active chat. */
  static all(): readonly ChatPanel[] {
    return [...ChatPanel.panels.values()];
  }

  static disposeAll(): void {
    for (const panel of ChatPanel.all()) {
      panel.dispose();
    }
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      // Only the bundle, its CSS and the codicon font can be loaded: nothing from the workspace.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly conversationId: string,
  ) {
    super();
    ChatPanel.panels.set(conversationId, this);
    panel.title = conversationId;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tim-chat.svg');
    this.channel = this.register(
      new WebviewChannel(
        panel.webview,
        {
          'app/ping': ({ text }) => ({ echo: text, receivedAt: Date.now() }),
        },
        {
          // The webview's console is invisible to users: its messages go to the host log.
          'app/log': ({ level, message }) => log()[level](`[webview] ${String(message).slice(0, 2000)}`),
        },
      ),
    );
    this.channel.onDidBecomeReady(() => this.pushState());
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      distUri: vscode.Uri.joinPath(extensionUri, 'dist'),
      title: conversationId,
      lang: vscode.env.language,
    });
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  private pushState(): void {
    this.channel.notify('app/state', {
      conversationId: this.conversationId,
      title: this.conversationId,
      signedIn: false,
      locale: vscode.env.language,
    });
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    ChatPanel.panels.delete(this.conversationId);
    super.dispose();
    this.panel.dispose();
  }
}
