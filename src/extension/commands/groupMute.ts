/**
 * Muting in a group (TIM's 禁言): Mute Member… and Unmute Members… (TIMGroupModifyMemberInfo with
 * ShutupTime), and Who Can Write… (TIMGroupModifyGroupInfo with ShutupAll: everyone, or only the owner
 * and admins). The owner mutes admins and members, an admin members only; Work groups have no muting.
 * TIM enforces all of it; the pickers only leave out whom the user may not mute, and a refusal is shown
 * as TIM gives it. Each command acts on its tree row, the active chat's group, or a group picked.
 */
import * as vscode from 'vscode';
import { TIMGroupMemberRole, TIMGroupType } from '../../tim/enums';
import type { TimClient } from '../../tim/client';
import { TIMGroupMemberModifyFlag, TIMGroupModifyInfoFlag, type TimGroupDetailInfo } from '../../tim/types/group';
import type { ConversationStore } from '../conversations/conversationStore';
import { isMuted, mutableBy, readGroupMembers } from '../conversations/groupMembers';
import { readGroupInfo } from '../conversations/groupProfile';
import { MUTE_DURATIONS, muteDurationText, mutedUntilText } from '../conversations/muteDuration';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { groupTarget } from './groupManagement';

interface Deps {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
}

const notAGroup = (name: string): string => vscode.l10n.t('{0} is a one-to-one chat: only groups have members to mute.', name);

/** A group command's group, its members and the user's role in it; undefined when the user cancelled. */
async function membersOf(deps: Deps, arg: unknown, title: string) {
  const client = deps.session.requireClient();
  const target = await groupTarget(arg, deps, title, notAGroup);
  const self = deps.session.signedInAccount?.userId;
  if (!target || !self) {
    return undefined;
  }
  const members = await readGroupMembers(client, target.ref.id);
  return { client, target, self, members, role: members.find((m) => m.userId === self)?.role ?? 0 };
}

/** The group's info; throws for a Work group, where TIM has no muting (as Tencent documents). */
async function refuseWorkGroup(client: TimClient, groupId: string, name: string): Promise<TimGroupDetailInfo> {
  const info = await readGroupInfo(client, groupId);
  if (info.group_detail_info_group_type === TIMGroupType.Private) {
    throw new Error(vscode.l10n.t('{0} is a work group: everyone in it can always write.', name));
  }
  return info;
}

export function registerGroupMuteCommands(deps: Deps): vscode.Disposable[] {
  return [
    registerCommand('timChat.muteGroupMember', async (arg) => {
      const read = await membersOf(deps, arg, vscode.l10n.t('Mute Member'));
      if (!read) {
        return undefined;
      }
      const { client, target, self, members, role } = read;
      await refuseWorkGroup(client, target.ref.id, target.name);
      const candidates = mutableBy(role, self, members);
      if (candidates.length === 0) {
        throw new Error(
          role >= TIMGroupMemberRole.Admin
            ? vscode.l10n.t('There is no one in {0} you can mute: admins mute members, the owner mutes admins too.', target.name)
            : vscode.l10n.t('Only the owner and admins of {0} mute members.', target.name),
        );
      }
      const picked = await vscode.window.showQuickPick(
        candidates.map((member) => ({ label: `$(account) ${inertIcons(member.name)}`, description: [member.userId, isMuted(member) ? mutedUntilText(member.mutedUntil, vscode.l10n.t, vscode.env.language) : ''].filter(Boolean).join(' · '), member })),
        { title: vscode.l10n.t('Mute a Member of {0}', target.name), placeHolder: vscode.l10n.t('Whom to mute'), matchOnDescription: true },
      );
      if (!picked) {
        return undefined;
      }
      const duration = await vscode.window.showQuickPick(
        MUTE_DURATIONS.map((seconds) => ({ label: muteDurationText(seconds, vscode.l10n.t), seconds })),
        { title: vscode.l10n.t('Mute {0} in {1}', picked.member.name, target.name), placeHolder: vscode.l10n.t('For how long') },
      );
      if (!duration) {
        return undefined;
      }
      await client.groupModifyMemberInfo({
        group_modify_member_info_group_id: target.ref.id,
        group_modify_member_info_identifier: picked.member.userId,
        group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.ShutupTime,
        group_modify_member_info_shutup_time: duration.seconds,
      });
      void showInfo(vscode.l10n.t('Muted {0} in {1} for {2}.', picked.member.name, target.name, duration.label));
      return { userId: picked.member.userId, seconds: duration.seconds };
    }),

    registerCommand('timChat.unmuteGroupMember', async (arg) => {
      const read = await membersOf(deps, arg, vscode.l10n.t('Unmute Members'));
      if (!read) {
        return undefined;
      }
      const { client, target, self, members, role } = read;
      const muted = members.filter((member) => isMuted(member));
      if (muted.length === 0) {
        void showInfo(vscode.l10n.t('Nobody is muted in {0}.', target.name));
        return [];
      }
      const mayUnmute = new Set(mutableBy(role, self, members).map((m) => m.userId));
      const unmutable = muted.filter((member) => mayUnmute.has(member.userId));
      if (unmutable.length === 0) {
        throw new Error(
          role >= TIMGroupMemberRole.Admin
            ? vscode.l10n.t('Those muted in {0} are admins: only the owner unmutes them.', target.name)
            : vscode.l10n.t('Only the owner and admins of {0} mute members.', target.name),
        );
      }
      const picked = await vscode.window.showQuickPick(
        unmutable.map((member) => ({ label: `$(account) ${inertIcons(member.name)}`, description: `${member.userId} · ${mutedUntilText(member.mutedUntil, vscode.l10n.t, vscode.env.language)}`, member })),
        { title: vscode.l10n.t('Unmute Members of {0}', target.name), placeHolder: vscode.l10n.t('Whom to unmute'), canPickMany: true, matchOnDescription: true },
      );
      if (!picked || picked.length === 0) {
        return [];
      }
      for (const { member } of picked) {
        await client.groupModifyMemberInfo({
          group_modify_member_info_group_id: target.ref.id,
          group_modify_member_info_identifier: member.userId,
          group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.ShutupTime,
          group_modify_member_info_shutup_time: 0,
        });
      }
      void showInfo(vscode.l10n.t('Unmuted {0} in {1}.', picked.map((p) => p.member.name).join(', '), target.name));
      return picked.map((p) => p.member.userId);
    }),

    registerCommand('timChat.setGroupMuteAll', async (arg) => {
      const client = deps.session.requireClient();
      const target = await groupTarget(arg, deps, vscode.l10n.t('Who Can Write'), notAGroup);
      if (!target) {
        return undefined;
      }
      const info = await refuseWorkGroup(client, target.ref.id, target.name);
      const current = info.group_detail_info_is_shutup_all === true;
      const options = [false, true].map((mutedAll) => ({
        label: mutedAll ? vscode.l10n.t('Only the owner and admins') : vscode.l10n.t('Everyone'),
        description: mutedAll === current ? vscode.l10n.t('(current)') : undefined,
        mutedAll,
      }));
      const picked = await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Who Can Write in {0}', target.name) });
      if (!picked || picked.mutedAll === current) {
        return undefined;
      }
      await client.groupModifyGroupInfo({
        group_modify_info_param_group_id: target.ref.id,
        group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.ShutupAll,
        group_modify_info_param_is_shutup_all: picked.mutedAll,
      });
      void showInfo(vscode.l10n.t('{0}: {1}.', target.name, picked.label));
      return picked.mutedAll;
    }),
  ];
}
