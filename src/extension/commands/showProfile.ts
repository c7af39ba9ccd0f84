/**
 * Show Profile…: someone's profile (TIMProfileGetUserProfileList, read fresh): their name, user ID,
 * whether they are online (TIMGetUserStatus), status message and whether they are a contact in a modal,
 * with Send Message, Copy User ID, Add Contact… (for someone who is not one yet) and Block… or Unblock
 * beside it (Edit My Profile… for the user's own). Reached from a
 * one-to-one chat (its tree row, its title bar) and from a sender's name or avatar in a chat panel.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import type { TimUserProfile } from '../../tim/types/userProfile';
import { conversationKey } from '../conversations/conversationKey';
import type { ContactBook } from '../contacts/contactBook';
import type { Contact } from '../contacts/contactModel';
import type { Blocklist } from '../conversations/blocklist';
import type { ConversationStore } from '../conversations/conversationStore';
import { type PeerPresence, presenceOf } from '../conversations/presence';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { userTarget } from './userTarget';

/**
 * The modal's detail: the user ID, whether they are online (when TIM tells), the status message when
 * there is one, whether they are a contact (under which name), and whether the user blocked them.
 */
export function profileDetail(profile: TimUserProfile, presence?: PeerPresence, blocked = false, contact?: Contact): string {
  return [
    vscode.l10n.t('User ID: {0}', profile.user_profile_identifier),
    presence === undefined ? '' : presence.presence === 'online' ? vscode.l10n.t('Online') : vscode.l10n.t('Offline'),
    profile.user_profile_self_signature ? vscode.l10n.t('Status: {0}', profile.user_profile_self_signature) : '',
    contact === undefined ? '' : contact.remark ? vscode.l10n.t('In your contacts as {0}', contact.remark) : vscode.l10n.t('In your contacts'),
    blocked ? vscode.l10n.t('Blocked: their messages do not reach you.') : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function registerShowProfileCommand({ session, store, panels, blocklist, contacts }: {
  session: TimSession;
  store: ConversationStore;
  panels: ChatPanels;
  blocklist: Blocklist;
  contacts: ContactBook;
}): vscode.Disposable[] {
  return [
    registerCommand('timChat.showProfile', async (arg) => {
      const client = session.requireClient();
      const userId = (await userTarget(arg, store, panels, vscode.l10n.t('Show Profile')))?.userId;
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
      const blocked = blocklist.has(profile.user_profile_identifier);
      const block = blocked ? vscode.l10n.t('Unblock') : vscode.l10n.t('Block…');
      const contact = contacts.contact(profile.user_profile_identifier);
      const addContact = vscode.l10n.t('Add Contact…');
      const buttons = self ? [edit, copy] : [message, copy, ...(contact ? [] : [addContact]), block];
      const detail = profileDetail(profile, status && presenceOf(status), blocked, contact);
      const choice = await showInfo(profile.user_profile_nick_name || profile.user_profile_identifier, { modal: true, detail }, ...buttons);
      if (choice === message) {
        await panels.open(conversationKey({ id: profile.user_profile_identifier, type: TIMConvType.C2C }));
      } else if (choice === copy) {
        await vscode.env.clipboard.writeText(profile.user_profile_identifier);
      } else if (choice === edit) {
        await vscode.commands.executeCommand('timChat.editProfile');
      } else if (choice === addContact) {
        await vscode.commands.executeCommand('timChat.addContact', { userId: profile.user_profile_identifier });
      } else if (choice === block) {
        await vscode.commands.executeCommand(blocked ? 'timChat.unblockUser' : 'timChat.blockUser', { userId: profile.user_profile_identifier });
      }
      return profile;
    }),
  ];
}
