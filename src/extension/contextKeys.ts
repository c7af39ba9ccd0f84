/** Context keys that drive `when` clauses in package.json (welcome views, menus). */
import * as vscode from 'vscode';

export const ContextKey = {
  signedIn: 'timChat.signedIn',
} as const;

export async function setContext(key: (typeof ContextKey)[keyof typeof ContextKey], value: unknown): Promise<void> {
  await vscode.commands.executeCommand('setContext', key, value);
}
