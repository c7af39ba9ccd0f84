/**
 * A group's profile: Group Info… (TIMGroupGetGroupInfoList: type, owner, members, creation, notice and
 * introduction in a modal, with Edit Notice… and Show Members… beside it) and Edit Group Notice… (the
 * current notice to edit, then TIMGroupModifyGroupInfo). Who may change the notice is TIM's rule (the
 * group's type and the user's role); a refusal is shown as TIM gives it.
 */
import * as vscode from 'vscode';
import { TIMGroupType } from '../../tim/enums';
import { type TimGroupDetailInfo, TIMGroupModifyInfoFlag } from '../../tim/types/group';
import type { ConversationStore } from '../conversations/conversationStore';
import { readGroupInfo } from '../conversations/groupProfile';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { groupTarget } from './groupManagement';
import { joinOptionLabel, takesJoinRequests } from './joinRequestCommands';

/** The longest group notice TIM keeps (Tencent: 300 bytes). */
export const MAX_GROUP_NOTICE_BYTES = 300;

export function validateGroupNotice(value: string): string | undefined {
  return Buffer.byteLength(value.trim(), 'utf8') > MAX_GROUP_NOTICE_BYTES ? vscode.l10n.t('A group notice has at most {0} bytes', MAX_GROUP_NOTICE_BYTES) : undefined;
}

function groupTypeName(type: number): string {
  switch (type) {
    case TIMGroupType.Private:
      return vscode.l10n.t('Work group');
    case TIMGroupType.Public:
      return vscode.l10n.t('Public group');
    case TIMGroupType.ChatRoom:
      return vscode.l10n.t('Meeting group');
    case TIMGroupType.AVChatRoom:
      return vscode.l10n.t('Live group');
    case TIMGroupType.Community:
      return vscode.l10n.t('Community');
    default:
      return vscode.l10n.t('Group');
  }
}

/** The modal's detail: one fact per line, the notice and introduction last (they may be long). */
export function groupInfoDetail(info: TimGroupDetailInfo, locale: string): string {
  const members = info.group_detail_info_max_member_num
    ? vscode.l10n.t('{0} of at most {1} members', info.group_detail_info_member_num ?? 0, info.group_detail_info_max_member_num)
    : vscode.l10n.t('{0} members', info.group_detail_info_member_num ?? 0);
  const created = info.group_detail_info_create_time ? new Date(info.group_detail_info_create_time * 1000).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' }) : '';
  const facts = [
    `${groupTypeName(info.group_detail_info_group_type)} · ${info.group_detail_info_group_id}`,
    members,
    info.group_detail_info_owner_identifier ? vscode.l10n.t('Owner: {0}', info.group_detail_info_owner_identifier) : '',
    takesJoinRequests(info.group_detail_info_group_type) ? vscode.l10n.t('Joining: {0}', joinOptionLabel(info.group_detail_info_add_option)) : '',
    info.group_detail_info_is_shutup_all ? vscode.l10n.t('Writing: only the owner and admins') : '',
    created ? vscode.l10n.t('Created {0}', created) : '',
  ];
  const texts = [
    vscode.l10n.t('Notice: {0}', info.group_detail_info_notification || vscode.l10n.t('(none)')),
    info.group_detail_info_introduction ? vscode.l10n.t('Introduction: {0}', info.group_detail_info_introduction) : '',
  ];
  // A blank line between the facts and the texts.
  return [...facts.filter(Boolean), '', ...texts.filter(Boolean)].join('\n');
}

export function registerGroupInfoCommands({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  const notAGroup = (name: string): string => vscode.l10n.t('{0} is a one-to-one chat: only groups have a profile and a notice.', name);

  const editNotice = async (arg: unknown): Promise<string | undefined> => {
    const client = session.requireClient();
    const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Edit Group Notice'), notAGroup);
    if (!target) {
      return undefined;
    }
    const current = (await readGroupInfo(client, target.ref.id)).group_detail_info_notification ?? '';
    const input = await vscode.window.showInputBox({
      title: vscode.l10n.t('Notice of {0}', target.name),
      prompt: vscode.l10n.t('What every member should know (empty: no notice)'),
      value: current,
      validateInput: validateGroupNotice,
    });
    if (input === undefined || input.trim() === current.trim()) {
      return undefined;
    }
    const problem = validateGroupNotice(input);
    if (problem) {
      throw new Error(problem);
    }
    await client.groupModifyGroupInfo({
      group_modify_info_param_group_id: target.ref.id,
      group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.Notification,
      group_modify_info_param_notification: input.trim(),
    });
    void showInfo(input.trim() ? vscode.l10n.t('The notice of {0} is updated.', target.name) : vscode.l10n.t('{0} has no notice now.', target.name));
    return input.trim();
  };

  return [
    registerCommand('timChat.showGroupInfo', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Group Info'), notAGroup);
      if (!target) {
        return undefined;
      }
      const info = await readGroupInfo(client, target.ref.id);
      const edit = vscode.l10n.t('Edit Notice…');
      const members = vscode.l10n.t('Show Members…');
      const choice = await showInfo(info.group_detail_info_group_name || target.name, { modal: true, detail: groupInfoDetail(info, vscode.env.language) }, edit, members);
      if (choice === edit) {
        await editNotice(target.key);
      } else if (choice === members) {
        await vscode.commands.executeCommand('timChat.showGroupMembers', target.key);
      }
      return info;
    }),
    registerCommand('timChat.editGroupNotice', editNotice),
  ];
}
