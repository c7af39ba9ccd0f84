/**
 * The rest of the message API in the real extension host, on a real tim-emulator process: search
 * (English and Chinese, everywhere and in one conversation), files and images (send with upload
 * progress, cancel while uploading, download byte for byte, thumbnails), merged messages, stars and the
 * Starred list, import, save note, mark all as read, delete selected (30 per call, 1 call/s), receive
 * options for several people and for a group, and forwarding.
 *
 * Dialogs (open/save dialogs, quick picks, input boxes, modal warnings) cannot be clicked from inside the
 * extension host, so `withDialogs` replaces them for one command with scripted answers and records the
 * messages shown; the UI tests click the real ones. Notifications cannot be read back either, so
 * `recordingProgress` wraps window.withProgress for one command: the real notification still shows,
 * and what the command reported to it is recorded.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ChatMessageView } from '../../src/shared/chatModel';
import type { TimChatApi } from '../../src/extension/extension';
import { StarredIndex } from '../../src/extension/messages/starredIndex';
import { TIMConvType, TIMElemType, TIMReceiveMessageOpt } from '../../src/tim/enums';
import { startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { newDialogLog, type DialogAnswers, type PickAnswer as Pick, withDialogs as withScriptedDialogs } from '../harness/scriptedDialogs';
import { eventually, signInUser, type TimUser } from '../harness/timUser';
import { watchAddedMessages } from '../harness/panelNotifications';

type Window = typeof vscode.window;
// Every dialog any command of these tests showed, collected over the whole suite.
const shown = newDialogLog();

function withDialogs<T>(answers: DialogAnswers, run: () => Thenable<T> | Promise<T>): Promise<T> {
  return withScriptedDialogs(answers, run, shown);
}

interface ProgressRecord {
  readonly title: string | undefined;
  readonly reports: Array<{ message?: string; increment?: number }>;
}

async function recordingProgress<T>(run: () => Thenable<T> | Promise<T>): Promise<{ result: T; notifications: ProgressRecord[] }> {
  const window = vscode.window as { -readonly [K in keyof Window]: Window[K] };
  const original = window.withProgress;
  const notifications: ProgressRecord[] = [];
  window.withProgress = ((options, task) => {
    const record: ProgressRecord = { title: options.title, reports: [] };
    notifications.push(record);
    const recording = (progress: vscode.Progress<{ message?: string; increment?: number }>): typeof progress => ({
      report: (value) => {
        record.reports.push({ ...value });
        progress.report(value);
      },
    });
    return original(options, (progress, token) => task(recording(progress), token));
  }) as Window['withProgress'];
  try {
    return { result: await run(), notifications };
  } finally {
    window.withProgress = original;
  }
}

const first: Pick = (items) => items[0];
const none: Pick = () => [];
const byLabel = (pattern: RegExp): Pick => (items) => items.find((i) => pattern.test(i.label));

function api(): TimChatApi {
  const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

const text = (t: string) => ({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: t }] as const });
const textOf = (m: ChatMessageView): string => m.elements.map((e) => (e.kind === 'text' ? e.text : '')).join('');

describe('message commands on the emulator', function () {
  this.timeout(90_000);
  let emulator: EmulatorProcess;
  let bob: TimUser;
  let carol: TimUser;
  let dir: string;

  before(async () => {
    await vscode.commands.executeCommand('timChat.conversations.focus');
    await eventually(() => vscode.extensions.getExtension('timchat.tim-chat')?.isActive, 20_000, 'activation');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-msgcmd-'));
    emulator = await startEmulatorProcess(path.join(dir, 'emulator'));
    process.env.TIMCHAT_EMULATOR_DATA = emulator.dataDir;
    bob = await signInUser(emulator, 'bob');
    carol = await signInUser(emulator, 'carol');
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('the release notes are ready'));
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('请查看发布说明，谢谢'));
    await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('hello from carol'));
    await eventually(() => api().store.get('c2c_bob') && api().store.get('c2c_carol'), 10_000, 'conversations');
  });

  after(async () => {
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    await api().session.signOut();
    await bob?.close();
    await carol?.close();
    await emulator?.stop();
  });

  afterEach(() => {
    shown.errors.length = 0;
    shown.infos.length = 0;
    shown.picked.length = 0;
  });

  it('searches every conversation for an English and a Chinese message and opens the result', async () => {
    const english = await withDialogs({ inputs: ['release notes'], picks: [first, none, first] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.equal((english as { key?: string } | undefined)?.key, 'c2c_bob');
    const results = shown.picked[2];
    assert.equal(results.length, 1);
    assert.match(results[0].label, /release notes/);
    assert.match(String(results[0].description), /bob/);
    shown.picked.length = 0;
    const chinese = await withDialogs({ inputs: ['发布说明'], picks: [first, none, first] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.equal((chinese as { key?: string } | undefined)?.key, 'c2c_bob');
    assert.match(shown.picked[2][0].label, /请查看发布说明/);
  });

  it('matches any keyword with OR, filters by type and searches one conversation', async () => {
    await withDialogs({ inputs: ['carol OR 发布说明'], picks: [first, none, () => undefined] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.equal(shown.picked[2].length, 2);
    shown.picked.length = 0;
    await withDialogs({ inputs: ['hello'], picks: [first, none, () => undefined] }, () => vscode.commands.executeCommand('timChat.searchInConversation', 'c2c_bob'));
    assert.equal(shown.picked.length, 2, 'no result list: nothing matches in bob');
    assert.match(shown.infos[0] ?? '', /No messages match/);
    shown.picked.length = 0;
    await withDialogs({ inputs: ['release'], picks: [first, (items) => items.filter((i) => /Files/.test(i.label)), () => undefined] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.equal(shown.picked.length, 2, 'no text found when searching files only');
  });

  it('keeps what someone sent with from:, alone or with keywords', async () => {
    await withDialogs({ inputs: ['from:bob'], picks: [first, none, () => undefined] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.deepEqual(shown.picked[2]?.map((item) => item.label).sort(), ['the release notes are ready', '请查看发布说明，谢谢']);
    shown.picked.length = 0;
    await withDialogs({ inputs: ['release from:bob from:carol'], picks: [first, none, () => undefined] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.deepEqual(shown.picked[2]?.map((item) => item.label), ['the release notes are ready']);
    shown.picked.length = 0;
    await withDialogs({ inputs: ['release from:carol'], picks: [first, none, () => undefined] }, () => vscode.commands.executeCommand('timChat.searchMessages'));
    assert.equal(shown.picked.length, 2, 'carol never wrote "release": no result list');
    assert.match(shown.infos.at(-1) ?? '', /^No messages match "release from:carol"\.$/);
  });

  it('sends a file with upload progress and downloads it byte for byte; images get thumbnails', async () => {
    const panel = api().openChat('c2c_bob');
    const notes: Array<{ method: string; params: unknown }> = [];
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method: string, params: never) => {
      notes.push({ method, params });
      notify(method as never, params);
    }) as typeof panel.channel.notify;
    const handlers = panel.controller.handlers;
    const payload = randomBytes(700_000);
    const file = path.join(dir, 'report.bin');
    fs.writeFileSync(file, payload);
    const png = path.join(dir, 'pixel.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const received: string[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages.map((m) => m.message_msg_id)));
    const { messages } = await withDialogs({ open: [[vscode.Uri.file(file)]] }, () => handlers['chat/attach']({ kind: 'file' }));
    assert.equal(messages.length, 1);
    assert.equal(messages[0].status, 'sending');
    await withDialogs({ open: [[vscode.Uri.file(png)]] }, () => handlers['chat/attach']({ kind: 'image' }));
    await eventually(() => received.length >= 2, 15_000, 'bob receives both');
    listener.dispose();
    assert.ok(notes.some((n) => n.method === 'chat/uploadProgress'), 'upload progress reached the panel');
    const page = await handlers['chat/loadLatest']({ count: 10 });
    const fileView = page.messages.find((m) => m.elements.some((e) => e.kind === 'file'));
    const imageView = page.messages.find((m) => m.elements.some((e) => e.kind === 'image'));
    assert.ok(fileView && imageView);
    const target = path.join(dir, 'downloaded.bin');
    const download = await recordingProgress(() => withDialogs({ save: [vscode.Uri.file(target)] }, () => handlers['chat/download']({ id: fileView.id, elemIndex: 0 })));
    assert.deepEqual(download.result, { saved: true });
    assert.ok(Buffer.compare(fs.readFileSync(target), payload) === 0, 'same bytes');
    // 700,000 bytes come in 256 KiB chunks: several steps, ending with the whole file at 100%.
    assert.equal(download.notifications.length, 1);
    const { title, reports } = download.notifications[0];
    assert.equal(title, 'Downloading report.bin…');
    assert.ok(reports.length >= 3, `a step per chunk, got ${JSON.stringify(reports)}`);
    assert.match(reports[0].message ?? '', /^256 KB of 684 KB \(37%\)$/);
    assert.equal(reports.at(-1)?.message, '684 KB of 684 KB (100%)');
    const increments = reports.map((r) => r.increment ?? 0);
    assert.ok(increments.every((i) => i >= 0) && Math.abs(increments.reduce((a, b) => a + b, 0) - 100) < 1e-6, `increments add up to 100: ${increments.join(', ')}`);
    assert.deepEqual(await withDialogs({ save: [] }, () => handlers['chat/download']({ id: fileView.id, elemIndex: 0 })), { saved: false });
    const { uri } = await handlers['chat/mediaUri']({ id: imageView.id, elemIndex: 0 });
    assert.match(uri, /media/);
    await assert.rejects(handlers['chat/mediaUri']({ id: fileView.id, elemIndex: 0 }), /cannot be shown/);
    // bob downloads what alice sent, too
    const bobs = await bob.client.msgFindMessages([received[0]]);
    assert.equal(bobs.length, 1);
  });

  it('lists the files of a conversation (Show Files…), newest first, to save or to show in the chat', async () => {
    // The file and the image the test above sent to bob, and nothing for a chat without files.
    const listed = await withDialogs({ picks: [byLabel(/report\.bin$/)] }, () => vscode.commands.executeCommand('timChat.showFiles', 'c2c_bob'));
    assert.equal(listed, undefined, 'no action picked: nothing done');
    const list = shown.picked.at(-2) ?? [];
    // Both, as the history has them (the large file's upload may finish after the image's).
    assert.deepEqual(list.map((item) => item.label).sort(), ['$(file) report.bin', '$(file-media) pixel.png']);
    const history = await api().session.requireClient().msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 2, msg_getmsglist_param_message_type_array: [TIMElemType.File, TIMElemType.Image] });
    assert.deepEqual(list.map((item) => item.label.replace(/^\$\([\w-]+\) /, '')), history.map((m) => (m.message_elem_array[0]?.elem_type === TIMElemType.File ? 'report.bin' : 'pixel.png')));
    assert.match(list.find((item) => item.label.endsWith('report.bin'))?.description ?? '', /^alice · .+ · 684 KB$/);
    const target = path.join(dir, 'from-files.bin');
    const saved = await withDialogs({ picks: [byLabel(/report\.bin$/), byLabel(/Save As…$/)], save: [vscode.Uri.file(target)] }, () => vscode.commands.executeCommand('timChat.showFiles', 'c2c_bob'));
    assert.deepEqual(saved, { saved: true });
    assert.equal(fs.statSync(target).size, 700_000);
    const shownIn = (await withDialogs({ picks: [byLabel(/pixel\.png$/), byLabel(/Show in Chat$/)] }, () => vscode.commands.executeCommand('timChat.showFiles', 'c2c_bob'))) as { shown: string };
    assert.equal(typeof shownIn.shown, 'string');
    await eventually(() => api().chatPanels().some((panel) => panel.key === 'c2c_bob' && panel.panel.active), 5000, "bob's chat in front");
    await withDialogs({}, () => vscode.commands.executeCommand('timChat.showFiles', 'c2c_nobody-else'));
    assert.match(shown.infos.at(-1) ?? '', /^Nobody has sent a file in nobody-else yet\.$/);
  });

  it('cancels a file while it uploads', async () => {
    const panel = api().openChat('c2c_bob');
    const handlers = panel.controller.handlers;
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(95 * 1024 * 1024, 7));
    let provisional = '';
    let cancelled: Promise<{ cancelled: boolean }> | undefined;
    const notify = panel.channel.notify.bind(panel.channel);
    const failed: string[] = [];
    panel.channel.notify = ((method: string, params: { id?: string; message?: ChatMessageView }) => {
      if (method === 'chat/uploadProgress' && params.id === provisional && !cancelled) {
        cancelled = handlers['chat/cancel']({ id: provisional });
      }
      if (method === 'chat/messageUpdated' && params.message?.id === provisional && params.message.status === 'failed') {
        failed.push(provisional);
      }
      notify(method as never, params as never);
    }) as typeof panel.channel.notify;
    const { messages } = await withDialogs({ open: [[vscode.Uri.file(big)]] }, () => handlers['chat/attach']({ kind: 'file' }));
    provisional = messages[0].id;
    await eventually(() => cancelled, 20_000, 'upload progress');
    assert.deepEqual(await cancelled, { cancelled: true });
    await eventually(() => failed.length > 0, 20_000, 'the send ends as cancelled');
    fs.rmSync(big);
  });

  it('expands a merged message and forwards selected messages merged and one by one', async () => {
    const inner = [
      { ...text('first inner'), message_sender: 'bob', message_client_time: 1, message_server_time: 1 },
      { ...text('second inner'), message_sender: 'carol', message_client_time: 2, message_server_time: 2 },
    ];
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, {
      message_elem_array: [{ elem_type: TIMElemType.Merge, merge_elem_title: 'Design chat', merge_elem_abstract_array: ['bob: first inner'], merge_elem_compatible_text: '[Chat history]', merge_elem_message_array: inner as never }],
    });
    const panel = api().openChat('c2c_bob');
    const handlers = panel.controller.handlers;
    const merged = await eventually(async () => (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => m.elements.some((e) => e.kind === 'merger')), 10_000, 'merged message');
    const expanded = await handlers['chat/expandMerger']({ id: merged.id });
    assert.deepEqual(expanded.messages.map(textOf), ['first inner', 'second inner']);

    // A merged message inside a merged one (issue 6): bob wraps the history he sent carol, which alice
    // never received, so the inner download rests on the emulator's grant to the outer conversation.
    const merger = (title: string, messages: unknown[]) => ({
      message_elem_array: [{ elem_type: TIMElemType.Merge, merge_elem_title: title, merge_elem_abstract_array: [], merge_elem_compatible_text: '[Chat history]', merge_elem_message_array: messages as never }],
    });
    const toCarol = await bob.client.msgSendMessage('carol', TIMConvType.C2C, merger('Deep chat', [{ ...text('deep inner'), message_sender: 'bob', message_client_time: 3, message_server_time: 3 }]));
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, merger('Wrapped chat', [toCarol.message, { ...text('beside'), message_sender: 'bob', message_client_time: 4, message_server_time: 4 }]));
    const wrapped = await eventually(async () => (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => m.elements.some((e) => e.kind === 'merger' && e.title === 'Wrapped chat')), 10_000, 'wrapped merged message');
    const outer = await handlers['chat/expandMerger']({ id: wrapped.id });
    assert.deepEqual(outer.messages.map((m) => m.elements[0]?.kind), ['merger', 'text'], 'the inner merged message says so');
    const deep = await handlers['chat/expandMerger']({ id: wrapped.id, path: [0] });
    assert.deepEqual(deep.messages.map(textOf), ['deep inner']);
    await assert.rejects(handlers['chat/expandMerger']({ id: wrapped.id, path: [1] }), /not a merged message|不是合并消息/);
    await assert.rejects(handlers['chat/expandMerger']({ id: wrapped.id, path: [7] }), /no message 8|没有第 8 条/);
    await assert.rejects(handlers['chat/expandMerger']({ id: wrapped.id, path: [0.5] }), /not valid|无效/);

    const page = await handlers['chat/loadLatest']({ count: 20 });
    const picks = page.messages.filter((m) => /release notes|发布说明/.test(textOf(m))).map((m) => m.id);
    assert.equal(picks.length, 2);
    const carolGot: Array<{ elems: number[]; text: string }> = [];
    const listener = carol.client.onEvent('RecvNewMsg', (ms) => carolGot.push(...ms.map((m) => ({ elems: m.message_elem_array.map((e) => e.elem_type), text: JSON.stringify(m.message_elem_array) }))));
    // carol's chat is open here too: it shows what is forwarded to her (TIM tells no device of its own sends).
    const carolPanel = api().openChat('c2c_carol');
    const inCarolsChat = watchAddedMessages(carolPanel);
    const one = await withDialogs({ picks: [byLabel(/^carol$/), byLabel(/Merged/)] }, () => handlers['chat/forward']({ ids: picks }));
    assert.equal(one.forwarded, 1);
    await eventually(() => carolGot.some((m) => m.elems[0] === TIMElemType.Merge), 10_000, 'carol gets the merged message');
    assert.match(carolGot.find((m) => m.elems[0] === TIMElemType.Merge)?.text ?? '', /Chat history of bob.*release notes/);
    const separate = await withDialogs({ picks: [byLabel(/^carol$/), byLabel(/One by One/)] }, () => handlers['chat/forward']({ ids: picks }));
    assert.equal(separate.forwarded, 2);
    await eventually(() => carolGot.filter((m) => m.elems[0] === TIMElemType.Text).length >= 2, 10_000, 'carol gets two messages');
    assert.equal(new Set(inCarolsChat.ids).size, 3, "the merged one and the two one by one, in carol's open chat");
    inCarolsChat.dispose();
    carolPanel.dispose();
    // A file forwarded one by one is downloaded and sent again: carol gets the same bytes.
    const fileMessage = page.messages.find((m) => m.elements.some((e) => e.kind === 'file'));
    assert.ok(fileMessage, 'the file sent earlier is loaded');
    const carolFiles: string[] = [];
    const fileListener = carol.client.onEvent('RecvNewMsg', (ms) => {
      for (const m of ms) {
        const elem = m.message_elem_array.find((e) => e.elem_type === TIMElemType.File) as { file_elem_file_id?: string } | undefined;
        if (elem?.file_elem_file_id) {
          carolFiles.push(elem.file_elem_file_id);
        }
      }
    });
    assert.deepEqual(await withDialogs({ picks: [byLabel(/^carol$/)] }, () => handlers['chat/forward']({ ids: [fileMessage.id] })), { forwarded: 1 });
    await eventually(() => carolFiles.length > 0, 15_000, 'carol gets the file');
    fileListener.dispose();
    const carolCopy = path.join(dir, 'carol-copy.bin');
    await carol.client.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: carolFiles[0], msg_download_elem_param_business_id: 0, msg_download_elem_param_url: '' }, carolCopy);
    assert.equal(Buffer.compare(fs.readFileSync(carolCopy), fs.readFileSync(path.join(dir, 'report.bin'))), 0, 'forwarded file has the same bytes');
    // The palette command acts on the panel's selection.
    panel.controller.selection = [picks[0]];
    panel.panel.reveal();
    await eventually(() => panel.panel.active, 5000, 'panel active');
    const viaCommand = await withDialogs({ picks: [byLabel(/^carol$/)] }, () => vscode.commands.executeCommand('timChat.forwardSelectedMessages'));
    assert.equal((viaCommand as { forwarded?: number }).forwarded, 1);
    listener.dispose();
  });

  it("saves a file and shows an image from a forwarded chat history (a merged message), though the user never saw the chat it came from", async () => {
    // bob sends carol a file, then forwards that chat to alice merged: alice's only way to the payload is the merged message.
    const bytes = randomBytes(300_000);
    const source = path.join(dir, 'design.bin');
    fs.writeFileSync(source, bytes);
    const sent = await bob.client.msgSendMessage('carol', TIMConvType.C2C, {
      message_elem_array: [{ elem_type: TIMElemType.File, file_elem_file_path: source, file_elem_file_name: 'design.bin', file_elem_file_size: bytes.length }],
    });
    const png = path.join(dir, 'whiteboard.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const image = await bob.client.msgSendMessage('carol', TIMConvType.C2C, { message_elem_array: [{ elem_type: TIMElemType.Image, image_elem_orig_path: png, image_elem_level: 0 }] });
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, {
      message_elem_array: [{ elem_type: TIMElemType.Merge, merge_elem_title: 'Chat history of bob and carol', merge_elem_abstract_array: ['bob: [File]'], merge_elem_compatible_text: '[Chat history]', merge_elem_message_array: [sent.message, { ...text('see the file above'), message_sender: 'bob', message_client_time: 5, message_server_time: 5 }, image.message] as never }],
    });
    const panel = api().openChat('c2c_bob');
    const handlers = panel.controller.handlers;
    const merged = await eventually(async () => (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => m.elements.some((e) => e.kind === 'merger' && e.title === 'Chat history of bob and carol')), 10_000, 'the merged message');
    const inner = await handlers['chat/expandMerger']({ id: merged.id });
    const fileElement = inner.messages[0]?.elements[0];
    assert.equal(fileElement?.kind, 'file');
    const target = path.join(dir, 'from-history.bin');
    const saved = await withDialogs({ save: [vscode.Uri.file(target)] }, () => handlers['chat/download']({ id: merged.id, elemIndex: fileElement?.kind === 'file' ? (fileElement.elemIndex ?? 0) : 0, inner: { path: [], index: 0 } }));
    assert.deepEqual(saved, { saved: true });
    assert.equal(Buffer.compare(fs.readFileSync(target), bytes), 0, 'the same bytes');
    // What the panel names is checked: no such message, a text message, a path that is not a merger.
    await assert.rejects(handlers['chat/download']({ id: merged.id, elemIndex: 0, inner: { path: [], index: 3 } }), /no such message|没有这条消息/);
    await assert.rejects(handlers['chat/download']({ id: merged.id, elemIndex: 0, inner: { path: [], index: 1 } }), /nothing to download|没有可下载/);
    await assert.rejects(handlers['chat/download']({ id: merged.id, elemIndex: 0, inner: { path: [1], index: 0 } }), /not a merged message|不是合并消息/);
    await assert.rejects(handlers['chat/download']({ id: merged.id, elemIndex: 0, inner: { path: [], index: -1 } }), /no such message|没有这条消息/);
    // The image inside gets a thumbnail like one in the chat (downloaded once to the extension's storage).
    const { uri } = await handlers['chat/mediaUri']({ id: merged.id, elemIndex: 0, inner: { path: [], index: 2 } });
    assert.match(uri, /media/);
    await assert.rejects(handlers['chat/mediaUri']({ id: merged.id, elemIndex: 0, inner: { path: [], index: 0 } }), /cannot be shown|无法显示/);
    // Someone who cannot open the merged message cannot name its payload either (the emulator's check).
    const dave = await signInUser(emulator, 'dave');
    try {
      const elem = sent.message.message_elem_array[0] as { file_elem_file_id?: string };
      await assert.rejects(
        dave.client.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: elem.file_elem_file_id ?? '', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: '' }, path.join(dir, 'dave.bin')),
        (error: unknown) => (error as { code?: number }).code === 6009,
      );
    } finally {
      await dave.close();
    }
  });

  it('stars a message and lists it in Starred, also after signing in again', async () => {
    const panel = api().openChat('c2c_bob');
    const handlers = panel.controller.handlers;
    const page = await handlers['chat/loadLatest']({ count: 20 });
    const target = page.messages.find((m) => /release notes/.test(textOf(m)));
    assert.ok(target);
    const starred = await handlers['chat/star']({ id: target.id, starred: true });
    assert.equal(starred.starred, true);
    assert.equal((await handlers['chat/loadLatest']({ count: 20 })).messages.find((m) => m.id === target.id)?.starred, true, 'kept by TIM');
    await api().session.signOut();
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
    const opened = await withDialogs({ picks: [first] }, () => vscode.commands.executeCommand('timChat.showStarredMessages'));
    assert.equal((opened as { key?: string } | undefined)?.key, 'c2c_bob');
    assert.equal(shown.picked[0].length, 1);
    assert.match(shown.picked[0][0].label, /release notes/);
    assert.equal(new StarredIndex(api().session.storageDir).list('alice').length, 1);
    const again = api().openChat('c2c_bob');
    await again.controller.handlers['chat/loadLatest']({ count: 20 });
    await again.controller.handlers['chat/star']({ id: target.id, starred: false });
    shown.picked.length = 0;
    await withDialogs({ picks: [first] }, () => vscode.commands.executeCommand('timChat.showStarredMessages'));
    assert.equal(shown.picked.length, 0);
    assert.match(shown.infos[0] ?? '', /No starred messages/);
  });

  it('imports messages from a JSON file, refusing bad files whole', async () => {
    const client = api().session.requireClient();
    const count = async (): Promise<number> => (await client.msgGetMsgList('carol', TIMConvType.C2C, { msg_getmsglist_param_count: 100 })).length;
    const before = await count();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([text('fine'), { message_elem_array: [{ elem_type: 5 }] }]));
    await withDialogs({ open: [[vscode.Uri.file(bad)]], picks: [byLabel(/^carol$/)] }, () => vscode.commands.executeCommand('timChat.importMessages', 'c2c_carol'));
    assert.match(shown.errors[0] ?? '', /Nothing was imported.*Message 2/);
    assert.equal(await count(), before);
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, '{ oops');
    await withDialogs({ open: [[vscode.Uri.file(notJson)]] }, () => vscode.commands.executeCommand('timChat.importMessages', 'c2c_carol'));
    assert.match(shown.errors[1] ?? '', /not valid JSON/);
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify([{ ...text('imported one'), message_sender: 'carol', message_client_time: 1_600_000_000, message_server_time: 1_600_000_000 }, { ...text('imported two'), message_client_time: 1_600_000_001, message_server_time: 1_600_000_001 }]));
    const result = await withDialogs({ open: [[vscode.Uri.file(good)]] }, () => vscode.commands.executeCommand('timChat.importMessages', 'c2c_carol'));
    assert.deepEqual(result, { imported: 2, key: 'c2c_carol' });
    const list = await client.msgGetMsgList('carol', TIMConvType.C2C, { msg_getmsglist_param_count: 100 });
    const imported = list.filter((m) => m.message_elem_array.some((e) => e.elem_type === TIMElemType.Text && /imported/.test(String(e.text_elem_content))));
    assert.equal(imported.length, 2);
    assert.ok(imported.every((m) => m.message_status === 5));
  });

  it('goes to a day (Go to Date…): the first message of that day or after it, else the last before it', async () => {
    const client = api().session.requireClient();
    const typed = (day: string) => ({ picks: [byLabel(/^Another Day…$/)], inputs: [day] });
    const textOfId = async (id: unknown) => JSON.stringify((await client.msgFindMessages([String(id)]))[0]?.message_elem_array ?? []);
    // The imported messages of 2020-09-13 (the test above): the day's first, also from a day before it.
    const first = await withDialogs(typed('2020-09-13'), () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_carol'));
    assert.match(await textOfId(first), /imported one/);
    assert.equal(await withDialogs(typed('2020-09-01'), () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_carol')), first);
    await eventually(() => api().chatPanels().some((panel) => panel.key === 'c2c_carol'), 5000, 'the chat opens there');
    // Today, picked: a message of today (the chat's newest are).
    const today = await withDialogs({ picks: [byLabel(/^Today$/)] }, () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_carol'));
    const [todays] = await client.msgFindMessages([String(today)]);
    assert.ok(todays && Number(todays.message_server_time) * 1000 >= new Date().setHours(0, 0, 0, 0), JSON.stringify(todays?.message_server_time));
    // A day after a chat's last message: its last one before that day.
    await client.msgImportMsgList('dave', TIMConvType.C2C, [
      { ...text('old news'), message_sender: 'dave', message_client_time: 1_500_000_000, message_server_time: 1_500_000_000 },
      { ...text('older news'), message_sender: 'dave', message_client_time: 1_400_000_000, message_server_time: 1_400_000_000 },
    ]);
    const last = await withDialogs(typed('2020-01-01'), () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_dave'));
    assert.match(await textOfId(last), /old news/);
    assert.doesNotMatch(await textOfId(last), /older news/);
    // A day to come is refused as typed, and a chat without messages says so.
    assert.equal(await withDialogs(typed('2999-01-01'), () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_carol')), undefined);
    await withDialogs({ picks: [byLabel(/^Yesterday$/)] }, () => vscode.commands.executeCommand('timChat.goToDate', 'c2c_nobody-yet'));
    assert.match(shown.infos.at(-1) ?? '', /^nobody-yet has no messages yet\.$/);
  });

  it('saves a local note and marks everything as read', async () => {
    const note = (await withDialogs({ inputs: ['remember the 发布 date'] }, () => vscode.commands.executeCommand('timChat.saveNote', 'c2c_carol'))) as { message_msg_id?: string } | undefined;
    const list = await api().session.requireClient().msgGetMsgList('carol', TIMConvType.C2C, { msg_getmsglist_param_count: 5 });
    assert.ok(list.some((m) => m.message_elem_array.some((e) => e.elem_type === TIMElemType.Text && e.text_elem_content === 'remember the 发布 date')));
    assert.ok(note === undefined || typeof note.message_msg_id === 'string');
    const carolSees = await carol.client.msgGetMsgList('alice', TIMConvType.C2C, { msg_getmsglist_param_count: 20, msg_getmsglist_param_is_ramble: true });
    assert.ok(!carolSees.some((m) => JSON.stringify(m.message_elem_array).includes('remember the')), 'local only');
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('unread 1'));
    await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('unread 2'));
    await eventually(() => api().store.totalUnread >= 2, 10_000, 'unread');
    await vscode.commands.executeCommand('timChat.markAllAsRead');
    await eventually(() => api().store.totalUnread === 0, 10_000, 'all read');
  });

  it('deletes selected messages everywhere, 30 per call and a call a second', async () => {
    for (let i = 0; i < 33; i++) {
      await bob.client.msgSendMessage('alice', TIMConvType.C2C, text(`bulk ${i}`));
    }
    const panel = api().openChat('c2c_bob');
    const handlers = panel.controller.handlers;
    const bulk = await eventually(async () => {
      const page = await handlers['chat/loadLatest']({ count: 50 });
      const found = page.messages.filter((m) => /^bulk \d+$/.test(textOf(m)));
      return found.length === 33 ? found : undefined;
    }, 10_000, '33 messages');
    panel.controller.selection = bulk.map((m) => m.id);
    panel.panel.reveal();
    await eventually(() => panel.panel.active, 5000, 'panel active');
    const cancelled = await withDialogs({ warning: undefined }, () => vscode.commands.executeCommand('timChat.deleteSelectedMessages'));
    assert.deepEqual(cancelled, { deleted: 0 });
    const started = Date.now();
    const result = await withDialogs({ warning: 'Delete Everywhere' }, () => vscode.commands.executeCommand('timChat.deleteSelectedMessages'));
    assert.deepEqual(result, { deleted: 33 });
    assert.ok(Date.now() - started >= 1000, 'the second call waited a second');
    assert.deepEqual(panel.controller.selection, []);
    const left = await api().session.requireClient().msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 100, msg_getmsglist_param_is_ramble: true });
    assert.ok(!left.some((m) => JSON.stringify(m.message_elem_array).includes('bulk ')), 'gone from local and roaming');
    await withDialogs({}, () => vscode.commands.executeCommand('timChat.deleteSelectedMessages'));
    assert.match(shown.errors[0] ?? '', /Select messages/);
  });

  it('sets receive options for several people at once (at most 30) and for a group', async () => {
    const result = await withDialogs({ picks: [(items) => items, byLabel(/Receive without Notifying/)] }, () => vscode.commands.executeCommand('timChat.setPeopleNotifications'));
    assert.deepEqual((result as { opt?: number }).opt, TIMReceiveMessageOpt.Not_Notify);
    const opts = await api().session.requireClient().msgGetC2CReceiveMessageOpt(['bob', 'carol']);
    assert.deepEqual(opts.map((o) => o.msg_recv_msg_opt_result_opt), [TIMReceiveMessageOpt.Not_Notify, TIMReceiveMessageOpt.Not_Notify]);
    await withDialogs({ picks: [byLabel(/Receive and Notify/)] }, () => vscode.commands.executeCommand('timChat.setPeopleNotifications', Array.from({ length: 31 }, (_, i) => `user${i}`)));
    assert.match(shown.errors[0] ?? '', /at most 30 people/);
    await withDialogs({ picks: [byLabel(/Receive and Notify/)] }, () => vscode.commands.executeCommand('timChat.setPeopleNotifications', ['bob', 'carol']));
    const group = await bob.client.groupCreate({ create_group_param_group_name: 'Notify Group', create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    const key = `group_${group.create_group_result_groupid}`;
    await api().store.reload(api().session.requireClient());
    await eventually(() => api().store.get(key), 10_000, 'group in store');
    const set = await withDialogs({ picks: [byLabel(/Notify Only for Mentions/)] }, () => vscode.commands.executeCommand('timChat.setGroupNotifications', key));
    assert.deepEqual(set, { groupId: group.create_group_result_groupid, opt: TIMReceiveMessageOpt.Not_Notify_Except_At });
    await eventually(() => api().store.get(key)?.receiveOpt === TIMReceiveMessageOpt.Not_Notify_Except_At, 10_000, 'group option');
    await withDialogs({ picks: [byLabel(/Do Not Receive/)] }, () => vscode.commands.executeCommand('timChat.setGroupNotifications', 'c2c_bob'));
    assert.match(shown.errors.at(-1) ?? '', /not a group/);
  });
});
