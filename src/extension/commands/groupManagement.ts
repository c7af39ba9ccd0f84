/**
 * Managing a group: Add Members… (TIMGroupInviteMember), Remove Members… (TIMGroupDeleteMember), Rename
 * Group… (TIMGroupModifyGroupInfo), Set Admins… and Set My Name in Group… (TIMGroupModifyMemberInfo).
 * Who may do what is TIM's rule (the group's type and the user's role); a refusal is shown as TIM gives
 * it. Each command acts on its tree row, the active chat's group, or a group picked.
 */
import * as vscode from 'vscode';
import { TIMConvType, TIMGroupMemberRole } from '../../tim/enums';
import type { TimGroupDeleteMemberResult, TimGroupInviteMemberResult } from '../../tim/types/group';
import { TIMGroupMemberHandleResult, TIMGroupMemberModifyFlag, TIMGroupModifyInfoFlag } from '../../tim/types/group';
import type { ConversationStore } from '../conversations/conversationStore';
import { readGroupMembers } from '../conversations/groupMembers';
import { showInfo, showWarning } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { MAX_MEMBERS_PER_CALL, parseMemberList, validateGroupName, validateMemberList } from './groupInput';
import { type CommandTarget, commandTarget } from './targets';

interface Deps {
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
}

/** A group command's group: as commandTarget, refusing a one-to-one chat with `notGroup`'s words. */
export async function groupTarget(arg: unknown, deps: Deps, title: string, notGroup: (name: string) => string): Promise<CommandTarget | undefined> {
  const target = await commandTarget(arg, deps.store, deps.panels, title);
  if (target && target.ref.type !== TIMConvType.Group) {
    throw new Error(notGroup(target.name));
  }
  return target;
}

/** The longest name card TIM Chat sends (Tencent: 50 bytes). */
export const MAX_NAME_CARD_BYTES = 50;

export function validateNameCard(value: string): string | undefined {
  return Buffer.byteLength(value.trim(), 'utf8') > MAX_NAME_CARD_BYTES ? vscode.l10n.t('A name in a group has at most {0} bytes', MAX_NAME_CARD_BYTES) : undefined;
}

const notAGroup = (name: string): string => vscode.l10n.t('{0} is a one-to-one chat: only groups have members to manage.', name);

/** "Added bob, carol. Already members: dave. Could not add: eve." for an invite's results. */
export function inviteSummary(results: readonly TimGroupInviteMemberResult[], group: string): string {
  const who = (result: number): string => results.filter((r) => r.group_invite_member_result_result === result).map((r) => r.group_invite_member_result_identifier).join(', ');
  const parts = [
    who(TIMGroupMemberHandleResult.Done) && vscode.l10n.t('Added {0} to {1}.', who(TIMGroupMemberHandleResult.Done), group),
    who(TIMGroupMemberHandleResult.Invited) && vscode.l10n.t('Invited {0}: they join once they accept.', who(TIMGroupMemberHandleResult.Invited)),
    who(TIMGroupMemberHandleResult.AlreadyMember) && vscode.l10n.t('Already members: {0}.', who(TIMGroupMemberHandleResult.AlreadyMember)),
    who(TIMGroupMemberHandleResult.Failed) && vscode.l10n.t('Could not add {0} (no such user, or the group is full).', who(TIMGroupMemberHandleResult.Failed)),
  ];
  return parts.filter(Boolean).join(' ');
}

export function registerGroupManagementCommands({ session, store, panels }: { session: TimSession } & Deps): vscode.Disposable[] {
  return [
    registerCommand('timChat.addGroupMembers', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Add Members'), notAGroup);
      if (!target) {
        return undefined;
      }
      const input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Add Members to {0}', target.name),
        prompt: vscode.l10n.t('User IDs separated by commas or spaces (at most {0})', MAX_MEMBERS_PER_CALL),
        validateInput: (value) => (parseMemberList(value).length === 0 ? vscode.l10n.t('Enter at least one user ID') : validateMemberList(value)),
      });
      const ids = parseMemberList(input ?? '');
      if (ids.length === 0) {
        return undefined;
      }
      const results = await client.groupInviteMember({ group_invite_member_param_group_id: target.ref.id, group_invite_member_param_identifier_array: ids });
      const summary = inviteSummary(results, target.name);
      const failed = results.some((r) => r.group_invite_member_result_result === TIMGroupMemberHandleResult.Failed);
      void (failed ? showWarning(summary) : showInfo(summary));
      return results;
    }),

    registerCommand('timChat.removeGroupMembers', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Remove Members'), notAGroup);
      if (!target) {
        return undefined;
      }
      const self = session.signedInAccount?.userId;
      // Nobody removes the owner; TIM decides whether the user may remove the rest.
      const removable = (await readGroupMembers(client, target.ref.id)).filter((m) => m.userId !== self && m.role !== TIMGroupMemberRole.Owner);
      if (removable.length === 0) {
        void showInfo(vscode.l10n.t('{0} has nobody else who could be removed.', target.name));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        removable.map((member) => ({ label: `$(account) ${inertIcons(member.name)}`, description: member.userId, member })),
        { title: vscode.l10n.t('Remove Members from {0}', target.name), canPickMany: true, matchOnDescription: true },
      );
      if (!picked || picked.length === 0) {
        return undefined;
      }
      const names = picked.map((p) => p.member.name).join(', ');
      const remove = vscode.l10n.t('Remove');
      const answer = await showWarning(vscode.l10n.t('Remove {0} from {1}?', names, target.name), { modal: true, detail: vscode.l10n.t('They can no longer read or write in the group.') }, remove);
      if (answer !== remove) {
        return undefined;
      }
      const results: TimGroupDeleteMemberResult[] = await client.groupDeleteMember({
        group_delete_member_param_group_id: target.ref.id,
        group_delete_member_param_identifier_array: picked.map((p) => p.member.userId),
      });
      const notRemoved = results.filter((r) => r.group_delete_member_result_result !== TIMGroupMemberHandleResult.Done).map((r) => r.group_delete_member_result_identifier);
      void (notRemoved.length > 0
        ? showWarning(vscode.l10n.t('Could not remove {0} from {1}.', notRemoved.join(', '), target.name))
        : showInfo(vscode.l10n.t('Removed {0} from {1}.', names, target.name)));
      return results;
    }),

    registerCommand('timChat.renameGroup', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Rename Group'), (name) => vscode.l10n.t('{0} is a one-to-one chat: only groups can be renamed.', name));
      if (!target) {
        return undefined;
      }
      const name = (await vscode.window.showInputBox({ title: vscode.l10n.t('Rename {0}', target.name), prompt: vscode.l10n.t('New group name'), value: target.name, validateInput: validateGroupName }))?.trim();
      if (!name || name === target.name) {
        return undefined;
      }
      await client.groupModifyGroupInfo({
        group_modify_info_param_group_id: target.ref.id,
        group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.Name,
        group_modify_info_param_group_name: name,
      });
      await store.reload(client);
      return name;
    }),

    // The owner picks who is admin: everyone picked becomes one, everyone unpicked stops being one.
    registerCommand('timChat.setGroupAdmins', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Set Admins'), notAGroup);
      if (!target) {
        return undefined;
      }
      const self = session.signedInAccount?.userId;
      const members = await readGroupMembers(client, target.ref.id);
      if (members.find((m) => m.userId === self)?.role !== TIMGroupMemberRole.Owner) {
        throw new Error(vscode.l10n.t('Only the owner of {0} chooses its admins.', target.name));
      }
      const others = members.filter((m) => m.userId !== self);
      const picked = await vscode.window.showQuickPick(
        others.map((member) => ({ label: `$(account) ${inertIcons(member.name)}`, description: member.userId, picked: member.role === TIMGroupMemberRole.Admin, member })),
        { title: vscode.l10n.t('Admins of {0}', target.name), placeHolder: vscode.l10n.t('Check the members who should be admins'), canPickMany: true, matchOnDescription: true },
      );
      if (!picked) {
        return undefined;
      }
      const admins = new Set(picked.map((p) => p.member.userId));
      const changes = others.filter((m) => admins.has(m.userId) !== (m.role === TIMGroupMemberRole.Admin));
      for (const member of changes) {
        await client.groupModifyMemberInfo({
          group_modify_member_info_group_id: target.ref.id,
          group_modify_member_info_identifier: member.userId,
          group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.MemberRole,
          group_modify_member_info_member_role: admins.has(member.userId) ? TIMGroupMemberRole.Admin : TIMGroupMemberRole.Normal,
        });
      }
      const names = picked.map((p) => p.member.name).join(', ');
      void showInfo(names ? vscode.l10n.t('Admins of {0}: {1}.', target.name, names) : vscode.l10n.t('{0} has no admins now.', target.name));
      return [...admins];
    }),

    // The user's name card in the group: what the group's member lists and @-mentions show for them.
    registerCommand('timChat.setGroupNameCard', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Set My Name in Group'), notAGroup);
      const self = session.signedInAccount?.userId;
      if (!target || !self) {
        return undefined;
      }
      const current = (await readGroupMembers(client, target.ref.id)).find((m) => m.userId === self)?.name ?? self;
      const input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Your Name in {0}', target.name),
        prompt: vscode.l10n.t('How the group shows you (empty: your nickname)'),
        value: current,
        validateInput: validateNameCard,
      });
      if (input === undefined || input.trim() === current) {
        return undefined;
      }
      const problem = validateNameCard(input);
      if (problem) {
        throw new Error(problem);
      }
      await client.groupModifyMemberInfo({
        group_modify_member_info_group_id: target.ref.id,
        group_modify_member_info_identifier: self,
        group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.NameCard,
        group_modify_member_info_name_card: input.trim(),
      });
      return input.trim();
    }),
  ];
}
