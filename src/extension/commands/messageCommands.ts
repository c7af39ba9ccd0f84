/**
 * Commands for the rest of the message API: search (everywhere, and in one conversation), the Starred
 * list, import messages from a JSON file, save a local note, mark everything read, delete and forward
 * the panel's selected messages, and receive options for several people at once or for a group.
 */
import fs from 'node:fs';
import * as vscode from 'vscode';
import { TIMConvType, TIMElemType, TIMMsgStatus, TIMReceiveMessageOpt } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import { previewText } from '../chat/messageView';
import { deleteSelected } from '../chat/messageRequests';
import type { ConversationStore } from '../conversations/conversationStore';
import { askForwardMode, forwardMessages } from '../messages/forward';
import { MAX_IMPORT_MESSAGES, parseImportFile, type ImportProblem } from '../messages/importFile';
import { openAtMessage } from '../messages/openAtMessage';
import { runSearch } from '../messages/searchFlow';
import { isStarred } from '../messages/starMark';
import { StarredIndex } from '../messages/starredIndex';
import { showInfo } from '../notify';
import type { ChatPanel, ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { activePanel, commandTarget, resolveTarget, type CommandTarget } from './targets';

export interface MessageCommandDeps {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
}

/** TIMMsgSetC2CReceiveMessageOpt takes at most 30 users per call. */
export const MAX_RECEIVE_OPT_USERS = 30;

function receiveOptionItems(): Array<vscode.QuickPickItem & { opt: TIMReceiveMessageOpt }> {
  return [
    { label: vscode.l10n.t('Receive and Notify'), opt: TIMReceiveMessageOpt.Receive },
    { label: vscode.l10n.t('Receive without Notifying'), opt: TIMReceiveMessageOpt.Not_Notify },
    { label: vscode.l10n.t('Notify Only for Mentions'), opt: TIMReceiveMessageOpt.Not_Notify_Except_At },
    { label: vscode.l10n.t('Do Not Receive'), opt: TIMReceiveMessageOpt.Not_Receive },
  ];
}

function importProblemText(problem: ImportProblem): string {
  switch (problem.kind) {
    case 'notJson':
      return vscode.l10n.t('The file is not valid JSON: {0}', problem.detail);
    case 'notList':
      return vscode.l10n.t('The file must hold a JSON array of TIM messages (or {"messages": [...]}).');
    case 'empty':
      return vscode.l10n.t('The file holds no messages.');
    case 'tooMany':
      return vscode.l10n.t('The file holds {0} messages; import at most {1} at a time.', problem.count, MAX_IMPORT_MESSAGES);
    case 'badMessage':
      return vscode.l10n.t('Message {0} in the file cannot be imported: {1}', problem.index, problem.detail);
  }
}

function targetOf(arg: unknown, deps: MessageCommandDeps, title: string): Promise<CommandTarget | undefined> {
  return commandTarget(arg, deps.store, deps.panels, title);
}

function selectedIn(panel: ChatPanel | undefined): { panel: ChatPanel; messages: TimMessage[] } {
  const ids = panel?.controller.selection ?? [];
  const messages = ids.map((id) => panel?.controller.loaded(id)).filter((m): m is TimMessage => m !== undefined);
  if (!panel || messages.length === 0) {
    throw new Error(vscode.l10n.t('Select messages in a chat panel first (Ctrl+click or Shift+click them).'));
  }
  return { panel, messages };
}

export function registerMessageCommands(deps: MessageCommandDeps): vscode.Disposable[] {
  const { session, store, panels } = deps;
  const selfId = (): string => session.signedInAccount?.userId ?? '';
  return [
    registerCommand('timChat.searchMessages', async () => runSearch({ client: session.requireClient(), store, panels, selfId: selfId() })),

    registerCommand('timChat.searchInConversation', async (arg) => {
      const client = session.requireClient();
      const target = await targetOf(arg, deps, vscode.l10n.t('Search in This Conversation'));
      return target ? runSearch({ client, store, panels, selfId: selfId() }, { ref: target.ref, name: target.name }) : undefined;
    }),

    registerCommand('timChat.showStarredMessages', async () => {
      const client = session.requireClient();
      const index = new StarredIndex(session.storageDir);
      const entries = index.list(selfId());
      const found = entries.length ? await client.msgFindMessages(entries.map((e) => e.id)) : [];
      const starred = found.filter(isStarred);
      // Unstarred elsewhere, or deleted: forget them.
      const gone = entries.filter((e) => !starred.some((m) => m.message_msg_id === e.id)).map((e) => e.id);
      if (gone.length) {
        index.remove(selfId(), gone);
      }
      if (starred.length === 0) {
        void showInfo(vscode.l10n.t('No starred messages yet. Star one from its actions menu in a chat panel.'));
        return undefined;
      }
      const order = new Map(entries.map((e, i) => [e.id, i]));
      starred.sort((a, b) => (order.get(a.message_msg_id) ?? 0) - (order.get(b.message_msg_id) ?? 0));
      const picked = await vscode.window.showQuickPick(
        starred.map((message) => {
          const key = `${message.message_conv_type === TIMConvType.Group ? 'group' : 'c2c'}_${message.message_conv_id}`;
          return {
            label: `$(star-full) ${inertIcons(previewText(message, { t: vscode.l10n.t, selfId: selfId(), displayName: () => undefined }))}`,
            description: inertIcons(`${message.message_sender} · ${store.get(key)?.name ?? message.message_conv_id}`),
            detail: new Date(Number(message.message_server_time || message.message_client_time) * 1000).toLocaleString(vscode.env.language),
            message,
          };
        }),
        { title: vscode.l10n.t('Starred Messages'), placeHolder: vscode.l10n.t('Choose a message to open it in its conversation'), matchOnDescription: true },
      );
      return picked ? openAtMessage(client, panels, picked.message) : undefined;
    }),

    registerCommand('timChat.importMessages', async (arg) => {
      const client = session.requireClient();
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Import Messages'), openLabel: vscode.l10n.t('Import'), filters: { JSON: ['json'] } });
      const file = files?.[0];
      if (!file) {
        return undefined;
      }
      const text = await fs.promises.readFile(file.fsPath, 'utf8');
      const parsed = parseImportFile(text, selfId());
      if ('problem' in parsed) {
        throw new Error(vscode.l10n.t('Nothing was imported. {0}', importProblemText(parsed.problem)));
      }
      const target = await resolveTarget(arg, store, vscode.l10n.t('Import {0} Messages into', parsed.messages.length));
      if (!target) {
        return undefined;
      }
      await client.msgImportMsgList(target.ref.id, target.ref.type, parsed.messages);
      panels.get(target.key)?.controller.reload();
      await store.reload(client).catch(() => undefined);
      void showInfo(vscode.l10n.t('Imported {0} messages into {1} (on this device only).', parsed.messages.length, target.name));
      return { imported: parsed.messages.length, key: target.key };
    }),

    registerCommand('timChat.saveNote', async (arg) => {
      const client = session.requireClient();
      const target = await targetOf(arg, deps, vscode.l10n.t('Save Note to Conversation'));
      if (!target) {
        return undefined;
      }
      const note = await vscode.window.showInputBox({
        title: vscode.l10n.t('Save Note to {0}', target.name),
        prompt: vscode.l10n.t('A note kept in this conversation on this device only; nobody else sees it.'),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the note')),
      });
      if (!note?.trim()) {
        return undefined;
      }
      const now = Math.floor(Date.now() / 1000);
      const saved = await client.msgSaveMsg(target.ref.id, target.ref.type, {
        message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: note.slice(0, 10_000) }],
        message_sender: selfId(),
        message_is_from_self: true,
        message_client_time: now,
        message_server_time: now,
        message_status: TIMMsgStatus.LocalImported,
      });
      panels.get(target.key)?.controller.reload();
      return saved;
    }),

    registerCommand('timChat.markAllAsRead', async () => {
      const client = session.requireClient();
      await client.msgMarkAllMessageAsRead();
      await store.reload(client);
    }),

    registerCommand('timChat.deleteSelectedMessages', async () => {
      const { panel, messages } = selectedIn(activePanel(panels));
      const byId = new Map(messages.map((m) => [m.message_msg_id, m]));
      return deleteSelected(
        {
          ref: panel.ref,
          client: () => session.requireClient(),
          // selectedIn() kept only loaded messages, so every id is here.
          find: (id) => byId.get(id) as TimMessage,
          removed: (ids) => panel.controller.removed(ids),
        },
        [...byId.keys()],
      );
    }),

    registerCommand('timChat.forwardSelectedMessages', async () => {
      const client = session.requireClient();
      const { panel, messages } = selectedIn(activePanel(panels));
      const target = await resolveTarget(undefined, store, vscode.l10n.t('Forward to'));
      const mode = target ? await askForwardMode(messages.length) : undefined;
      if (!target || !mode) {
        return undefined;
      }
      const name = store.get(panel.key)?.name ?? panel.ref.id;
      const forwarded = await forwardMessages(client, messages, target.ref, mode, vscode.l10n.t('Chat history of {0}', name), selfId());
      void showInfo(vscode.l10n.t('Forwarded to {0}.', target.name));
      return { forwarded, key: target.key };
    }),

    registerCommand('timChat.setPeopleNotifications', async (arg) => {
      const client = session.requireClient();
      const fromArg = Array.isArray(arg) ? arg.filter((v): v is string => typeof v === 'string') : undefined;
      let userIds = fromArg;
      if (!userIds) {
        const people = store.list().filter((s) => s.ref.type === TIMConvType.C2C);
        if (people.length === 0) {
          throw new Error(vscode.l10n.t('There are no one-to-one conversations yet.'));
        }
        const picked = await vscode.window.showQuickPick(
          people.map((s) => ({ label: inertIcons(s.name), description: s.ref.id === s.name ? undefined : s.ref.id, userId: s.ref.id })),
          { title: vscode.l10n.t('Notifications for Several People'), canPickMany: true, placeHolder: vscode.l10n.t('Choose up to {0} people', MAX_RECEIVE_OPT_USERS) },
        );
        if (!picked || picked.length === 0) {
          return undefined;
        }
        userIds = picked.map((p) => p.userId);
      }
      if (userIds.length > MAX_RECEIVE_OPT_USERS) {
        throw new Error(vscode.l10n.t('TIM sets notifications for at most {0} people at once; you chose {1}.', MAX_RECEIVE_OPT_USERS, userIds.length));
      }
      const option = await vscode.window.showQuickPick(receiveOptionItems(), { title: vscode.l10n.t('Notifications for {0} People', userIds.length) });
      if (!option) {
        return undefined;
      }
      await client.msgSetC2CReceiveMessageOpt(userIds, option.opt);
      await store.reload(client);
      return { userIds, opt: option.opt };
    }),

    registerCommand('timChat.setGroupNotifications', async (arg) => {
      const client = session.requireClient();
      let target: CommandTarget | undefined;
      if (arg === undefined) {
        const groups = store.list().filter((s) => s.ref.type === TIMConvType.Group);
        const picked = await vscode.window.showQuickPick(groups.map((s) => ({ label: inertIcons(s.name), description: s.ref.id, summary: s })), { title: vscode.l10n.t('Group Notifications'), placeHolder: vscode.l10n.t('Choose a group') });
        target = picked ? { key: picked.summary.key, ref: picked.summary.ref, name: picked.summary.name } : undefined;
      } else {
        target = await resolveTarget(arg, store, vscode.l10n.t('Group Notifications'));
      }
      if (!target) {
        return undefined;
      }
      if (target.ref.type !== TIMConvType.Group) {
        throw new Error(vscode.l10n.t('{0} is not a group.', target.name));
      }
      const option = await vscode.window.showQuickPick(receiveOptionItems(), { title: vscode.l10n.t('Notifications for {0}', target.name) });
      if (!option) {
        return undefined;
      }
      await client.msgSetGroupReceiveMessageOpt(target.ref.id, option.opt);
      await store.reload(client);
      return { groupId: target.ref.id, opt: option.opt };
    }),
  ];
}
