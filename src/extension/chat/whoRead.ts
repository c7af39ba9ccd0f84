/**
 * "Show Who Read…": the members who read one of the user's group messages and those who have not yet
 * (TIMMsgGetGroupMessageReadMemberList, read and unread), in a quick pick with a section each;
 * choosing someone opens a chat with them.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import type { TimGroupMemberInfo } from '../../tim/types/groupMember';
import { conversationKey } from '../conversations/conversationKey';
import { memberDisplayName } from '../conversations/groupMembers';
import { inertIcons } from '../pickText';

interface MemberItem extends vscode.QuickPickItem {
  readonly userId?: string;
}

export async function showWhoRead(members: { read: readonly TimGroupMemberInfo[]; unread: readonly TimGroupMemberInfo[] }): Promise<boolean> {
  const section = (label: string, list: readonly TimGroupMemberInfo[]): MemberItem[] => [
    { label, kind: vscode.QuickPickItemKind.Separator },
    ...list.map((member) => ({
      label: `$(account) ${inertIcons(memberDisplayName(member))}`,
      description: member.group_member_info_identifier,
      userId: member.group_member_info_identifier,
    })),
  ];
  const items = [
    ...section(vscode.l10n.t('Read ({0})', members.read.length), members.read),
    ...section(vscode.l10n.t('Not Read Yet ({0})', members.unread.length), members.unread),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Who Read'), placeHolder: vscode.l10n.t('Choose someone to chat with'), matchOnDescription: true });
  if (picked?.userId) {
    await vscode.commands.executeCommand('timChat.openChat', conversationKey({ id: picked.userId, type: TIMConvType.C2C }));
  }
  return true;
}
