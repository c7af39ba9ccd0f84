/** The snippet card's strings in VS Code's display language, to merge into the panel's `strings`. */
import * as vscode from 'vscode';
import { SNIPPET_STRINGS } from '../../webview/snippet/snippetStrings';

export function snippetPanelStrings(): Record<string, string> {
  const translated: Record<string, string> = {};
  for (const [key, english] of Object.entries(SNIPPET_STRINGS)) {
    // Placeholders stay as {0}: the webview fills them in.
    translated[key] = vscode.l10n.t({ message: english, args: [], comment: `snippet card: ${key}` });
  }
  return translated;
}
