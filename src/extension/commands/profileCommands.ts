/**
 * Edit My Profile…: the user's nickname (what others see instead of their user ID: tree, chat headers,
 * @-mentions) and status message (TIM's self signature), read fresh with TIMProfileGetUserProfileList
 * and changed with TIMProfileModifySelfUserProfile, one field at a time.
 */
import * as vscode from 'vscode';
import type { TimUserProfile, TimUserProfileItem } from '../../tim/types/userProfile';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';

/** The longest nickname or status message TIM keeps (Tencent: 500 bytes each). */
export const MAX_PROFILE_FIELD_BYTES = 500;

export function validateProfileField(value: string): string | undefined {
  return Buffer.byteLength(value.trim(), 'utf8') > MAX_PROFILE_FIELD_BYTES ? vscode.l10n.t('At most {0} bytes', MAX_PROFILE_FIELD_BYTES) : undefined;
}

interface Field {
  /** The field's name, as the input box's title. */
  readonly name: string;
  readonly icon: string;
  readonly current: (profile: TimUserProfile | undefined) => string;
  readonly item: (value: string) => TimUserProfileItem;
  readonly prompt: string;
  readonly done: (value: string) => string;
}

function fields(): Field[] {
  return [
    {
      name: vscode.l10n.t('Nickname'),
      icon: 'person',
      current: (p) => p?.user_profile_nick_name ?? '',
      item: (value) => ({ user_profile_item_nick_name: value }),
      prompt: vscode.l10n.t('The name others see instead of your user ID (empty: your user ID)'),
      done: (value) => (value ? vscode.l10n.t('Your nickname is now {0}.', value) : vscode.l10n.t('You have no nickname now: others see your user ID.')),
    },
    {
      name: vscode.l10n.t('Status Message'),
      icon: 'comment',
      current: (p) => p?.user_profile_self_signature ?? '',
      item: (value) => ({ user_profile_item_self_signature: value }),
      prompt: vscode.l10n.t('A line about you or what you are up to (empty: none)'),
      done: (value) => (value ? vscode.l10n.t('Your status message is now "{0}".', value) : vscode.l10n.t('You have no status message now.')),
    },
  ];
}

export function registerProfileCommands({ session }: { session: TimSession }): vscode.Disposable[] {
  return [
    registerCommand('timChat.editProfile', async () => {
      const client = session.requireClient();
      const self = session.signedInAccount?.userId ?? '';
      const [profile] = await client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: [self], friendship_getprofilelist_param_force_update: true });
      const none = vscode.l10n.t('(none)');
      const picked = await vscode.window.showQuickPick(
        fields().map((field) => ({ label: `$(${field.icon}) ${field.name}`, description: field.current(profile) || none, field })),
        { title: vscode.l10n.t('Edit My Profile ({0})', self), placeHolder: vscode.l10n.t('Choose what to change') },
      );
      if (!picked) {
        return undefined;
      }
      const { field } = picked;
      const current = field.current(profile);
      const input = await vscode.window.showInputBox({ title: field.name, prompt: field.prompt, value: current, validateInput: validateProfileField });
      if (input === undefined || input.trim() === current.trim()) {
        return undefined;
      }
      const problem = validateProfileField(input);
      if (problem) {
        throw new Error(problem);
      }
      await client.profileModifySelfUserProfile(field.item(input.trim()));
      void vscode.window.showInformationMessage(field.done(input.trim()));
      return input.trim();
    }),
  ];
}
