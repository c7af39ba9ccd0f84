/**
 * Notifications for new messages in conversations the user is not looking at. They follow the
 * conversation's receive option (not-notify: none; not-notify-except-@: only mentions of me) and go
 * through VS Code's own notifications, so Do Not Disturb silences them like any other. Open opens the
 * conversation; Reply… answers it from an input box. Of TIM's system notices, a group's dismissal and
 * requests to join are told too.
 */
import * as vscode from 'vscode';
import { inertLinks } from './notificationText';
import { TIMConvType, TIMElemType, TIMGroupReportType, TIMReceiveMessageOpt } from '../tim/enums';
import type { TimMessage } from '../tim/types/message';
import { previewText } from './chat/messageView';
import { conversationKey, parseConversationKey } from './conversations/conversationKey';
import type { ConversationStore } from './conversations/conversationStore';
import { type GroupReport, groupReportOf, isSystemMessage } from './conversations/groupReports';
import type { JoinRequestCounts } from './conversations/joinRequestCounts';
import { findWaitingJoinRequest } from './conversations/joinRequests';
import { muteDurationText } from './conversations/muteDuration';
import { decideJoinRequest } from './commands/joinRequestCommands';
import { Disposable } from './lifecycle';
import { describeFailure } from './log';
import { sentHere } from './messages/sentHere';
import { shouldNotify } from './notificationPolicy';
import { showError, showInfo } from './notify';
import type { ChatPanels } from './panels/chatPanel';
import { inertIcons } from './pickText';
import type { TimSession } from './session/timSession';

export class MessageNotifications extends Disposable {
  private subscription: vscode.Disposable | undefined;
  /** Every notification decision, newest last (bounded): lets tests see what was and was not shown. */
  readonly shown: string[] = [];

  constructor(
    private readonly session: TimSession,
    private readonly store: ConversationStore,
    private readonly panels: ChatPanels,
    /** Its first read at each sign-in is announced; it is read again after a decision made from a notification. */
    private readonly joinRequests?: JoinRequestCounts,
  ) {
    super();
    this.register(session.onDidChangeState(() => this.follow()));
    if (joinRequests) {
      this.register(joinRequests.onDidReadAtSignIn((unread) => void this.tellUnreadJoinRequests(unread)));
    }
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

  /**
   * At sign-in (the request counts' first read): requests to join that arrived while the user was away
   * (TIM's unread count: newer than the last Review Join Requests…), which no notice of their own
   * announced on this device.
   */
  private async tellUnreadJoinRequests(unread: number): Promise<void> {
    if (unread <= 0) {
      return;
    }
    const line = unread === 1 ? vscode.l10n.t('1 request to join your groups is waiting.') : vscode.l10n.t('{0} requests to join your groups are waiting.', unread);
    this.record(line);
    const review = vscode.l10n.t('Review…');
    if ((await showInfo(line, review)) === review) {
      await vscode.commands.executeCommand('timChat.reviewJoinRequests');
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
      this.showMessage(line, key, name);
    }
  }

  /**
   * Of TIM's system notices, told: a group's dismissal (unless the user dismissed it), a request to join a
   * group the user approves (to accept or decline right there), the decision on the user's own request,
   * and the user being muted or unmuted in a group.
   */
  private onSystemMessage(message: TimMessage, selfId: string): void {
    const report = groupReportOf(message);
    if (!report || report.opUser === selfId) {
      return;
    }
    const key = conversationKey({ id: report.groupId, type: TIMConvType.Group });
    const listed = this.store.get(key);
    const name = listed?.name ?? (report.groupName || report.groupId);
    switch (report.type) {
      case TIMGroupReportType.Delete:
        this.show(
          report.opUser
            ? vscode.l10n.t('{0} was dismissed by {1}: no one can write in it any more.', name, report.opUser)
            : vscode.l10n.t('{0} was dismissed: no one can write in it any more.', name),
          listed ? key : undefined,
        );
        return;
      case TIMGroupReportType.AddRequest:
        this.showJoinRequest(report, name);
        return;
      case TIMGroupReportType.AddAccept:
        this.show(vscode.l10n.t('You joined {0}: your request was accepted.', name), key);
        return;
      case TIMGroupReportType.AddRefuse:
        this.show(report.msg ? vscode.l10n.t('Your request to join {0} was declined: {1}', name, report.msg) : vscode.l10n.t('Your request to join {0} was declined.', name), undefined);
        return;
      case TIMGroupReportType.ShutUpMember:
        this.show(
          report.shutUpTime > 0
            ? vscode.l10n.t('{0} muted you in {1} for {2}.', report.opUser, name, muteDurationText(report.shutUpTime, vscode.l10n.t))
            : vscode.l10n.t('{0} unmuted you in {1}.', report.opUser, name),
          listed ? key : undefined,
        );
        return;
      default:
        return;
    }
  }

  /** "bob asks to join Team: …" with Accept and Decline (the request read afresh: another admin may have decided it) and Review…. */
  private showJoinRequest(report: GroupReport, groupName: string): void {
    const line = inertLinks(report.msg ? vscode.l10n.t('{0} asks to join {1}: "{2}"', report.opUser, groupName, report.msg) : vscode.l10n.t('{0} asks to join {1}.', report.opUser, groupName));
    this.record(line);
    const accept = vscode.l10n.t('Accept');
    const decline = vscode.l10n.t('Decline');
    const review = vscode.l10n.t('Review…');
    void showInfo(line, accept, decline, review).then(async (choice) => {
      if (choice === review) {
        await vscode.commands.executeCommand('timChat.reviewJoinRequests');
        return;
      }
      if (choice !== accept && choice !== decline) {
        return;
      }
      try {
        const client = this.session.requireClient();
        const request = await findWaitingJoinRequest(client, report.groupId, report.opUser);
        const said = await decideJoinRequest(client, request, choice === accept, report.opUser, groupName);
        void this.joinRequests?.refresh();
        this.record(said);
        void showInfo(said);
      } catch (error: unknown) {
        void showError(vscode.l10n.t('TIM Chat: {0}', describeFailure(error)));
      }
    });
  }

  /** Shows a notification (with Open when there is a conversation to open) and records it for tests. */
  private show(text: string, key: string | undefined): void {
    // showInfo makes the links inert too; here so that the record holds the line as shown.
    const line = inertLinks(text);
    this.record(line);
    if (key === undefined) {
      void showInfo(line);
      return;
    }
    const open = vscode.l10n.t('Open');
    void showInfo(line, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('timChat.openChat', key);
      }
    });
  }

  /** A message's notification: Open, or Reply… without leaving what the user is doing. */
  private showMessage(text: string, key: string, name: string): void {
    // Not left to showInfo: Reply…'s input box shows the line as its prompt, which makes links (commands too) as well.
    const line = inertLinks(text);
    this.record(line);
    const open = vscode.l10n.t('Open');
    const reply = vscode.l10n.t('Reply…');
    void showInfo(line, open, reply).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('timChat.openChat', key);
      } else if (choice === reply) {
        void this.reply(key, name, line, '');
      }
    });
  }

  /**
   * Asks for a reply in an input box and sends it as a plain message. A failed send says why and offers
   * to try again with the text as it was typed: nothing typed is lost.
   */
  private async reply(key: string, name: string, line: string, typed: string): Promise<void> {
    const ref = parseConversationKey(key);
    if (ref === undefined) {
      return;
    }
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Reply to {0}', name),
      prompt: inertIcons(line),
      value: typed,
      placeHolder: vscode.l10n.t('Message'),
      ignoreFocusOut: true,
    });
    if (text === undefined || text.trim() === '') {
      return;
    }
    try {
      const { client } = this.session.requireSignedIn();
      const { message } = await client.msgSendMessage(ref.id, ref.type, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text }] });
      sentHere(message);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Sent to {0}', inertIcons(name)), 4000);
    } catch (error: unknown) {
      const again = vscode.l10n.t('Try Again');
      const choice = await showError(vscode.l10n.t('Your reply to {0} was not sent: {1}', name, describeFailure(error)), again);
      if (choice === again) {
        await this.reply(key, name, line, text);
      }
    }
  }

  private record(line: string): void {
    this.shown.push(line);
    this.shown.splice(0, Math.max(0, this.shown.length - 50));
  }
}
