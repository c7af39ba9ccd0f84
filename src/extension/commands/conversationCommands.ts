/**
 * Commands on one conversation (tree context menu, inline actions, palette): open, next unread, new
 * conversation (with a contact, or a user ID), mark as read or unread, star, pin/unpin, the four receive options, clear history, delete conversation.
 */
import * as vscode from 'vscode';
import { TIMConvType, TIMConversationMarkType, TIMReceiveMessageOpt } from '../../tim/enums';
import type { ContactBook } from '../contacts/contactBook';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo, showWarning } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import { validateUserId } from '../session/account';
import type { TimSession } from '../session/timSession';
import { RECEIVE_OPTION_COMMANDS } from '../tree/conversationMenu';
import { registerCommand } from './command';
import { markUnread, setConversationMark } from '../conversations/conversationMark';
import { nextUnreadKey } from '../conversations/nextUnread';
import { activePanel, resolveTarget } from './targets';

export interface ConversationCommandDeps {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
  readonly contacts: ContactBook;
}

/** Whom New Conversation is with: a contact picked, or (without contacts, or asked for) a user ID typed. */
async function personToChatWith(contacts: ContactBook): Promise<string | undefined> {
  const title = vscode.l10n.t('New Conversation');
  const known = contacts.contacts();
  if (known.length > 0) {
    const typeIt = { label: `$(keyboard) ${vscode.l10n.t('Another User ID…')}`, userId: undefined };
    const picked = await vscode.window.showQuickPick(
      [...known.map((contact) => ({ label: inertIcons(contact.name), description: contact.name === contact.userId ? '' : contact.userId, userId: contact.userId as string | undefined })), typeIt],
      { title, placeHolder: vscode.l10n.t('Pick a contact, or type to filter'), matchOnDescription: true },
    );
    if (picked === undefined || picked.userId !== undefined) {
      return picked?.userId;
    }
  }
  const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('User ID of the person to chat with'), validateInput: validateUserId });
  return typed?.trim() || undefined;
}

export function registerConversationCommands({ session, store, panels, contacts }: ConversationCommandDeps): vscode.Disposable[] {
  const reload = async (): Promise<void> => store.reload(session.requireClient());
  return [
    registerCommand('timChat.openChat', async (arg) => {
      if (arg === undefined && store.list().length === 0) {
        // Nothing to pick from yet: ask for the conversation instead.
        const typed = await vscode.window.showInputBox({
          title: vscode.l10n.t('Open Chat'),
          prompt: vscode.l10n.t('Conversation ID (a user ID, or group_<group ID>)'),
          validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a conversation ID')),
        });
        return typed?.trim() ? panels.open(typed.trim()) : undefined;
      }
      const target = await resolveTarget(arg, store, vscode.l10n.t('Open Chat'));
      return target ? panels.open(target.key) : undefined;
    }),
    registerCommand('timChat.nextUnreadConversation', async () => {
      session.requireClient();
      const key = nextUnreadKey(store.list(), activePanel(panels)?.key);
      if (key === undefined) {
        void showInfo(vscode.l10n.t('No other conversation has unread messages.'));
        return undefined;
      }
      panels.open(key);
      return key;
    }),
    registerCommand('timChat.newConversation', async (arg) => {
      session.requireClient();
      const userId = typeof arg === 'string' ? arg : await personToChatWith(contacts);
      return userId?.trim() ? panels.open(`c2c_${userId.trim()}`) : undefined;
    }),
    registerCommand('timChat.markAsRead', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Mark as Read'));
      if (target) {
        const client = session.requireClient();
        await client.msgReportReaded(target.ref.id, target.ref.type);
        if (store.get(target.key)?.markedUnread) {
          await markUnread(client, target.key, false);
        }
        await reload();
      }
    }),
    registerCommand('timChat.markAsUnread', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Mark as Unread'));
      if (target) {
        await markUnread(session.requireClient(), target.key, true);
        await reload();
      }
    }),
    ...[
      { id: 'timChat.starConversation', title: vscode.l10n.t('Add Star'), starred: true },
      { id: 'timChat.unstarConversation', title: vscode.l10n.t('Remove Star'), starred: false },
    ].map(({ id, title, starred }) =>
      registerCommand(id, async (arg) => {
        const target = await resolveTarget(arg, store, title);
        if (target) {
          await setConversationMark(session.requireClient(), target.key, TIMConversationMarkType.Star, starred);
          await reload();
        }
      }),
    ),
    registerCommand('timChat.pinConversation', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Pin'));
      if (target) {
        await session.requireClient().convPinConversation(target.ref.id, target.ref.type, true);
        await reload();
      }
    }),
    registerCommand('timChat.unpinConversation', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Unpin'));
      if (target) {
        await session.requireClient().convPinConversation(target.ref.id, target.ref.type, false);
        await reload();
      }
    }),
    ...RECEIVE_OPTION_COMMANDS.map(({ id, opt }) =>
      registerCommand(id, async (arg) => {
        const target = await resolveTarget(arg, store, vscode.l10n.t('Notifications'));
        if (!target) {
          return;
        }
        const client = session.requireClient();
        if (target.ref.type === TIMConvType.Group) {
          await client.msgSetGroupReceiveMessageOpt(target.ref.id, opt as TIMReceiveMessageOpt);
        } else {
          await client.msgSetC2CReceiveMessageOpt([target.ref.id], opt as TIMReceiveMessageOpt);
        }
        await reload();
      }),
    ),
    registerCommand('timChat.clearHistory', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Clear History'));
      if (!target) {
        return;
      }
      const clear = vscode.l10n.t('Clear History');
      const answer = await showWarning(
        vscode.l10n.t('Clear the whole history of {0}? Messages are removed from this device and from the server.', target.name),
        { modal: true },
        clear,
      );
      if (answer === clear) {
        await session.requireClient().msgClearHistoryMessage(target.ref.id, target.ref.type);
        panels.get(target.key)?.dispose();
        await reload();
      }
    }),
    registerCommand('timChat.deleteConversation', async (arg) => {
      const target = await resolveTarget(arg, store, vscode.l10n.t('Delete Conversation'));
      if (!target) {
        return;
      }
      const remove = vscode.l10n.t('Delete');
      const answer = await showWarning(vscode.l10n.t('Delete the conversation with {0}?', target.name), { modal: true }, remove);
      if (answer === remove) {
        await session.requireClient().convDelete(target.ref.id, target.ref.type);
        panels.get(target.key)?.dispose();
        await reload();
      }
    }),
  ];
}
