/** The chat panel's strings in VS Code's display language (see src/shared/panelStrings.ts). */
import * as vscode from 'vscode';
import { PANEL_STRINGS } from '../../shared/panelStrings';

export function panelStrings(): Record<string, string> {
  const translated: Record<string, string> = {};
  for (const [key, english] of Object.entries(PANEL_STRINGS)) {
    // Placeholders stay as {0}: the webview fills them in.
    translated[key] = vscode.l10n.t({ message: english, args: [], comment: `chat panel: ${key}` });
  }
  return translated;
}
