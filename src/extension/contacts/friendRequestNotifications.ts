/**
 * A notification when someone asks to add the user as a contact (FriendAddRequest), with Accept and
 * Decline, as Tencent's apps show a new request. Several at once are one notification that opens the
 * Contacts view.
 */
import * as vscode from 'vscode';
import { describeFailure } from '../log';
import { showError, showInfo } from '../notify';
import type { ContactBook } from './contactBook';
import type { ContactRequest } from './contactModel';

export function announceRequests(book: ContactBook): vscode.Disposable {
  return book.onDidReceiveRequests((requests) => void announce(book, requests));
}

async function announce(book: ContactBook, requests: readonly ContactRequest[]): Promise<void> {
  const [only] = requests;
  if (only === undefined) {
    return;
  }
  if (requests.length > 1) {
    const show = vscode.l10n.t('Show Contacts');
    if ((await showInfo(vscode.l10n.t('{0} people want to add you as a contact.', requests.length), show)) === show) {
      await vscode.commands.executeCommand('timChat.contacts.focus');
    }
    return;
  }
  const accept = vscode.l10n.t('Accept');
  const decline = vscode.l10n.t('Decline');
  const text = only.wording ? vscode.l10n.t('{0} wants to add you as a contact: “{1}”', only.name, only.wording) : vscode.l10n.t('{0} wants to add you as a contact.', only.name);
  const answer = await showInfo(text, accept, decline);
  try {
    if (answer === accept) {
      await book.accept(only.userId);
      void showInfo(vscode.l10n.t('{0} is in your contacts now.', only.name));
    } else if (answer === decline) {
      await book.decline(only.userId);
    }
  } catch (error: unknown) {
    void showError(vscode.l10n.t('TIM Chat: {0}', describeFailure(error)));
  }
}
