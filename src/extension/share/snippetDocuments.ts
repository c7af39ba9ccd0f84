/**
 * Read-only virtual documents of snippets (`timchat-snippet:` URIs): the snippet alone (opened when the
 * receiver has no copy of the file), or the receiver's file with the sent lines in place (the left side
 * of the diff view). Contents live in one table shared by every provider instance.
 */
import * as vscode from 'vscode';
import type { SnippetView } from '../../shared/chatModel';

export const SNIPPET_SCHEME = 'timchat-snippet';

const contents = new Map<string, string>();
/** Old documents are forgotten after this many, oldest first: each holds a copy of some code. */
const MAX_DOCUMENTS = 200;
let counter = 0;

function remember(key: string, text: string): void {
  contents.delete(key);
  contents.set(key, text);
  while (contents.size > MAX_DOCUMENTS) {
    const oldest = contents.keys().next().value;
    if (oldest === undefined) {
      break;
    }
    contents.delete(oldest);
  }
}

/**
 * A URI whose path ends with the snippet's file name, so VS Code picks the language and the tab shows
 * the name; `label` goes into the path before it ("sent" for the diff's left side).
 */
export function snippetDocumentUri(snippet: SnippetView, text: string, label: string): vscode.Uri {
  const id = `${Date.now().toString(36)}-${(++counter).toString(36)}`;
  const uri = vscode.Uri.from({ scheme: SNIPPET_SCHEME, path: `/${id}/${label}/${snippet.path}`, query: `lines=${snippet.startLine}-${snippet.endLine}` });
  remember(uri.path, text);
  return uri;
}

export class SnippetDocumentProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return contents.get(uri.path) ?? vscode.l10n.t('This snippet is no longer available. Open it again from the chat.');
  }
}

export function registerSnippetDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SNIPPET_SCHEME, new SnippetDocumentProvider());
}
