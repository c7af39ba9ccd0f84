/**
 * "Show Who Reacted…": every user of each of a message's reactions (TIMMsgGetAllUserListOfMessageReaction,
 * beyond the first 10 the panel's tooltips name) in a quick pick, one section per reaction; choosing
 * someone opens a chat with them.
 */
import * as vscode from 'vscode';
import { showTuikitEmoji } from '../../shared/tuikitEmoji';
import type { ReactionView } from '../../shared/chatModel';
import { TIMConvType } from '../../tim/enums';
import type { TimReactionUser } from '../../tim/types/messageReaction';
import { conversationKey } from '../conversations/conversationKey';
import { inertIcons } from '../pickText';

interface UserItem extends vscode.QuickPickItem {
  readonly userId?: string;
}

export async function showWhoReacted(reactions: readonly ReactionView[], usersOf: (reactionId: string) => Promise<TimReactionUser[]>, selfId: string): Promise<boolean> {
  if (reactions.length === 0) {
    throw new Error(vscode.l10n.t('This message has no reactions.'));
  }
  const sections = await Promise.all(reactions.map(async (reaction) => ({ reaction, users: await usersOf(reaction.id) })));
  const items: UserItem[] = sections.flatMap(({ reaction, users }) => [
    { label: `${showTuikitEmoji(reaction.id)}  ${users.length}`, kind: vscode.QuickPickItemKind.Separator },
    ...users.map((user) => ({
      label: `$(account) ${inertIcons(user.user_profile_nick_name || user.user_profile_identifier)}`,
      description: user.user_profile_identifier === selfId ? vscode.l10n.t('you') : user.user_profile_identifier,
      userId: user.user_profile_identifier,
    })),
  ]);
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Who Reacted'), placeHolder: vscode.l10n.t('Choose someone to chat with'), matchOnDescription: true });
  if (picked?.userId && picked.userId !== selfId) {
    await vscode.commands.executeCommand('timChat.openChat', conversationKey({ id: picked.userId, type: TIMConvType.C2C }));
  }
  return true;
}
