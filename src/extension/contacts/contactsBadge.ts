/**
 * The Contacts view's badge and the requests' read state: the badge counts requests to the user that no
 * device of theirs has shown yet (TIM's unread count), as the Conversations view counts unread
 * messages. Once the view shows them in a focused window they are reported read, and the badge goes
 * here and on the user's other devices; the requests stay listed until answered.
 */
import * as vscode from 'vscode';
import type { ContactBook } from './contactBook';

export function followContactsBadge(view: vscode.TreeView<unknown>, book: ContactBook): vscode.Disposable {
  const update = (): void => {
    const unread = book.unreadCount;
    view.badge = unread > 0 ? { value: unread, tooltip: vscode.l10n.t('{0} new contact requests', unread) } : undefined;
    if (unread > 0 && view.visible && vscode.window.state.focused) {
      void book.markRequestsRead();
    }
  };
  update();
  return vscode.Disposable.from(
    book.onDidChange(update),
    view.onDidChangeVisibility(update),
    vscode.window.onDidChangeWindowState(update),
  );
}
