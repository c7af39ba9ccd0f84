/**
 * Saves a message element's payload (file, image, sound, video) where the user chooses: the save dialog
 * (in the first workspace folder, else the home folder), then TIMMsgDownloadElemToPath with its progress
 * in a notification. Shared by the chat panel's Download and Show Files….
 */
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { showInfo } from '../notify';
import { ByteProgress } from './byteProgress';
import type { DownloadTarget } from './mediaElements';

/** True once saved; false when the user cancelled the dialog. */
export async function saveElementAs(client: TimClient, target: DownloadTarget): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const chosen = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(folder, target.name)), title: vscode.l10n.t('Download {0}', target.name), saveLabel: vscode.l10n.t('Download') });
  if (!chosen) {
    return false;
  }
  if (chosen.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Choose a folder on this machine.'));
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}…', target.name) }, async (progress) => {
    const bytes = new ByteProgress(vscode.l10n.t);
    const report = (current: number, total: number): void => {
      const step = bytes.step(current, total);
      if (step) {
        progress.report(step);
      }
    };
    const result = await client.msgDownloadElemToPath(target.param, path.normalize(chosen.fsPath), report);
    if (result) {
      // The final sizes: a no-op after the engine's own last report, the only step if it sent none.
      report(result.msg_download_elem_result_current_size, result.msg_download_elem_result_total_size);
    }
  });
  void showInfo(vscode.l10n.t('Saved {0}', chosen.fsPath));
  return true;
}
