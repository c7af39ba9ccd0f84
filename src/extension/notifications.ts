/**
 * Notifications for new messages in conversations the user is not looking at. They follow the
 * conversation's receive option (not-notify: none; not-notify-except-@: only mentions of me) and go
 * through VS Code's own notifications, so Do Not Disturb silences them like any other. Clicking opens
 * the conversation.
 */
import * as vscode from 'vscode';
import { TIMConvType, TIMReceiveMessageOpt } from '../tim/enums';
import type { TimMessage } from '../tim/types/message';
import { previewText } from './chat/messageView';
import { conversationKey } from './conversations/conversationKey';
import type { ConversationStore } from './conversations/conversationStore';
import { groupDismissalOf, isSystemMessage } from './conversations/groupReports';
import { Disposable } from './lifecycle';
import { shouldNotify } from './notificationPolicy';
import type { ChatPanels } from './panels/chatPanel';
import type { TimSession } from './session/timSession';

export class MessageNotifications extends Disposable {
  private subscription: vscode.Disposable | undefined;
  /** Every notification decision, newest last (bounded): lets tests see what was and was not shown. */
  readonly shown: string[] = [];

  constructor(
    private readonly session: TimSession,
    private readonly store: ConversationStore,
    private readonly panels: ChatPanels,
  ) {
    super();
    this.register(session.onDidChangeState(() => this.follow()));
    this.register({ dispose: () => this.subscription?.dispose() });
    this.follow();
  }

  private follow(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    const state = this.session.state;
    if (state.kind === 'signedIn') {
      this.subscription = state.client.onEvent('RecvNewMsg', (messages) => this.onMessages(messages, state.account.userId));
    }
  }

  private onMessages(messages: readonly TimMessage[], selfId: string): void {
    for (const message of messages) {
      if (isSystemMessage(message)) {
        this.onSystemMessage(message, selfId);
        continue;
      }
      if (message.message_is_from_self || message.message_sender === selfId) {
        continue;
      }
      const key = conversationKey({ id: message.message_conv_id, type: message.message_conv_type === 2 ? 2 : 1 });
      if (this.panels.get(key)?.isVisible && vscode.window.state.focused) {
        continue;
      }
      const summary = this.store.get(key);
      const receiveOpt = summary?.receiveOpt ?? TIMReceiveMessageOpt.Receive;
      if (!shouldNotify(receiveOpt, message, selfId)) {
        continue;
      }
      const name = summary?.name ?? message.message_conv_id;
      const text = previewText(message, { t: vscode.l10n.t, selfId, displayName: () => undefined });
      const sender = message.message_sender_profile?.user_profile_nick_name || message.message_sender;
      const line = message.message_conv_type === 2 ? `${name} · ${sender}: ${text}` : `${sender}: ${text}`;
      this.show(line, key);
    }
  }

  /** Of TIM's system notices only a group's dismissal is told, unless the user dismissed it themselves. */
  private onSystemMessage(message: TimMessage, selfId: string): void {
    const dismissal = groupDismissalOf(message);
    if (!dismissal || dismissal.opUser === selfId) {
      return;
    }
    const key = conversationKey({ id: dismissal.groupId, type: TIMConvType.Group });
    const listed = this.store.get(key);
    const name = listed?.name ?? (dismissal.groupName || dismissal.groupId);
    const line = dismissal.opUser
      ? vscode.l10n.t('{0} was dismissed by {1}: no one can write in it any more.', name, dismissal.opUser)
      : vscode.l10n.t('{0} was dismissed: no one can write in it any more.', name);
    this.show(line, listed ? key : undefined);
  }

  /** Shows a notification (with Open when there is a conversation to open) and records it for tests. */
  private show(line: string, key: string | undefined): void {
    this.shown.push(line);
    this.shown.splice(0, Math.max(0, this.shown.length - 50));
    if (key === undefined) {
      void vscode.window.showInformationMessage(line);
      return;
    }
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(line, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('timChat.openChat', key);
      }
    });
  }
}
