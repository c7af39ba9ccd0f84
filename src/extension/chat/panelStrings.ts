/**
 * The chat panel's strings in VS Code's display language: the webview's English tables (pure data in
 * src/webview/strings.ts and src/webview/snippet/snippetStrings.ts), each translated with vscode.l10n
 * and sent in `chat/info.strings`. Placeholders stay as {0}: the webview fills them in.
 */
import * as vscode from 'vscode';
import { SNIPPET_STRINGS } from '../../webview/snippet/snippetStrings';
import { ENGLISH_STRINGS } from '../../webview/strings';

export function panelStrings(): Record<string, string> {
  const translated: Record<string, string> = {};
  for (const [key, english] of Object.entries({ ...ENGLISH_STRINGS, ...SNIPPET_STRINGS })) {
    translated[key] = vscode.l10n.t({ message: english, args: [], comment: `chat panel: ${key}` });
  }
  return translated;
}
