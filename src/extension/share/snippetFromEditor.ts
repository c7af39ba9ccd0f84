/**
 * Makes a SnippetView of an editor's selection: the code, 1-based lines, the language, the path relative
 * to the file's git repository (or its workspace folder, or just its name), the remote and the commit.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetView } from '../../shared/chatModel';
import { gitRepositoryOf } from './gitInfo';
import { safeLanguageId, toSnippetPath } from './snippetFormat';

/** The lines a selection covers; one ending at the start of a line does not take that line. */
export function selectedLines(document: vscode.TextDocument, selection: vscode.Selection): { range: vscode.Range; startLine: number; endLine: number } {
  let end = selection.end;
  if (!selection.isEmpty && end.character === 0 && end.line > selection.start.line) {
    end = document.lineAt(end.line - 1).range.end;
  }
  const start = selection.isEmpty ? document.lineAt(selection.start.line).range.start : selection.start;
  if (selection.isEmpty) {
    end = document.lineAt(selection.start.line).range.end;
  }
  return { range: new vscode.Range(start, end), startLine: start.line + 1, endLine: end.line + 1 };
}

/** Whole lines from the first to the last selected one, so the snippet can be compared line by line. */
export function selectedCode(document: vscode.TextDocument, selection: vscode.Selection): { code: string; startLine: number; endLine: number } {
  const { startLine, endLine } = selectedLines(document, selection);
  const range = new vscode.Range(startLine - 1, 0, endLine - 1, document.lineAt(endLine - 1).range.end.character);
  return { code: document.getText(range).replace(/\r\n/g, '\n'), startLine, endLine };
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
