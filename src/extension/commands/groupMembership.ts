/**
 * Leaving a group, handing it over and ending it: Leave Group… (TIMGroupQuit), Transfer Ownership…
 * (TIMGroupModifyGroupInfo with the owner flag) and Dismiss Group… (TIMGroupDelete). TIM keeps an owner
 * of most group types from quitting (10009), so Leave Group… says so before asking, and names Transfer
 * Ownership… as the way out; nobody dismisses a Work group, so Dismiss Group… says that instead.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import { TIMConvType, TIMGroupMemberRole, TIMGroupType } from '../../tim/enums';
import { TIMGroupModifyInfoFlag } from '../../tim/types/group';
import { readGroupInfo } from '../conversations/groupProfile';
import { readGroupMembers } from '../conversations/groupMembers';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo, showWarning } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { log } from '../log';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { groupTarget } from './groupManagement';

/** TIM lets the owner of a Work group (Private) quit; the owner of any other type must hand it over first. */
export function ownerMayQuit(groupType: number): boolean {
  return groupType === TIMGroupType.Private;
}

export function registerGroupMembershipCommands({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  const deps = { store, panels };
  return [
    // As Tencent's TUIKit does, the conversation goes too: a group one has left only shows old messages.
    registerCommand('timChat.leaveGroup', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, deps, vscode.l10n.t('Leave Group'), (name) => vscode.l10n.t('{0} is a one-to-one chat: only groups can be left.', name));
      if (!target) {
        return false;
      }
      const info = await readGroupInfo(client, target.ref.id);
      const self = session.signedInAccount?.userId;
      if (info.group_detail_info_owner_identifier === self && !ownerMayQuit(info.group_detail_info_group_type)) {
        throw new Error(vscode.l10n.t('You own {0}: make someone else its owner first (Transfer Ownership…), then leave.', target.name));
      }
      const leave = vscode.l10n.t('Leave');
      const answer = await showWarning(
        vscode.l10n.t('Leave {0}?', target.name),
        { modal: true, detail: vscode.l10n.t('You stop receiving its messages and the conversation is deleted. To come back, join again by its ID ({0}) or ask a member to add you.', target.ref.id) },
        leave,
      );
      if (answer !== leave) {
        return false;
      }
      await client.groupQuit(target.ref.id);
      panels.get(target.key)?.dispose();
      // The user has left either way: a conversation TIM would not delete stays in the list, and is logged.
      await client.convDelete(target.ref.id, TIMConvType.Group).catch((error: unknown) => log().warn(`left ${target.ref.id}; its conversation not deleted: ${errorMessage(error)}`));
      await store.reload(client);
      void showInfo(vscode.l10n.t('You left {0}.', target.name));
      return true;
    }),

    // The conversation stays in the list (as TIM keeps it) until the user deletes it; its panel takes no new messages.
    registerCommand('timChat.dismissGroup', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, deps, vscode.l10n.t('Dismiss Group'), (name) => vscode.l10n.t('{0} is a one-to-one chat: only groups can be dismissed.', name));
      if (!target) {
        return false;
      }
      const info = await readGroupInfo(client, target.ref.id);
      if (info.group_detail_info_group_type === TIMGroupType.Private) {
        throw new Error(vscode.l10n.t('Nobody can dismiss a Work group such as {0}; its members can leave it.', target.name));
      }
      if (info.group_detail_info_owner_identifier !== session.signedInAccount?.userId) {
        throw new Error(vscode.l10n.t('Only the owner of {0} can dismiss it.', target.name));
      }
      const dismiss = vscode.l10n.t('Dismiss Group');
      const answer = await showWarning(
        vscode.l10n.t('Dismiss {0} for everyone?', target.name),
        { modal: true, detail: vscode.l10n.t('Every member loses the group: no one can write in it any more, and it cannot be undone.') },
        dismiss,
      );
      if (answer !== dismiss) {
        return false;
      }
      await client.groupDelete(target.ref.id);
      await store.reload(client);
      void showInfo(vscode.l10n.t('{0} was dismissed.', target.name));
      return true;
    }),

    registerCommand('timChat.transferGroupOwnership', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, deps, vscode.l10n.t('Transfer Ownership'), (name) => vscode.l10n.t('{0} is a one-to-one chat: only groups have an owner.', name));
      const self = session.signedInAccount?.userId;
      if (!target || !self) {
        return undefined;
      }
      const members = await readGroupMembers(client, target.ref.id);
      if (members.find((m) => m.userId === self)?.role !== TIMGroupMemberRole.Owner) {
        throw new Error(vscode.l10n.t('Only the owner of {0} can hand it over.', target.name));
      }
      const others = members.filter((m) => m.userId !== self);
      if (others.length === 0) {
        void showInfo(vscode.l10n.t('{0} has nobody else to hand it over to: add members first.', target.name));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        others.map((member) => ({ label: `$(account) ${inertIcons(member.name)}`, description: member.userId, member })),
        { title: vscode.l10n.t('Transfer Ownership of {0}', target.name), placeHolder: vscode.l10n.t('Choose the new owner'), matchOnDescription: true },
      );
      if (!picked) {
        return undefined;
      }
      const transfer = vscode.l10n.t('Transfer');
      const answer = await showWarning(
        vscode.l10n.t('Make {0} the owner of {1}?', picked.member.name, target.name),
        { modal: true, detail: vscode.l10n.t('You become an ordinary member: only the new owner can give the group back.') },
        transfer,
      );
      if (answer !== transfer) {
        return undefined;
      }
      await client.groupModifyGroupInfo({
        group_modify_info_param_group_id: target.ref.id,
        group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.Owner,
        group_modify_info_param_owner: picked.member.userId,
      });
      void showInfo(vscode.l10n.t('{0} now owns {1}.', picked.member.name, target.name));
      return picked.member.userId;
    }),
  ];
}
