/** Sign in, sign out, switch user, and showing the conversations (the status bar item's command). */
import * as vscode from 'vscode';
import type { SignInFlow } from '../session/signInFlow';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';

export function registerSessionCommands({ session, signIn }: { session: TimSession; signIn: SignInFlow }): vscode.Disposable[] {
  return [
    registerCommand('timChat.signIn', () => signIn.run()),
    registerCommand('timChat.switchUser', () => signIn.run({ switchUser: true })),
    registerCommand('timChat.signOut', async () => {
      await session.signOut(vscode.l10n.t('Signed out.'));
    }),
    registerCommand('timChat.showConversations', () => vscode.commands.executeCommand('timChat.conversations.focus')),
  ];
}
