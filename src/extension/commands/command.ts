/**
 * Registers a command with TIM Chat's error boundary: a failure is logged with its stack and shown as
 * one short, actionable message, never thrown into VS Code.
 */
import * as vscode from 'vscode';
import { describeFailure } from '../log';
import { showError } from '../notify';

export function registerCommand(id: string, run: (...args: unknown[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error: unknown) {
      void showError(vscode.l10n.t('TIM Chat: {0}', describeFailure(error)));
      return undefined;
    }
  });
}
