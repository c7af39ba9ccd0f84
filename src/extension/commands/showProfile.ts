/**
 * Show Profile…: someone's profile (TIMProfileGetUserProfileList, read fresh): their name, user ID,
 * whether they are online (TIMGetUserStatus) and status message in a modal, with Send Message and Copy
 * User ID beside it (Edit My Profile… for the user's own). Reached from a one-to-one chat (its tree row,
 * its title bar) and from a sender's name or avatar in a chat panel.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import type { TimUserProfile } from '../../tim/types/userProfile';
import { conversationKey } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { type PeerPresence, presenceOf } from '../conversations/presence';
import type { ChatPanels } from '../panels/chatPanel';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { activePanel, commandTarget } from './targets';

/** A user named outright (a chat panel's sender), rather than a conversation. */
export interface ProfileArg {
  readonly userId: string;
}

function isProfileArg(value: unknown): value is ProfileArg {
  return typeof value === 'object' && value !== null && typeof (value as { userId?: unknown }).userId === 'string' && (value as ProfileArg).userId.length > 0;
}

/** The modal's detail: the user ID, whether they are online (when TIM tells), and the status message when there is one. */
export function profileDetail(profile: TimUserProfile, presence?: PeerPresence): string {
  return [
    vscode.l10n.t('User ID: {0}', profile.user_profile_identifier),
    presence === undefined ? '' : presence.presence === 'online' ? vscode.l10n.t('Online') : vscode.l10n.t('Offline'),
    profile.user_profile_self_signature ? vscode.l10n.t('Status: {0}', profile.user_profile_self_signature) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function registerShowProfileCommand({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  /** The user a call names: a sender, a one-to-one chat's peer, or one asked for. */
  const userOf = async (arg: unknown): Promise<string | undefined> => {
    if (isProfileArg(arg)) {
      return arg.userId;
    }
    // From the palette with no chat in front: ask for a user ID rather than a conversation.
    const target = arg === undefined && !activePanel(panels) ? undefined : await commandTarget(arg, store, panels, vscode.l10n.t('Show Profile'));
    if (target) {
      if (target.ref.type !== TIMConvType.C2C) {
        throw new Error(vscode.l10n.t('{0} is a group: profiles are of people. Show Members… lists its members.', target.name));
      }
      return target.ref.id;
    }
    const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Show Profile'), prompt: vscode.l10n.t('User ID'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a user ID')) });
    return typed?.trim() || undefined;
  };

  return [
    registerCommand('timChat.showProfile', async (arg) => {
      const client = session.requireClient();
      const userId = await userOf(arg);
      if (!userId) {
        return undefined;
      }
      const [profile] = await client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: [userId], friendship_getprofilelist_param_force_update: true });
      if (!profile) {
        throw new Error(vscode.l10n.t('There is no user {0}.', userId));
      }
      const self = profile.user_profile_identifier === session.signedInAccount?.userId;
      // Whether they are online: a premium feature on Tencent, so a refusal only leaves it out.
      const status = self ? undefined : await client.getUserStatus([profile.user_profile_identifier]).then(([s]) => s, () => undefined);
      const message = vscode.l10n.t('Send Message');
      const copy = vscode.l10n.t('Copy User ID');
      const edit = vscode.l10n.t('Edit My Profile…');
      const buttons = self ? [edit, copy] : [message, copy];
      const choice = await vscode.window.showInformationMessage(profile.user_profile_nick_name || profile.user_profile_identifier, { modal: true, detail: profileDetail(profile, status && presenceOf(status)) }, ...buttons);
      if (choice === message) {
        await panels.open(conversationKey({ id: profile.user_profile_identifier, type: TIMConvType.C2C }));
      } else if (choice === copy) {
        await vscode.env.clipboard.writeText(profile.user_profile_identifier);
      } else if (choice === edit) {
        await vscode.commands.executeCommand('timChat.editProfile');
      }
      return profile;
    }),
  ];
}
