/** Context keys that drive `when` clauses in package.json (welcome views, menus). */
import * as vscode from 'vscode';

export const ContextKey = {
  signedIn: 'timChat.signedIn',
  /** The active chat panel is a group's (its title bar offers Show Members). */
  activeChatIsGroup: 'timChat.activeChatIsGroup',
  /** The active chat panel is a one-to-one chat whose peer the user blocked (its title bar offers Unblock). */
  activeChatPeerBlocked: 'timChat.activeChatPeerBlocked',
} as const;

export async function setContext(key: (typeof ContextKey)[keyof typeof ContextKey], value: unknown): Promise<void> {
  await vscode.commands.executeCommand('setContext', key, value);
}
