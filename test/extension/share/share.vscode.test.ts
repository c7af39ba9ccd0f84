/**
 * Sharing code in the real extension host, on a real tim-emulator process: a selection shared from an
 * open editor reaches another user's TimClient as the snippet custom element; a batch send reaches
 * three users and fails for an unknown one, with each person's result shown; Open at This Line finds
 * the right clone by git remote and the right range; staleness follows edits of the file; Show Diff
 * opens a diff; Share File sends a file element; likely secrets trigger the modal warning, and
 * cancelling sends nothing.
 *
 * The share commands are registered here with the extension's live session and store (from its exports)
 * unless the extension already registers them. Modal dialogs and quick picks cannot be answered from
 * inside the extension host, so `recordDialogs` (test/harness/scriptedDialogs.ts) replaces vscode.window.showWarningMessage, showQuickPick
 * and showInputBox for one command with scripted answers (and records what was asked); everything else
 * (editors, selections, documents, TIM calls, the emulator) is real.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../../src/extension/extension';
import { registerShareCommands, type PersonResult, type ShareFileResult, type ShareSelectionResult } from '../../../src/extension/share/shareCommands';
import { parseSnippetData } from '../../../src/extension/share/snippetFormat';
import { SnippetService } from '../../../src/extension/share/snippetRequests';
import { SNIPPET_SCHEME } from '../../../src/extension/share/snippetDocuments';
import type { SnippetView } from '../../../src/shared/chatModel';
import { TIMConvType, TIMElemType } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulatorProcess';
import { recordDialogs } from '../../harness/scriptedDialogs';
import { eventually, signInUser, type TimUser } from '../../harness/timUser';
import { watchAddedMessages } from '../../harness/panelNotifications';

function api(): TimChatApi {
  const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** Collects what a user receives. */
function inbox(user: TimUser): { messages: TimMessage[]; dispose(): void } {
  const messages: TimMessage[] = [];
  const subscription = user.client.onEvent('RecvNewMsg', (received) => messages.push(...received));
  return { messages, dispose: () => subscription.dispose() };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A clone as git leaves it on disk (config, HEAD, a branch ref), without running git. */
function fakeClone(dir: string, remote: string, commit: string): void {
  write(path.join(dir, '.git', 'config'), `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${remote}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  write(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  write(path.join(dir, '.git', 'refs', 'heads', 'main'), `${commit}\n`);
}

const APP_COMMIT = '1111111111111111111111111111111111111111';
const OTHER_COMMIT = '2222222222222222222222222222222222222222';
const MATH = ['export function add(a: number, b: number): number {', '  return a + b;', '}', '', 'export function mul(a: number, b: number): number {', '  return a * b;', '}', ''].join('\n');
const OTHER_MATH = ['// a different project with a file of the same name', 'export const add = (a: number, b: number) => a + b;', ''].join('\n');
// Built from pieces so this file itself does not trip secret scanners.
const TOKEN = ['ghp', '_', 'Zx81kLm2QpR7vT9wY3nB6cD4eF5gH6iJ7kL8'].join('');

async function selectLines(file: string, startLine: number, endLine: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  editor.selection = new vscode.Selection(startLine - 1, 0, endLine - 1, editor.document.lineAt(endLine - 1).text.length);
  return editor;
}

describe('share code', function () {
  this.timeout(60_000);
  let emulator: EmulatorProcess;
  let bob: TimUser;
  let carol: TimUser;
  let dave: TimUser;
  let snippets: SnippetService;
  const registrations: vscode.Disposable[] = [];
  let workspace: string;
  let app: string;
  let other: string;
  let shared: SnippetView;

  before(async () => {
    await vscode.commands.executeCommand('timChat.conversations.focus');
    await eventually(() => vscode.extensions.getExtension('timchat.tim-chat')?.isActive, 20_000, 'activation');
    emulator = await startEmulatorProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-share-')));
    process.env.TIMCHAT_EMULATOR_DATA = emulator.dataDir;
    [bob, carol, dave] = await Promise.all(['bob', 'carol', 'dave'].map((id) => signInUser(emulator, id)));
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
    // The test-only activation path: the share commands on the extension's live objects.
    if (!(await vscode.commands.getCommands(true)).includes('timChat.shareSelection')) {
      registrations.push(...registerShareCommands({ session: api().session, store: api().store, openChat: api().openChat }));
    }
    snippets = new SnippetService();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    workspace = folder.uri.fsPath;
    app = path.join(workspace, 'app');
    other = path.join(workspace, 'other');
    fakeClone(app, 'git@github.com:acme/app.git', APP_COMMIT);
    fakeClone(other, 'https://github.com/acme/other.git', OTHER_COMMIT);
    write(path.join(app, 'src', 'math.ts'), MATH);
    write(path.join(other, 'src', 'math.ts'), OTHER_MATH);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    snippets?.dispose();
    for (const registration of registrations.splice(0)) {
      registration.dispose();
    }
    await vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat')?.exports?.session.signOut();
    await Promise.all([bob, carol, dave].map((u) => u?.close()));
    await emulator?.stop();
    fs.rmSync(app, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('shares a selection from an open editor; bob receives the snippet element and a readable text', async () => {
    const received = inbox(bob);
    await selectLines(path.join(app, 'src', 'math.ts'), 5, 7);
    const result = (await vscode.commands.executeCommand('timChat.shareSelection', { conversation: 'c2c_bob', comment: 'multiplication, for review' })) as ShareSelectionResult | undefined;
    assert.ok(result, 'the command sent a message');
    const message = await eventually(() => received.messages.find((m) => m.message_msg_id === result.message.message_msg_id), 10_000, 'bob receives the snippet');
    received.dispose();
    const [text, custom] = message.message_elem_array;
    assert.equal(text.elem_type, TIMElemType.Text);
    assert.equal(custom.elem_type, TIMElemType.Custom);
    const snippet = parseSnippetData(custom.elem_type === TIMElemType.Custom ? custom.custom_elem_data : undefined);
    assert.deepEqual(snippet, {
      path: 'src/math.ts',
      languageId: 'typescript',
      startLine: 5,
      endLine: 7,
      gitRemote: 'git@github.com:acme/app.git',
      gitCommit: APP_COMMIT,
      code: 'export function mul(a: number, b: number): number {\n  return a * b;\n}',
    });
    assert.equal(custom.elem_type === TIMElemType.Custom && custom.custom_elem_desc, 'src/math.ts:5-7');
    assert.match(text.elem_type === TIMElemType.Text ? text.text_elem_content : '', /^multiplication, for review\n\nsrc\/math\.ts:5-7\n```typescript\nexport function mul/);
    shared = snippet;
  });

  it('picks the conversation recent first and asks for a comment when not given', async () => {
    await carol.client.msgSendMessage('alice', TIMConvType.C2C, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'carol writes last' }] });
    await eventually(() => api().store.get('c2c_carol'), 10_000, 'carol in the store');
    await eventually(() => (api().store.get('c2c_carol')?.lastTime ?? 0) >= (api().store.get('c2c_bob')?.lastTime ?? 0), 10_000, 'carol is newest');
    const received = inbox(carol);
    await selectLines(path.join(app, 'src', 'math.ts'), 1, 3);
    const { result, asked } = await recordDialogs(
      { pickAny: (items) => items.find((i) => i.label.includes('carol')), inputs: [''] },
      () => vscode.commands.executeCommand('timChat.shareSelection') as Thenable<ShareSelectionResult | undefined>,
    );
    assert.ok(result);
    const labels = asked.picked[0].map((i) => i.label);
    assert.ok(labels[0].includes('carol'), `carol first: ${labels.join(' | ')}`);
    assert.ok(labels.some((l) => l.includes('bob')));
    assert.ok(labels[labels.length - 1].includes('Another User or Group'));
    const message = await eventually(() => received.messages.find((m) => m.message_msg_id === result.message.message_msg_id), 10_000, 'carol receives');
    received.dispose();
    const text = message.message_elem_array[0];
    assert.match(text.elem_type === TIMElemType.Text ? text.text_elem_content : '', /^src\/math\.ts:1-3\n```typescript\n/);
  });

  it('shares with several people in one batch send, with a result for each', async () => {
    const boxes = [bob, carol, dave].map(inbox);
    // dave's chat is open: it shows what was sent to him.
    const davePanel = (await vscode.commands.executeCommand('timChat.openChat', 'c2c_dave')) as ReturnType<TimChatApi['openChat']>;
    assert.ok(davePanel);
    const toDave = watchAddedMessages(davePanel);
    await selectLines(path.join(app, 'src', 'math.ts'), 1, 3);
    const { result: results, asked } = await recordDialogs({ warning: 'Show Results' }, async (seen) => {
      const answer = (await vscode.commands.executeCommand('timChat.shareSelectionWithSeveral', { users: ['bob', 'carol', 'dave', 'nobody'], comment: 'for all three' })) as PersonResult[] | undefined;
      await eventually(() => seen.picked.length > 0, 5000, 'the per-person results');
      return answer;
    });
    assert.deepEqual(results?.map((r) => [r.userId, r.ok]), [['bob', true], ['carol', true], ['dave', true], ['nobody', false]]);
    assert.notEqual(results?.[3].code, 0);
    assert.match(asked.warnings[0].message, /with 3 of 4 people\. Not sent to: nobody\./);
    const shown = asked.picked[0].map((i) => `${i.label} ${i.description ?? ''}`);
    assert.equal(shown.length, 4);
    // Who did not get it first; then by the name bob's conversation shows, with his user ID beside it
    // when that name is another.
    assert.match(shown[0], /error\) nobody Not sent: .+ \(\d+\)/);
    assert.match(shown[1], /^\$\(check\) (bob Sent|\S+ bob · Sent)$/);
    for (const box of boxes) {
      const message = await eventually(() => box.messages.find((m) => m.message_elem_array.some((e) => e.elem_type === TIMElemType.Custom)), 10_000, 'each receives the snippet');
      const custom = message.message_elem_array.find((e) => e.elem_type === TIMElemType.Custom);
      assert.equal(parseSnippetData(custom?.elem_type === TIMElemType.Custom ? custom.custom_elem_data : undefined)?.startLine, 1);
      box.dispose();
    }
    assert.equal(toDave.ids.length, 1, "the snippet in dave's open chat");
    toDave.dispose();
    davePanel.dispose();
  });

  it('opens the receiver\'s copy by git remote and path, at the range', async () => {
    assert.ok(shared, 'a snippet was shared');
    const opened = await snippets.handlers['snippet/open']({ snippet: shared });
    assert.equal(opened.opened, 'workspace');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path.join(app, 'src', 'math.ts'));
    assert.equal(editor?.selection.start.line, 4);
    assert.equal(editor?.selection.end.line, 6);
    // The same path in the other clone is chosen when the remote says so (any URL form).
    await snippets.handlers['snippet/open']({ snippet: { ...shared, gitRemote: 'https://github.com/ACME/other', startLine: 2, endLine: 2, code: 'x' } });
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(other, 'src', 'math.ts'));
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 1);
    // Without a matching remote, the same relative path under a workspace folder.
    write(path.join(workspace, 'notes', 'todo.md'), '# todo\n- one\n- two\n');
    await snippets.handlers['snippet/open']({ snippet: { path: 'notes/todo.md', languageId: 'markdown', startLine: 2, endLine: 3, code: '- one\n- two', gitRemote: 'https://example.com/unknown.git' } });
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(workspace, 'notes', 'todo.md'));
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 1);
  });

  it('opens a read-only document of the snippet, in its language, when there is no copy', async () => {
    const opened = await snippets.handlers['snippet/open']({ snippet: { ...shared, path: 'src/nowhere.ts' } });
    assert.equal(opened.opened, 'snippet');
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, SNIPPET_SCHEME);
    assert.equal(document?.getText(), shared.code);
    assert.equal(document?.languageId, 'typescript');
    await assert.rejects(snippets.handlers['snippet/open']({ snippet: { ...shared, path: '../../../../etc/passwd' } }), /damaged/);
  });

  it('tells same, changed and missing as the file is edited, moved and deleted; shows a diff', async () => {
    const file = path.join(app, 'src', 'math.ts');
    const status = async (): Promise<string> => (await snippets.handlers['snippet/status']({ snippet: shared })).staleness;
    assert.equal(await status(), 'same');
    let changes = 0;
    const listener = snippets.onDidChangeFiles(() => changes++);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(5, 0, 5, document.lineAt(5).text.length), '  return a * b * 1;');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(await status(), 'changed', 'unsaved edits count');
    await eventually(() => changes > 0, 5000, 'panels are told files changed');
    const diff = await snippets.handlers['snippet/diff']({ snippet: shared });
    assert.deepEqual(diff, { shown: true });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
    assert.equal(tab.input.original.scheme, SNIPPET_SCHEME);
    assert.equal(tab.input.modified.fsPath, file);
    const left = await vscode.workspace.openTextDocument(tab.input.original);
    assert.equal(left.getText(), MATH, 'the left side is the file with the sent lines');
    // Undo the change and add lines above: the same code, moved.
    const restore = new vscode.WorkspaceEdit();
    restore.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), `// added\n// lines\n${MATH}`);
    assert.ok(await vscode.workspace.applyEdit(restore));
    await document.save();
    const moved = await snippets.handlers['snippet/status']({ snippet: shared });
    assert.deepEqual([moved.staleness, moved.startLine, moved.endLine], ['same', 7, 9]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file);
    // Each status call asks git for the workspace's repositories: on a loaded machine one takes seconds.
    await eventually(async () => (await status()) === 'missing', 15_000, 'missing after delete');
    listener.dispose();
    write(file, MATH);
  });

  it('copies the code to the clipboard', async () => {
    assert.deepEqual(await snippets.handlers['snippet/copy']({ snippet: shared }), { copied: true });
    assert.equal(await vscode.env.clipboard.readText(), shared.code);
  });

  it('inserts the code at the cursor of the last editor', async () => {
    const target = await vscode.workspace.openTextDocument({ content: 'before\nafter', language: 'typescript' });
    const editor = await vscode.window.showTextDocument(target);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    assert.deepEqual(await snippets.handlers['snippet/insert']({ snippet: shared }), { inserted: true });
    assert.equal(target.getText(), `before\n${shared.code}after`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shares a file as a file element', async () => {
    const file = path.join(app, 'README.md');
    write(file, '# app\n\nA small project.\n');
    const received = inbox(bob);
    const result = (await vscode.commands.executeCommand('timChat.shareFile', vscode.Uri.file(file), [vscode.Uri.file(file)], { conversation: 'c2c_bob' })) as ShareFileResult | undefined;
    assert.equal(result?.messages.length, 1);
    const message = await eventually(() => received.messages.find((m) => m.message_elem_array.some((e) => e.elem_type === TIMElemType.File)), 10_000, 'bob receives the file');
    received.dispose();
    const elem = message.message_elem_array[0];
    assert.equal(elem.elem_type, TIMElemType.File);
    if (elem.elem_type === TIMElemType.File) {
      assert.equal(elem.file_elem_file_name, 'README.md');
      assert.equal(Number(elem.file_elem_file_size), fs.statSync(file).size);
    }
  });

  it('warns about likely secrets; cancelling sends nothing, Share Anyway sends', async () => {
    const file = path.join(app, 'src', 'config.ts');
    write(file, `export const config = {\n  region: "eu",\n  token: "${TOKEN}",\n};\n`);
    const received = inbox(bob);
    await selectLines(file, 1, 4);
    const cancelled = await recordDialogs({ warning: undefined }, () => vscode.commands.executeCommand('timChat.shareSelection', { conversation: 'c2c_bob', comment: '' }));
    assert.equal(cancelled.result, undefined);
    assert.equal(cancelled.asked.warnings.length, 1);
    const [warning] = cancelled.asked.warnings;
    assert.match(warning.message, /may contain secrets/);
    assert.deepEqual((warning.options as { modal?: boolean }).modal, true);
    assert.match(String((warning.options as { detail?: string }).detail), /a GitHub token \(line 3\)/);
    assert.ok(!JSON.stringify(warning).includes(TOKEN), 'the warning does not show the secret');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(received.messages.length, 0, 'nothing was sent');
    const anyway = await recordDialogs({ warning: 'Share Anyway' }, () => vscode.commands.executeCommand('timChat.shareSelection', { conversation: 'c2c_bob', comment: '' }));
    assert.ok(anyway.result);
    await eventually(() => received.messages.length === 1, 10_000, 'sent after Share Anyway');
    // A .env file shared as a file is checked too.
    const env = path.join(app, '.env');
    write(env, 'PORT=3000\nDATABASE_PASSWORD=pa55w0rd!\n');
    const envShare = await recordDialogs({ warning: undefined }, () => vscode.commands.executeCommand('timChat.shareFile', vscode.Uri.file(env), undefined, { conversation: 'c2c_bob' }));
    assert.equal(envShare.result, undefined);
    assert.match(String((envShare.asked.warnings[0]?.options as { detail?: string } | undefined)?.detail), /DATABASE_PASSWORD \(line 2\)/);
    received.dispose();
  });

  // Last: what it sends to bob would tie with carol's message in "recent first" above, within one second.
  it("shows what was shared in the conversation's open chat panel (TIM does not tell the sending device)", async () => {
    const panel = (await vscode.commands.executeCommand('timChat.openChat', 'c2c_bob')) as ReturnType<TimChatApi['openChat']>;
    assert.ok(panel);
    const watch = watchAddedMessages(panel);
    const added = watch.ids;
    try {
      await selectLines(path.join(app, 'src', 'math.ts'), 1, 3);
      const result = (await vscode.commands.executeCommand('timChat.shareSelection', { conversation: 'c2c_bob', comment: '' })) as ShareSelectionResult | undefined;
      assert.ok(result);
      await eventually(() => added.includes(result.message.message_msg_id), 10_000, 'the snippet in the open panel');
      const file = path.join(app, 'NOTES.md');
      write(file, 'notes\n');
      const files = (await vscode.commands.executeCommand('timChat.shareFile', vscode.Uri.file(file), [vscode.Uri.file(file)], { conversation: 'c2c_bob' })) as ShareFileResult | undefined;
      const fileId = files?.messages[0]?.message_msg_id ?? '';
      await eventually(() => added.includes(fileId), 10_000, 'the file in the open panel');
      assert.equal(added.filter((id) => id === result.message.message_msg_id).length, 1, 'once');
    } finally {
      watch.dispose();
      panel.dispose();
    }
  });
});
