/**
 * Finds the receiver's copy of a snippet's file: first in a repository whose remote matches the
 * sender's (a workspace folder, the repository around it, or a clone directly inside it), at the same
 * relative path; else at the same relative path under any workspace folder. Never outside those roots.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { SnippetView } from '../../shared/chatModel';
import { gitRepositoryOf, normalizeRemote, type GitRepository } from './gitInfo';
import { isSafeRelativePath } from './snippetFormat';

export interface LocatedFile {
  readonly uri: vscode.Uri;
  /** How it was found: by repository remote, or by path alone. */
  readonly match: 'repository' | 'path';
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() === true;
}

/** `root/relative`, or undefined when that would leave `root` (or the path is not a safe one). */
export function resolveInside(root: string, relative: string): string | undefined {
  if (!isSafeRelativePath(relative)) {
    return undefined;
  }
  const full = path.resolve(root, ...relative.split('/'));
  const back = path.relative(root, full);
  return back && !back.startsWith('..') && !path.isAbsolute(back) ? full : undefined;
}

/** Workspace folders on disk, the repositories they are in, and clones one level inside them. */
async function candidateRepositories(): Promise<GitRepository[]> {
  const roots: GitRepository[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') {
      continue;
    }
    const own = await gitRepositoryOf(folder.uri.fsPath);
    if (own) {
      roots.push(own);
    }
    const children = await fs.readdir(folder.uri.fsPath, { withFileTypes: true }).catch(() => []);
    for (const child of children) {
      if (child.isDirectory() && !child.name.startsWith('.') && child.name !== 'node_modules') {
        const dir = path.join(folder.uri.fsPath, child.name);
        if (await fs.stat(path.join(dir, '.git')).catch(() => undefined)) {
          const repo = await gitRepositoryOf(dir);
          if (repo) {
            roots.push(repo);
          }
        }
      }
    }
  }
  return roots;
}

export async function locateSnippetFile(snippet: Pick<SnippetView, 'path' | 'gitRemote'>): Promise<LocatedFile | undefined> {
  const repositories = await candidateRepositories();
  if (snippet.gitRemote) {
    const wanted = normalizeRemote(snippet.gitRemote);
    for (const repo of repositories) {
      const file = repo.remote && normalizeRemote(repo.remote) === wanted ? resolveInside(repo.root, snippet.path) : undefined;
      if (file && (await isFile(file))) {
        return { uri: vscode.Uri.file(file), match: 'repository' };
      }
    }
  }
  // A clone whose remote differs from the sender's is another project: its file of the same name is not a copy.
  const unrelated = (repo: GitRepository): boolean => Boolean(snippet.gitRemote && repo.remote);
  const roots = [
    ...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    ...repositories.filter((r) => !unrelated(r)).map((r) => r.root),
  ];
  for (const root of roots) {
    const file = resolveInside(root, snippet.path);
    if (file && (await isFile(file))) {
      return { uri: vscode.Uri.file(file), match: 'path' };
    }
  }
  return undefined;
}

/** The text of a file as VS Code has it: an open document's unsaved edits count. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    return await fs.readFile(uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}
