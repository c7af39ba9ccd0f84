/**
 * The host side of a snippet card's actions: staleness, Open at This Line, Show Diff, Insert at Cursor,
 * Copy. `handlers` is spread into a chat panel's request handlers; `onDidChangeFiles` tells panels to
 * ask for staleness again. Every snippet from the webview is validated again: it is message data.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetStatus, SnippetView } from '../../shared/chatModel';
import type { SnippetRequests } from '../../shared/protocol';
import { Disposable } from '../lifecycle';
import { showInfo } from '../notify';
import { registerSnippetDocuments, SNIPPET_SCHEME, snippetDocumentUri } from './snippetDocuments';
import { validateSnippet } from './snippetFormat';
import { currentText, locateSnippetFile } from './snippetLocator';
import { compareSnippet, fileWithSnippet } from './staleness';

export type SnippetRequestHandlers = {
  [M in keyof SnippetRequests]: (params: SnippetRequests[M]['params']) => Promise<SnippetRequests[M]['result']>;
};

/** How long file changes settle before panels are told (typing fires a change per key). */
const FILES_CHANGED_DELAY_MS = 300;

function requireSnippet(params: { snippet?: unknown } | undefined): SnippetView {
  const snippet = validateSnippet(params?.snippet);
  if (!snippet) {
    throw new Error(vscode.l10n.t('This code snippet is damaged and cannot be used.'));
  }
  return snippet;
}

export class SnippetService extends Disposable {
  private readonly onDidChangeFilesEmitter = this.register(new vscode.EventEmitter<void>());
  /** Files in the workspace changed (edits, saves, creations, deletions); debounced. */
  readonly onDidChangeFiles = this.onDidChangeFilesEmitter.event;
  private lastEditor: vscode.TextEditor | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.register(registerSnippetDocuments());
    this.lastEditor = vscode.window.activeTextEditor;
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      // A webview taking focus clears the active editor: remember the last real one for "Insert".
      if (editor && editor.document.uri.scheme !== SNIPPET_SCHEME) {
        this.lastEditor = editor;
      }
    }));
    const changed = (uri: vscode.Uri): void => {
      if (uri.scheme === 'file' || uri.scheme === 'untitled') {
        this.filesChanged();
      }
    };
    this.register(vscode.workspace.onDidChangeTextDocument((e) => changed(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => changed(d.uri)));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate(changed));
    this.register(watcher.onDidDelete(changed));
    this.register(watcher.onDidChange(changed));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  private filesChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onDidChangeFilesEmitter.fire(), FILES_CHANGED_DELAY_MS);
  }

  async status(snippet: SnippetView): Promise<SnippetStatus & { uri?: vscode.Uri; text?: string }> {
    const located = await locateSnippetFile(snippet);
    const text = located ? await currentText(located.uri) : undefined;
    const result = compareSnippet(snippet.code, snippet.startLine, snippet.endLine, text);
    return {
      ...result,
      localPath: located ? vscode.workspace.asRelativePath(located.uri, true) : '',
      ...(located && text !== undefined ? { uri: located.uri, text } : {}),
    };
  }

  /** Opens the receiver's copy at the code (where it is now, when it moved), else the snippet read-only. */
  async open(snippet: SnippetView): Promise<{ opened: 'workspace' | 'snippet'; uri: string }> {
    const status = await this.status(snippet);
    if (status.uri) {
      const range = new vscode.Range(status.startLine - 1, 0, status.endLine - 1, Number.MAX_SAFE_INTEGER);
      const editor = await vscode.window.showTextDocument(status.uri, { selection: range, preview: false });
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return { opened: 'workspace', uri: status.uri.toString() };
    }
    const uri = snippetDocumentUri(snippet, snippet.code, 'snippet');
    const document = await vscode.workspace.openTextDocument(uri);
    if (snippet.languageId !== 'plaintext' && document.languageId !== snippet.languageId) {
      await vscode.languages.setTextDocumentLanguage(document, snippet.languageId).then(undefined, () => undefined);
    }
    await vscode.window.showTextDocument(document, { preview: true });
    void showInfo(vscode.l10n.t('{0} is not in your workspace: showing the shared code read-only.', snippet.path));
    return { opened: 'snippet', uri: uri.toString() };
  }

  /** The receiver's file with the sent code in place (left) against the file as it is (right). */
  async diff(snippet: SnippetView): Promise<{ shown: boolean }> {
    const status = await this.status(snippet);
    if (!status.uri || status.text === undefined) {
      await this.open(snippet);
      return { shown: false };
    }
    const start = status.staleness === 'same' ? status.startLine : snippet.startLine;
    const end = status.staleness === 'same' ? status.endLine : snippet.endLine;
    const left = snippetDocumentUri(snippet, fileWithSnippet(status.text, snippet.code, start, end), 'sent');
    const title = vscode.l10n.t('{0} (shared lines {1}–{2}) ↔ Yours', path.posix.basename(snippet.path), snippet.startLine, snippet.endLine);
    await vscode.commands.executeCommand('vscode.diff', left, status.uri, title, { preview: true, selection: new vscode.Range(start - 1, 0, start - 1, 0) });
    return { shown: true };
  }

  /** Inserts the code at the cursor(s) of the last text editor; a new editor when there is none. */
  async insert(snippet: SnippetView): Promise<{ inserted: boolean }> {
    const editor = vscode.window.activeTextEditor ?? (this.lastEditor && !this.lastEditor.document.isClosed ? this.lastEditor : undefined) ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== SNIPPET_SCHEME);
    if (!editor) {
      const document = await vscode.workspace.openTextDocument({ content: snippet.code, language: snippet.languageId });
      await vscode.window.showTextDocument(document);
      return { inserted: true };
    }
    const target = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, selection: editor.selection });
    const inserted = await target.edit((edit) => {
      for (const selection of editor.selections) {
        edit.replace(selection, snippet.code);
      }
    });
    return { inserted };
  }

  async copy(snippet: SnippetView): Promise<{ copied: boolean }> {
    await vscode.env.clipboard.writeText(snippet.code);
    return { copied: true };
  }

  /** Spread into the chat panel's request handlers. */
  readonly handlers: SnippetRequestHandlers = {
    'snippet/status': async (params) => {
      const { staleness, startLine, endLine, localPath } = await this.status(requireSnippet(params));
      return { staleness, startLine, endLine, localPath };
    },
    'snippet/open': async (params) => this.open(requireSnippet(params)),
    'snippet/diff': async (params) => this.diff(requireSnippet(params)),
    'snippet/insert': async (params) => this.insert(requireSnippet(params)),
    'snippet/copy': async (params) => this.copy(requireSnippet(params)),
  };
}
