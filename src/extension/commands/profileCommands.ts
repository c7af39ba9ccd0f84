/**
 * Edit My Profile…: the user's nickname (what others see instead of their user ID: tree, chat headers,
 * @-mentions) and status message (TIM's self signature), read fresh with TIMProfileGetUserProfileList
 * and changed with TIMProfileModifySelfUserProfile; and the custom status others see beside the user's
 * online state (TIMGetUserStatus / TIMSetSelfStatus), one field at a time.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { showInfo } from '../notify';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';

/** The longest nickname or status message TIM keeps (Tencent: 500 bytes each). */
export const MAX_PROFILE_FIELD_BYTES = 500;
/** The longest custom status TIM keeps (Tencent: 100 bytes; tim-emulator refuses more with 6017). */
export const MAX_CUSTOM_STATUS_BYTES = 100;

function byteLimit(maxBytes: number): (value: string) => string | undefined {
  return (value) => (Buffer.byteLength(value.trim(), 'utf8') > maxBytes ? vscode.l10n.t('At most {0} bytes', maxBytes) : undefined);
}

export const validateProfileField = byteLimit(MAX_PROFILE_FIELD_BYTES);

interface Field {
  /** The field's name, as the input box's title. */
  readonly name: string;
  readonly icon: string;
  /** The value now; undefined when it could not be read (the reason in `unreadable`). */
  readonly current: string | undefined;
  readonly unreadable?: string;
  readonly prompt: string;
  readonly validate: (value: string) => string | undefined;
  readonly write: (value: string) => Promise<void>;
  readonly done: (value: string) => string;
}

/**
 * The user's own custom status, or why it cannot be read: online status is Tencent's premium feature,
 * so on an app without it TIMGetUserStatus fails, and the other fields must still be editable.
 */
async function ownCustomStatus(client: TimClient, self: string): Promise<{ value: string } | { error: string }> {
  try {
    const [status] = await client.getUserStatus([self]);
    return { value: status?.user_status_custom_status ?? '' };
  } catch (error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function fields(client: TimClient, self: string): Promise<Field[]> {
  const [[profile], custom] = await Promise.all([
    client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: [self], friendship_getprofilelist_param_force_update: true }),
    ownCustomStatus(client, self),
  ]);
  return [
    {
      name: vscode.l10n.t('Nickname'),
      icon: 'person',
      current: profile?.user_profile_nick_name ?? '',
      prompt: vscode.l10n.t('The name others see instead of your user ID (empty: your user ID)'),
      validate: validateProfileField,
      write: (value) => client.profileModifySelfUserProfile({ user_profile_item_nick_name: value }),
      done: (value) => (value ? vscode.l10n.t('Your nickname is now {0}.', value) : vscode.l10n.t('You have no nickname now: others see your user ID.')),
    },
    {
      name: vscode.l10n.t('Status Message'),
      icon: 'comment',
      current: profile?.user_profile_self_signature ?? '',
      prompt: vscode.l10n.t('A line about you or what you are up to (empty: none)'),
      validate: validateProfileField,
      write: (value) => client.profileModifySelfUserProfile({ user_profile_item_self_signature: value }),
      done: (value) => (value ? vscode.l10n.t('Your status message is now "{0}".', value) : vscode.l10n.t('You have no status message now.')),
    },
    {
      name: vscode.l10n.t('Custom Status'),
      icon: 'broadcast',
      current: 'value' in custom ? custom.value : undefined,
      ...('error' in custom ? { unreadable: custom.error } : {}),
      prompt: vscode.l10n.t('Shown beside your online state, such as "In a meeting" (empty: none)'),
      validate: byteLimit(MAX_CUSTOM_STATUS_BYTES),
      write: (value) => client.setSelfStatus({ user_status_custom_status: value }),
      done: (value) => (value ? vscode.l10n.t('Your custom status is now "{0}".', value) : vscode.l10n.t('You have no custom status now.')),
    },
  ];
}

export function registerProfileCommands({ session }: { session: TimSession }): vscode.Disposable[] {
  return [
    registerCommand('timChat.editProfile', async () => {
      const { client, account } = session.requireSignedIn();
      const self = account.userId;
      const none = vscode.l10n.t('(none)');
      const picked = await vscode.window.showQuickPick(
        (await fields(client, self)).map((field) => ({
          label: `$(${field.icon}) ${field.name}`,
          description: field.current === undefined ? vscode.l10n.t('(unavailable)') : field.current || none,
          ...(field.unreadable === undefined ? {} : { detail: field.unreadable }),
          field,
        })),
        { title: vscode.l10n.t('Edit My Profile ({0})', self), placeHolder: vscode.l10n.t('Choose what to change') },
      );
      if (!picked) {
        return undefined;
      }
      const { field } = picked;
      if (field.current === undefined) {
        throw new Error(vscode.l10n.t('{0} cannot be read or changed here: {1}', field.name, field.unreadable ?? ''));
      }
      const current = field.current;
      const input = await vscode.window.showInputBox({ title: field.name, prompt: field.prompt, value: current, validateInput: field.validate });
      if (input === undefined || input.trim() === current.trim()) {
        return undefined;
      }
      const problem = field.validate(input);
      if (problem) {
        throw new Error(problem);
      }
      await field.write(input.trim());
      void showInfo(field.done(input.trim()));
      return input.trim();
    }),
  ];
}
