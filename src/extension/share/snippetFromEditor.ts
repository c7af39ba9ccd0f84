/**
 * Makes a SnippetView of an editor's selection: the code, 1-based lines, the language, the path relative
 * to the file's git repository (or its workspace folder, or just its name), the remote and the commit.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetView } from '../../shared/chatModel';
import { gitRepositoryOf } from './gitInfo';
import { safeLanguageId, toSnippetPath } from './snippetFormat';

/**
 * The whole lines from the first to the last selected one, so the snippet compares line by line. A
 * selection ending at the start of a line does not take that line; an empty one takes its line.
 */
export function selectedCode(document: vscode.TextDocument, selection: vscode.Selection): { code: string; startLine: number; endLine: number } {
  const first = selection.start.line;
  const last = !selection.isEmpty && selection.end.character === 0 && selection.end.line > first ? selection.end.line - 1 : selection.end.line;
  const range = new vscode.Range(first, 0, last, document.lineAt(last).range.end.character);
  return { code: document.getText(range).replace(/\r\n/g, '\n'), startLine: first + 1, endLine: last + 1 };
}

export async function relativeLocation(uri: vscode.Uri): Promise<{ path: string; gitRemote?: string; gitCommit?: string }> {
  if (uri.scheme === 'file') {
    const repo = await gitRepositoryOf(path.dirname(uri.fsPath));
    if (repo) {
      const relative = path.relative(repo.root, uri.fsPath);
      if (relative && !relative.startsWith('..')) {
        return { path: toSnippetPath(relative), ...(repo.remote ? { gitRemote: repo.remote } : {}), ...(repo.commit ? { gitCommit: repo.commit } : {}) };
      }
    }
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) {
    return { path: toSnippetPath(path.posix.relative(folder.uri.path, uri.path)) };
  }
  // Untitled or outside the workspace: only the name means anything to the receiver.
  return { path: toSnippetPath(path.posix.basename(uri.path) || 'snippet.txt') };
}

export async function snippetFromEditor(editor: vscode.TextEditor): Promise<SnippetView> {
  const { code, startLine, endLine } = selectedCode(editor.document, editor.selection);
  const location = await relativeLocation(editor.document.uri);
  return { ...location, languageId: safeLanguageId(editor.document.languageId), startLine, endLine, code };
}
