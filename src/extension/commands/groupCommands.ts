/**
 * Commands for groups: create one (with initial members), join one by its ID (or ask to, when it needs
 * approval), and show its members.
 * Managing a group (add and remove members, rename) is in groupManagement.ts.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMGroupAddOption, TIMGroupMemberRole, TIMGroupType } from '../../tim/enums';
import { MAX_USER_STATUS_IDS } from '../../tim/userStatusApi';
import { conversationKey } from '../conversations/conversationKey';
import { isMuted, readGroupMembers, type GroupMember } from '../conversations/groupMembers';
import { mutedUntilText } from '../conversations/muteDuration';
import type { ConversationStore } from '../conversations/conversationStore';
import { presenceOf } from '../conversations/presence';
import { readGroupInfo } from '../conversations/groupProfile';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { parseMemberList, validateGroupName, validateMemberList } from './groupInput';
import { groupTarget } from './groupManagement';
import { takesJoinRequests } from './joinRequestCommands';

/**
 * Who of `userIds` is online (TIMGetUserStatus; the first 500 of a large group). A premium feature on
 * Tencent: a refusal leaves everyone unmarked.
 */
async function onlineAmong(client: TimClient, userIds: readonly string[]): Promise<Set<string>> {
  const statuses = await client.getUserStatus(userIds.slice(0, MAX_USER_STATUS_IDS)).catch(() => []);
  return new Set(statuses.filter((status) => presenceOf(status)?.presence === 'online').map((status) => status.user_status_identifier));
}

function roleLabel(role: number): string | undefined {
  return role === TIMGroupMemberRole.Owner ? vscode.l10n.t('Owner') : role === TIMGroupMemberRole.Admin ? vscode.l10n.t('Admin') : undefined;
}

/**
 * The group types Create Group offers, as TIM defines them (TIMGroupManager.h): who gets in, and how.
 * Public first: teams share its ID to bring people in.
 */
export function groupKinds(): Array<vscode.QuickPickItem & { readonly type: TIMGroupType }> {
  return [
    { type: TIMGroupType.Public, label: `$(organization) ${vscode.l10n.t('Public group')}`, detail: vscode.l10n.t('Anyone with its ID can join, or ask to once you require approval; its owner chooses admins.') },
    { type: TIMGroupType.Private, label: `$(briefcase) ${vscode.l10n.t('Work group')}`, detail: vscode.l10n.t('Members add people directly; nobody joins by ID, and nobody can dismiss it.') },
    { type: TIMGroupType.ChatRoom, label: `$(comment-discussion) ${vscode.l10n.t('Meeting group')}`, detail: vscode.l10n.t('Anyone with its ID comes and goes freely.') },
  ];
}

/** Owner first, then admins, then everyone else by name. */
function byRoleThenName(a: GroupMember, b: GroupMember): number {
  return b.role - a.role || a.name.localeCompare(b.name);
}

export function registerGroupCommands({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  return [
    registerCommand('timChat.createGroup', async () => {
      const client = session.requireClient();
      const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Create Group'), prompt: vscode.l10n.t('Group name'), validateInput: validateGroupName });
      if (!name?.trim()) {
        return undefined;
      }
      const kind = await vscode.window.showQuickPick(groupKinds(), { title: vscode.l10n.t('Create Group'), placeHolder: vscode.l10n.t('What kind of group is {0}?', name.trim()) });
      if (!kind) {
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
      const ids = parseMemberList(members);
      const { create_group_result_groupid: groupId } = await client.groupCreate({
        create_group_param_group_name: name.trim(),
        create_group_param_group_type: kind.type,
        // Public and Meeting groups: anyone with the ID joins without waiting for approval (Join Group…).
        ...(kind.type === TIMGroupType.Private ? {} : { create_group_param_add_option: TIMGroupAddOption.Any }),
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
      const id = groupId.trim();
      // A group that needs approval takes a few words for its admins. Reading its profile may fail
      // (a Work group's is its members'); then TIM's answer to the join says why.
      const info = await readGroupInfo(client, id).catch(() => undefined);
      if (info && info.group_detail_info_add_option === TIMGroupAddOption.Forbid && takesJoinRequests(info.group_detail_info_group_type)) {
        throw new Error(vscode.l10n.t('{0} takes no requests to join: ask a member to add you.', info.group_detail_info_group_name || id));
      }
      let hello = '';
      if (info && info.group_detail_info_add_option === TIMGroupAddOption.Auth && takesJoinRequests(info.group_detail_info_group_type)) {
        const words = await vscode.window.showInputBox({
          title: vscode.l10n.t('Ask to Join {0}', info.group_detail_info_group_name || id),
          prompt: vscode.l10n.t('An admin or the owner approves each request. A few words for them (optional)'),
        });
        if (words === undefined) {
          return undefined;
        }
        hello = words.trim();
      }
      await client.groupJoin(id, hello);
      // TIM answers a request to a group that needs approval as it answers a join: only the joined list tells.
      if (!(await client.groupGetJoinedGroupList()).some((group) => group.group_base_info_group_id === id)) {
        void showInfo(vscode.l10n.t('Asked to join {0}. You will be told when an admin or the owner decides.', info?.group_detail_info_group_name || id));
        return undefined;
      }
      await store.reload(client);
      return panels.open(conversationKey({ id, type: TIMConvType.Group }));
    }),
    // Who is in a group (the active chat's, the tree row's, or one picked); choosing someone opens a chat with them.
    registerCommand('timChat.showGroupMembers', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Show Members'), (name) => vscode.l10n.t('{0} is a one-to-one chat: members are shown for groups.', name));
      if (!target) {
        return undefined;
      }
      const self = session.signedInAccount?.userId;
      const members = (await readGroupMembers(client, target.ref.id)).sort(byRoleThenName);
      const online = await onlineAmong(client, members.map((member) => member.userId).filter((id) => id !== self));
      const picked = await vscode.window.showQuickPick(
        members.map((member) => ({
          label: `$(${member.role >= TIMGroupMemberRole.Admin ? 'star-full' : 'account'}) ${inertIcons(member.name)}`,
          description: [member.userId === self ? vscode.l10n.t('you') : member.userId, roleLabel(member.role), online.has(member.userId) ? vscode.l10n.t('online') : '', isMuted(member) ? mutedUntilText(member.mutedUntil, vscode.l10n.t, vscode.env.language) : '']
            .filter(Boolean)
            .join(' · '),
          member,
        })),
        { title: vscode.l10n.t('Members of {0} ({1})', target.name, members.length), placeHolder: vscode.l10n.t('Choose someone to chat with'), matchOnDescription: true },
      );
      if (!picked || picked.member.userId === self) {
        return undefined;
      }
      return panels.open(conversationKey({ id: picked.member.userId, type: TIMConvType.C2C }));
    }),
  ];
}
