/** Commands for groups: create one (with initial members) and join one by its ID. */
import * as vscode from 'vscode';
import { TIMGroupAddOption, TIMGroupType } from '../../tim/enums';
import { conversationKey } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import type { ChatPanels } from '../panels/chatPanel';
import { validateUserId } from '../session/account';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';

/** Tencent Cloud Chat takes at most 20 members when a group is created. */
const MAX_INITIAL_MEMBERS = 20;

function validateGroupName(value: string): string | undefined {
  const name = value.trim();
  if (!name) {
    return vscode.l10n.t('Enter a group name');
  }
  return Buffer.byteLength(name, 'utf8') > 100 ? vscode.l10n.t('A group name has at most 100 bytes') : undefined;
}

function validateMemberList(value: string): string | undefined {
  const ids = value.split(/[\s,]+/).filter(Boolean);
  if (ids.length > MAX_INITIAL_MEMBERS) {
    return vscode.l10n.t('At most {0} members when creating a group', MAX_INITIAL_MEMBERS);
  }
  for (const id of ids) {
    const problem = validateUserId(id);
    if (problem) {
      return `${id}: ${problem}`;
    }
  }
  return undefined;
}

export function registerGroupCommands({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  return [
    registerCommand('timChat.createGroup', async () => {
      const client = session.requireClient();
      const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Create Group'), prompt: vscode.l10n.t('Group name'), validateInput: validateGroupName });
      if (!name?.trim()) {
        return undefined;
      }
      const members = await vscode.window.showInputBox({
        title: vscode.l10n.t('Create Group'),
        prompt: vscode.l10n.t('Members to add (user IDs separated by commas or spaces; may be empty)'),
        validateInput: validateMemberList,
      });
      if (members === undefined) {
        return undefined;
      }
      const ids = [...new Set(members.split(/[\s,]+/).filter(Boolean))];
      const { create_group_result_groupid: groupId } = await client.groupCreate({
        create_group_param_group_name: name.trim(),
        // A public group anyone may join by its ID: teams share the ID to bring people in.
        create_group_param_group_type: TIMGroupType.Public,
        create_group_param_add_option: TIMGroupAddOption.Any,
        create_group_param_group_member_array: ids.map((id) => ({ group_member_info_identifier: id })),
      });
      await store.reload(client);
      return panels.open(conversationKey({ id: groupId, type: 2 }));
    }),
    registerCommand('timChat.joinGroup', async (arg) => {
      const client = session.requireClient();
      const groupId = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
        title: vscode.l10n.t('Join Group'),
        prompt: vscode.l10n.t('Group ID'),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a group ID')),
      });
      if (!groupId?.trim()) {
        return undefined;
      }
      await client.groupJoin(groupId.trim(), '');
      await store.reload(client);
      return panels.open(conversationKey({ id: groupId.trim(), type: 2 }));
    }),
  ];
}
