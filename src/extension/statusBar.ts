/** The status bar item: connection state and total unread; clicking it opens the conversations. */
import * as vscode from 'vscode';
import type { ConversationStore } from './conversations/conversationStore';
import { Disposable } from './lifecycle';
import { describeAccount } from './session/account';
import type { TimSession } from './session/timSession';

export class StatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('timChat.status', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly session: TimSession,
    private readonly store: ConversationStore,
  ) {
    super();
    this.item.name = 'TIM Chat';
    this.item.command = 'timChat.showConversations';
    this.register(session.onDidChangeState(() => this.update()));
    this.register(store.onDidChangeTotalUnread(() => this.update()));
    this.update();
    this.item.show();
  }

  /** The item's text, for tests. */
  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const state = this.session.state;
    this.item.backgroundColor = undefined;
    switch (state.kind) {
      case 'signedOut':
        this.item.text = '$(comment-discussion) TIM Chat';
        this.item.tooltip = state.reason ?? vscode.l10n.t('TIM Chat: signed out. Click to open the conversations.');
        if (state.reason) {
          this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        }
        return;
      case 'connecting':
        this.item.text = '$(sync~spin) TIM Chat';
        this.item.tooltip = vscode.l10n.t('Connecting as {0}…', describeAccount(state.account));
        return;
      case 'signedIn': {
        const unread = this.store.totalUnread;
        const icon = state.online ? (unread > 0 ? '$(comment-unresolved)' : '$(comment-discussion)') : '$(debug-disconnect)';
        this.item.text = unread > 0 ? `${icon} ${unread}` : icon;
        this.item.tooltip = state.online
          ? vscode.l10n.t('{0}: {1} unread', describeAccount(state.account), unread)
          : vscode.l10n.t('{0}: reconnecting…', describeAccount(state.account));
        return;
      }
    }
  }
}
