/**
 * The status bar item: connection state and total unread, and in its tooltip the custom status the user
 * set (TIMSetSelfStatus, from Edit My Profile… here or on another device); clicking it opens the
 * conversations.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../tim/client';
import type { ConversationStore } from './conversations/conversationStore';
import { Disposable } from './lifecycle';
import { describeAccount } from './session/account';
import type { TimSession } from './session/timSession';

export class StatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('timChat.status', vscode.StatusBarAlignment.Left, 50));
  /** The signed-in user's custom status; '' when none (or the app has no online status). */
  private ownStatus = '';
  /** The client whose events ownStatus follows, and that subscription. */
  private followed: TimClient | undefined;
  private following: vscode.Disposable | undefined;
  /** Bumped by every status event: a read that started before one is older than it. */
  private statusEvents = 0;
  /** Whether the followed client was connected at the last state change: a reconnect reads the status again. */
  private wasOnline = false;

  constructor(
    private readonly session: TimSession,
    private readonly store: ConversationStore,
  ) {
    super();
    this.item.name = 'TIM Chat';
    this.item.command = 'timChat.showConversations';
    this.register(session.onDidChangeState(() => {
      this.followOwnStatus();
      this.update();
    }));
    this.register(store.onDidChangeTotalUnread(() => this.update()));
    this.register({ dispose: () => this.following?.dispose() });
    this.followOwnStatus();
    this.update();
    this.item.show();
  }

  /** The item's text and tooltip, for tests. */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  /**
   * Reads the user's custom status at sign-in, then keeps it from UserStatusChanged: TIM tells every
   * device of a user when one of them sets it. Read again after a reconnect: tim-emulator replays what a
   * device missed while it was disconnected, as it does every stored event, but whether Tencent's SDK
   * tells a device what changed while it was away is not known.
   */
  private followOwnStatus(): void {
    const state = this.session.state;
    const client = state.kind === 'signedIn' ? state.client : undefined;
    const online = state.kind === 'signedIn' && state.online;
    const reconnected = online && !this.wasOnline;
    this.wasOnline = online;
    if (client === this.followed) {
      if (reconnected && state.kind === 'signedIn') {
        this.readOwnStatus(state.client, state.account.userId);
      }
      return;
    }
    this.following?.dispose();
    this.following = undefined;
    this.followed = client;
    this.ownStatus = '';
    if (client === undefined || state.kind !== 'signedIn') {
      return;
    }
    const self = state.account.userId;
    this.following = client.onEvent('UserStatusChanged', (statuses) => {
      const mine = statuses.find((status) => status.user_status_identifier === self);
      if (mine !== undefined) {
        this.statusEvents += 1;
        this.ownStatus = mine.user_status_custom_status ?? '';
        this.update();
      }
    });
    this.readOwnStatus(client, self);
  }

  private readOwnStatus(client: TimClient, self: string): void {
    const eventsBefore = this.statusEvents;
    client.getUserStatus([self]).then(
      (statuses) => {
        if (this.followed === client && this.statusEvents === eventsBefore) {
          this.ownStatus = statuses[0]?.user_status_custom_status ?? '';
          this.update();
        }
      },
      // An app without Tencent's online status: there is no custom status to show.
      () => undefined,
    );
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
        const who = describeAccount(state.account);
        if (!state.online) {
          this.item.tooltip = vscode.l10n.t('{0}: reconnecting…', who);
        } else if (this.ownStatus === '') {
          this.item.tooltip = vscode.l10n.t('{0}: {1} unread', who, unread);
        } else {
          this.item.tooltip = vscode.l10n.t('{0} ("{1}"): {2} unread', who, this.ownStatus, unread);
        }
        return;
      }
    }
  }
}
