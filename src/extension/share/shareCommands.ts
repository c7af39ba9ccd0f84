/**
 * The share commands: "Share Selection…" (a snippet to one conversation), "Share Selection with Several
 * People…" (one batch send, a result per person) and "Share File…" (file messages). Each checks for
 * likely secrets first and lets the user cancel. Arguments may name the receivers and the comment, so
 * other commands and tests can run them without prompts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetView } from '../../shared/chatModel';
import { TIMElemType } from '../../tim/enums';
import type { TimMsgBatchSendResult } from '../../tim/types/messageParams';
import type { TimMessage } from '../../tim/types/message';
import { registerCommand } from '../commands/command';
import type { ConversationStore } from '../conversations/conversationStore';
import { log } from '../log';
import { showInfo, showWarning } from '../notify';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { confirmDespiteSecrets } from './secretWarning';
import { isDotenvFile, scanForSecrets } from './secretScanner';
import { buildSnippetMessage, snippetHeader, SnippetTooLargeError, type SnippetMessage } from './snippetFormat';
import { snippetFromEditor } from './snippetFromEditor';
import { BATCH_SEND_LIMIT, parseUserIds, pickConversation, pickUsers, targetOf, type ShareTarget } from './shareTargets';
import { sentHere } from '../messages/sentHere';

export const ShareCommand = {
  shareSelection: 'timChat.shareSelection',
  shareSelectionWithSeveral: 'timChat.shareSelectionWithSeveral',
  shareFile: 'timChat.shareFile',
} as const;

export interface ShareCommandDeps {
  readonly session: TimSession;
  readonly store: ConversationStore;
  /** Opens (or reveals) the chat panel of a conversation key: the "Open Chat" button after sharing. */
  readonly openChat?: (conversationKey: string) => unknown;
}

/** Optional last argument of "Share Selection…" and "Share File…". */
export interface ShareOptions {
  /** A conversation key (`c2c_<id>`, `group_<id>`) or a user ID: no quick pick. */
  readonly conversation?: string;
  /** The comment: no input box (empty for none). */
  readonly comment?: string;
}

/** Optional argument of "Share Selection with Several People…". */
export interface ShareSeveralOptions {
  readonly users?: readonly string[];
  readonly comment?: string;
}

export interface ShareSelectionResult {
  readonly target: ShareTarget;
  readonly snippet: SnippetView;
  readonly message: TimMessage;
}

export interface PersonResult {
  readonly userId: string;
  readonly ok: boolean;
  readonly code: number;
  readonly desc: string;
}

export interface ShareFileResult {
  readonly target: ShareTarget;
  readonly messages: readonly TimMessage[];
}

/** Largest file TIM takes in a file message. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Text files up to this size are checked for secrets before they are shared. */
const MAX_SCANNED_FILE_BYTES = 1024 * 1024;

function optionsFrom(args: readonly unknown[]): Record<string, unknown> | undefined {
  // Menus pass a Uri (and the editor context an extra object); named options are a plain object.
  for (const arg of [...args].reverse()) {
    if (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !Array.isArray(arg) && ('conversation' in arg || 'comment' in arg || 'users' in arg)) {
      return arg as Record<string, unknown>;
    }
  }
  return typeof args[0] === 'string' ? { conversation: args[0] } : undefined;
}

function requireEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Error(vscode.l10n.t('Open a file and select the code to share.'));
  }
  return editor;
}

async function askComment(title: string, given: unknown): Promise<string | undefined> {
  if (typeof given === 'string') {
    return given;
  }
  return vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Add a comment (optional). Press Enter to share, Escape to cancel.'),
    placeHolder: vscode.l10n.t('Comment'),
  });
}

function encode(snippet: SnippetView, comment: string): SnippetMessage {
  try {
    return buildSnippetMessage(snippet, comment);
  } catch (error: unknown) {
    if (error instanceof SnippetTooLargeError) {
      throw new Error(vscode.l10n.t('The selection is too large for one message ({0} KB; TIM allows 12 KB). Select fewer lines, or use Share File….', Math.ceil(error.bytes / 1024)));
    }
    throw error;
  }
}

/** The selection as a snippet, once checked for secrets; undefined when the user cancels. */
async function prepareSnippet(): Promise<SnippetView | undefined> {
  const editor = requireEditor();
  const snippet = await snippetFromEditor(editor);
  if (!snippet.code.trim()) {
    throw new Error(vscode.l10n.t('Select the code to share.'));
  }
  const findings = scanForSecrets(snippet.code, { dotenv: isDotenvFile(editor.document.fileName, editor.document.languageId) });
  return (await confirmDespiteSecrets(findings, vscode.l10n.t('The code you are sharing'), snippet.startLine)) ? snippet : undefined;
}

function sharedMessage(deps: ShareCommandDeps, text: string, key?: string): void {
  const openChat = vscode.l10n.t('Open Chat');
  void showInfo(text, ...(key && deps.openChat ? [openChat] : [])).then((choice) => {
    if (choice === openChat && key) {
      deps.openChat?.(key);
    }
  });
}

async function shareSelection(deps: ShareCommandDeps, args: readonly unknown[]): Promise<ShareSelectionResult | undefined> {
  const title = vscode.l10n.t('Share Selection');
  const client = deps.session.requireClient();
  const options = optionsFrom(args);
  const snippet = await prepareSnippet();
  if (!snippet) {
    return undefined;
  }
  const target = typeof options?.conversation === 'string' ? targetOf(options.conversation, deps.store) : await pickConversation(deps.store, title);
  if (!target) {
    return undefined;
  }
  const comment = await askComment(title, options?.comment);
  if (comment === undefined) {
    return undefined;
  }
  const { message } = await client.msgSendMessage(target.ref.id, target.ref.type, encode(snippet, comment));
  sentHere(message);
  log().info(`shared ${snippetHeader(snippet)} with ${target.key}`);
  sharedMessage(deps, vscode.l10n.t('Shared {0} with {1}.', snippetHeader(snippet), target.name), target.key);
  return { target, snippet, message };
}

async function showPersonResults(results: readonly PersonResult[], header: string, store: ShareCommandDeps['store']): Promise<void> {
  // Who did not get it first: that is what the list is opened for. Otherwise in the order picked.
  const failedFirst = [...results.filter((r) => !r.ok), ...results.filter((r) => r.ok)];
  await vscode.window.showQuickPick(
    failedFirst.map((r) => {
      // People by the name their conversation shows; the user ID too when it says something more.
      const name = inertIcons(targetOf(r.userId, store)?.name ?? r.userId);
      const outcome = r.ok ? vscode.l10n.t('Sent') : vscode.l10n.t('Not sent: {0} ({1})', inertIcons(r.desc) || vscode.l10n.t('unknown error'), r.code);
      return { label: `$(${r.ok ? 'check' : 'error'}) ${name}`, description: name === r.userId ? outcome : `${r.userId} · ${outcome}` };
    }),
    { title: vscode.l10n.t('Sharing {0}', header), placeHolder: vscode.l10n.t('Result for each person') },
  );
}

async function shareWithSeveral(deps: ShareCommandDeps, args: readonly unknown[]): Promise<readonly PersonResult[] | undefined> {
  const title = vscode.l10n.t('Share Selection with Several People');
  const client = deps.session.requireClient();
  const options = optionsFrom(args) as ShareSeveralOptions | undefined;
  const snippet = await prepareSnippet();
  if (!snippet) {
    return undefined;
  }
  const selfId = deps.session.signedInAccount?.userId ?? '';
  const users = Array.isArray(options?.users) ? parseUserIds(options.users.filter((u): u is string => typeof u === 'string').join(',')) : await pickUsers(deps.store, title, selfId);
  if (!users?.length) {
    return undefined;
  }
  if (users.length > BATCH_SEND_LIMIT) {
    throw new Error(vscode.l10n.t('At most {0} people at a time', BATCH_SEND_LIMIT));
  }
  const comment = await askComment(title, options?.comment);
  if (comment === undefined) {
    return undefined;
  }
  const answers: TimMsgBatchSendResult[] = await client.msgBatchSend({ msg_batch_send_param_identifier_array: users, msg_batch_send_param_msg: encode(snippet, comment) });
  for (const answer of answers) {
    if (Number(answer.msg_batch_send_result_code) === 0 && answer.msg_batch_send_result_msg) {
      sentHere(answer.msg_batch_send_result_msg);
    }
  }
  const byUser = new Map(answers.map((a) => [a.msg_batch_send_result_identifier, a]));
  const results: PersonResult[] = users.map((userId) => {
    const answer = byUser.get(userId);
    const code = answer ? Number(answer.msg_batch_send_result_code) : -1;
    return { userId, ok: code === 0, code, desc: answer ? String(answer.msg_batch_send_result_desc ?? '') : vscode.l10n.t('no answer for this person') };
  });
  for (const r of results) {
    log().info(`batch share ${snippetHeader(snippet)} to ${r.userId}: ${r.ok ? 'sent' : `failed ${r.code} ${r.desc}`}`);
  }
  const sent = results.filter((r) => r.ok).length;
  const header = snippetHeader(snippet);
  const details = vscode.l10n.t('Show Results');
  const text = sent === results.length
    ? vscode.l10n.t('Shared {0} with {1} people.', header, sent)
    : vscode.l10n.t('Shared {0} with {1} of {2} people. Not sent to: {3}.', header, sent, results.length, results.filter((r) => !r.ok).map((r) => r.userId).join(', '));
  const show = sent === results.length ? showInfo : showWarning;
  void show(text, details).then((choice) => (choice === details ? showPersonResults(results, header, deps.store) : undefined));
  return results;
}

function fileUris(args: readonly unknown[]): vscode.Uri[] {
  // Explorer: (clicked, all selected); editor title or palette: (uri) or nothing.
  const [first, second] = args;
  if (Array.isArray(second) && second.every((u) => u instanceof vscode.Uri) && second.length) {
    return second as vscode.Uri[];
  }
  if (first instanceof vscode.Uri) {
    return [first];
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? [active] : [];
}

async function checkFile(uri: vscode.Uri): Promise<{ size: number } | undefined> {
  const stat = await fs.stat(uri.fsPath).catch(() => undefined);
  if (!stat) {
    throw new Error(vscode.l10n.t('{0} does not exist.', uri.fsPath));
  }
  if (!stat.isFile()) {
    throw new Error(vscode.l10n.t('{0} is a folder: share files one by one, or an archive of the folder.', path.basename(uri.fsPath)));
  }
  if (stat.size === 0) {
    throw new Error(vscode.l10n.t('{0} is empty.', path.basename(uri.fsPath)));
  }
  if (stat.size > MAX_FILE_BYTES) {
    throw new Error(vscode.l10n.t('{0} is larger than 100 MB, the most a file message can carry.', path.basename(uri.fsPath)));
  }
  if (stat.size <= MAX_SCANNED_FILE_BYTES) {
    const bytes = await fs.readFile(uri.fsPath);
    // Binary files (a NUL in the first 8 KB) are not scanned.
    if (!bytes.subarray(0, 8192).includes(0)) {
      const findings = scanForSecrets(bytes.toString('utf8'), { dotenv: isDotenvFile(uri.fsPath) });
      if (!(await confirmDespiteSecrets(findings, path.basename(uri.fsPath)))) {
        return undefined;
      }
    }
  }
  return { size: stat.size };
}

async function shareFile(deps: ShareCommandDeps, args: readonly unknown[]): Promise<ShareFileResult | undefined> {
  const title = vscode.l10n.t('Share File');
  const client = deps.session.requireClient();
  const options = optionsFrom(args);
  let uris = fileUris(args).filter((u) => u.scheme === 'file');
  if (!uris.length) {
    uris = (await vscode.window.showOpenDialog({ title, canSelectMany: true, openLabel: vscode.l10n.t('Share') })) ?? [];
  }
  if (!uris.length) {
    return undefined;
  }
  const files: Array<{ uri: vscode.Uri; size: number }> = [];
  for (const uri of uris) {
    const checked = await checkFile(uri);
    if (!checked) {
      return undefined;
    }
    files.push({ uri, size: checked.size });
  }
  const target = typeof options?.conversation === 'string' ? targetOf(options.conversation, deps.store) : await pickConversation(deps.store, title);
  if (!target) {
    return undefined;
  }
  const messages: TimMessage[] = [];
  for (const { uri, size } of files) {
    const { message } = await client.msgSendMessage(target.ref.id, target.ref.type, {
      message_elem_array: [{ elem_type: TIMElemType.File, file_elem_file_path: uri.fsPath, file_elem_file_name: path.basename(uri.fsPath), file_elem_file_size: size }],
    });
    messages.push(message);
    sentHere(message);
    log().info(`shared file ${path.basename(uri.fsPath)} (${size} bytes) with ${target.key}`);
  }
  const names = files.map((f) => path.basename(f.uri.fsPath)).join(', ');
  sharedMessage(deps, vscode.l10n.t('Shared {0} with {1}.', names, target.name), target.key);
  return { target, messages };
}

/** Registers the three share commands; the caller owns the returned disposables. */
export function registerShareCommands(deps: ShareCommandDeps): vscode.Disposable[] {
  return [
    registerCommand(ShareCommand.shareSelection, (...args) => shareSelection(deps, args)),
    registerCommand(ShareCommand.shareSelectionWithSeveral, (...args) => shareWithSeveral(deps, args)),
    registerCommand(ShareCommand.shareFile, (...args) => shareFile(deps, args)),
  ];
}
