/**
 * Contacts (TIM's friends): Add Contact…, Accept / Decline a request, Withdraw the user's own request,
 * Rename Contact… (TIM's remark), Remove Contact…, Message, and Who Can Add Me…. Reached from the
 * Contacts view's rows and title bar, and from the palette (which asks whom, or acts on the one-to-one
 * chat in front for Add Contact…).
 */
import * as vscode from 'vscode';
import { TIMProfileAddPermission } from '../../tim/enums';
import { MAX_FRIEND_REMARK_BYTES, MAX_FRIEND_WORDING_BYTES } from '../../tim/friendshipApi';
import { registerCommand } from '../commands/command';
import { userTarget } from '../commands/userTarget';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo, showWarning } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import type { ContactBook } from './contactBook';
import type { ContactRequest } from './contactModel';

interface ContactDependencies {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
  readonly book: ContactBook;
}

/** A row or a command argument naming a user outright. */
function userIdOf(arg: unknown): string | undefined {
  const userId = typeof arg === 'object' && arg !== null ? (arg as { userId?: unknown }).userId : undefined;
  return typeof userId === 'string' && userId.length > 0 ? userId : undefined;
}

/** At most `max` bytes of UTF-8 (TIM counts bytes, so 40 Chinese characters are 120). */
export function validateBytes(max: number): (value: string) => string | undefined {
  return (value) => (Buffer.byteLength(value.trim(), 'utf8') > max ? vscode.l10n.t('At most {0} bytes', max) : undefined);
}

/** The request a command answers: the row's, or one picked from those waiting. */
async function requestTarget(arg: unknown, book: ContactBook, direction: ContactRequest['direction'], title: string): Promise<ContactRequest | undefined> {
  const named = userIdOf(arg);
  if (named) {
    const request = book.request(named, direction);
    if (!request) {
      throw new Error(vscode.l10n.t('There is no contact request with {0} any more: it was withdrawn or answered elsewhere.', named));
    }
    return request;
  }
  const waiting = book.requests().filter((r) => r.direction === direction);
  if (waiting.length === 0) {
    void showInfo(direction === 'incoming' ? vscode.l10n.t('No contact requests are waiting for you.') : vscode.l10n.t('You have no contact requests waiting.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    waiting.map((request) => ({ label: inertIcons(request.name), description: request.name === request.userId ? '' : request.userId, detail: request.wording ? inertIcons(request.wording) : undefined, request })),
    { title, placeHolder: vscode.l10n.t('Pick a request') },
  );
  return picked?.request;
}

/** The contact a command acts on: the row's, or one picked from the contacts. */
async function contactTarget(arg: unknown, book: ContactBook, title: string): Promise<{ userId: string; name: string } | undefined> {
  const named = userIdOf(arg);
  if (named) {
    const contact = book.contact(named);
    if (!contact) {
      throw new Error(vscode.l10n.t('{0} is not in your contacts.', named));
    }
    return contact;
  }
  const contacts = book.contacts();
  if (contacts.length === 0) {
    void showInfo(vscode.l10n.t('You have no contacts yet. Add Contact… asks someone to be one.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    contacts.map((contact) => ({ label: inertIcons(contact.name), description: contact.name === contact.userId ? '' : contact.userId, contact })),
    { title, placeHolder: vscode.l10n.t('Pick a contact'), matchOnDescription: true },
  );
  return picked?.contact;
}

const PERMISSIONS = [
  { value: TIMProfileAddPermission.NeedConfirm, label: (): string => vscode.l10n.t('People I accept'), detail: (): string => vscode.l10n.t('Others send a request; they become contacts once you accept it.') },
  { value: TIMProfileAddPermission.AllowAny, label: (): string => vscode.l10n.t('Anyone'), detail: (): string => vscode.l10n.t('Anyone who adds you becomes a contact at once.') },
  { value: TIMProfileAddPermission.DenyAny, label: (): string => vscode.l10n.t('No one'), detail: (): string => vscode.l10n.t('Nobody can add you; requests are refused.') },
] as const;

export function registerContactCommands({ session, store, panels, book }: ContactDependencies): vscode.Disposable[] {
  return [
    registerCommand('timChat.addContact', async (arg): Promise<string | undefined> => {
      session.requireClient();
      const target = await userTarget(arg, store, panels, vscode.l10n.t('Add Contact'));
      if (!target) {
        return undefined;
      }
      if (target.userId === session.signedInAccount?.userId) {
        throw new Error(vscode.l10n.t('You cannot add yourself as a contact.'));
      }
      const known = book.contact(target.userId);
      if (known) {
        void showInfo(vscode.l10n.t('{0} is in your contacts already.', known.name));
        return 'contact';
      }
      if (book.request(target.userId, 'incoming')) {
        // They asked first: adding them is accepting.
        await book.accept(target.userId);
        void showInfo(vscode.l10n.t('{0} had asked to add you: you are contacts now.', target.name));
        return 'added';
      }
      const wording = await vscode.window.showInputBox({
        title: vscode.l10n.t('Add {0} as a Contact', target.name),
        prompt: vscode.l10n.t('A message with your request (optional)'),
        validateInput: validateBytes(MAX_FRIEND_WORDING_BYTES),
      });
      if (wording === undefined) {
        return undefined;
      }
      const outcome = await book.add(target.userId, wording.trim());
      void showInfo(
        outcome === 'added' ? vscode.l10n.t('{0} is in your contacts now.', target.name) : vscode.l10n.t('Asked {0} to add you as a contact. They join your contacts once they accept.', target.name),
      );
      return outcome;
    }),
    registerCommand('timChat.acceptContactRequest', async (arg): Promise<boolean> => {
      session.requireClient();
      const request = await requestTarget(arg, book, 'incoming', vscode.l10n.t('Accept Contact Request'));
      if (!request) {
        return false;
      }
      await book.accept(request.userId);
      void showInfo(vscode.l10n.t('{0} is in your contacts now.', request.name));
      return true;
    }),
    registerCommand('timChat.declineContactRequest', async (arg): Promise<boolean> => {
      session.requireClient();
      const request = await requestTarget(arg, book, 'incoming', vscode.l10n.t('Decline Contact Request'));
      if (!request) {
        return false;
      }
      await book.decline(request.userId);
      return true;
    }),
    registerCommand('timChat.withdrawContactRequest', async (arg): Promise<boolean> => {
      session.requireClient();
      const request = await requestTarget(arg, book, 'outgoing', vscode.l10n.t('Withdraw Contact Request'));
      if (!request) {
        return false;
      }
      await book.withdraw(request.userId);
      return true;
    }),
    registerCommand('timChat.removeContact', async (arg): Promise<boolean> => {
      session.requireClient();
      const contact = await contactTarget(arg, book, vscode.l10n.t('Remove Contact'));
      if (!contact) {
        return false;
      }
      const remove = vscode.l10n.t('Remove');
      const detail = vscode.l10n.t('You leave each other\'s contacts. Your chat with {0} stays, and you can still write to each other.', contact.name);
      if ((await showWarning(vscode.l10n.t('Remove {0} from your contacts?', contact.name), { modal: true, detail }, remove)) !== remove) {
        return false;
      }
      await book.remove(contact.userId);
      return true;
    }),
    registerCommand('timChat.renameContact', async (arg): Promise<boolean> => {
      session.requireClient();
      const target = await contactTarget(arg, book, vscode.l10n.t('Rename Contact'));
      const contact = target && book.contact(target.userId);
      if (!contact) {
        return false;
      }
      const remark = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename {0}', contact.name),
        prompt: vscode.l10n.t('The name only you see for {0} (empty: their nickname)', contact.userId),
        value: contact.remark,
        validateInput: validateBytes(MAX_FRIEND_REMARK_BYTES),
      });
      if (remark === undefined || remark.trim() === contact.remark) {
        return false;
      }
      await book.setRemark(contact.userId, remark.trim());
      return true;
    }),
    registerCommand('timChat.messageContact', async (arg): Promise<boolean> => {
      session.requireClient();
      // A row names its contact; from the palette, one is picked.
      const userId = userIdOf(arg) ?? (await contactTarget(arg, book, vscode.l10n.t('Message a Contact')))?.userId;
      if (!userId) {
        return false;
      }
      panels.open(`c2c_${userId}`);
      return true;
    }),
    registerCommand('timChat.setContactRequestPolicy', async (): Promise<number | undefined> => {
      const client = session.requireClient();
      const self = session.signedInAccount?.userId ?? '';
      const [profile] = await client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: [self], friendship_getprofilelist_param_force_update: true });
      const current = profile?.user_profile_add_permission;
      const picked = await vscode.window.showQuickPick(
        PERMISSIONS.map((p) => ({ label: p.label(), detail: p.detail(), description: p.value === current ? vscode.l10n.t('Current') : undefined, value: p.value })),
        { title: vscode.l10n.t('Who Can Add Me as a Contact') },
      );
      if (!picked || picked.value === current) {
        return undefined;
      }
      await client.profileModifySelfUserProfile({ user_profile_item_add_permission: picked.value });
      void showInfo(vscode.l10n.t('Who can add you as a contact: {0}.', picked.label));
      return picked.value;
    }),
  ];
}
