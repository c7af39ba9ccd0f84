/**
 * Everyday chat in the real extension host, on a real tim-emulator process: sign-in, the
 * Conversations tree and its live updates, unread counts and badges, every conversation command, the
 * chat panel's requests, notifications by receive option, and sign-out.
 *
 * Confirmation dialogs (modal warnings) and input boxes cannot be clicked from inside the extension
 * host, so `withDialogs` (test/harness/scriptedDialogs.ts) replaces vscode.window.showWarningMessage / showInputBox for the duration of
 * one command with scripted answers; the UI tests click the real ones.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../src/extension/extension';
import { TIM_MESSAGE_AT_ALL, TIMConvType, TIMElemType, TIMGroupMemberRole, TIMGroupReportType, TIMGroupType, TIMReceiveMessageOpt } from '../../src/tim/enums';
import { TIMGroupMemberModifyFlag, TIMGroupModifyInfoFlag, type TimGroupDetailInfo } from '../../src/tim/types/group';
import { groupInfoDetail } from '../../src/extension/commands/groupInfo';
import { profileDetail } from '../../src/extension/commands/showProfile';
import { groupReportOf } from '../../src/extension/conversations/groupReports';
import { conversationUri } from '../../src/extension/tree/conversationsTreeProvider';
import type { TimMessage } from '../../src/tim/types/message';
import type { TimUserProfile } from '../../src/tim/types/userProfile';
import type { TimMessageReactionChangeInfo } from '../../src/tim/types/messageReaction';
import { typingStatusMessage, typingStatusOf } from '../../src/tim/tuikitTyping';
import { replyCloudData } from '../../src/tim/tuikitReply';
import { threadRepliesOf } from '../../src/tim/tuikitThread';
import { listReplyOnRoot } from '../../src/extension/chat/threadReplies';
import type { TimClient } from '../../src/tim/client';
import { TimError } from '../../src/tim/errors';
import { stringifyTimJson } from '../../src/tim/json';
import { editMessageText } from '../../src/extension/chat/messageEdit';
import { startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { genUserSig } from '../../src/tim/userSig';
import { waitsForUser } from '../../src/extension/conversations/nextUnread';
import { chatLinkOfUri, formatGroupLink } from '../../src/shared/chatLink';
import { recordDialogs, withDialogs } from '../harness/scriptedDialogs';
import { eventually, signInUser, type TimUser } from '../harness/timUser';
import { watchNotifications } from '../harness/panelNotifications';
import type { ChatMessageView, CustomCardView } from '../../src/shared/chatModel';

function api(): TimChatApi {
  const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

const text = (t: string) => ({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: t }] as const });

type ChatPanelApi = NonNullable<ReturnType<TimChatApi['openChat']>>;

/** Opens (or shows) the chat panel of a conversation key, as the tree does. */
async function openPanel(key: string): Promise<ChatPanelApi> {
  const panel = (await vscode.commands.executeCommand('timChat.openChat', key)) as ReturnType<TimChatApi['openChat']>;
  assert.ok(panel, `a panel for ${key}`);
  return panel;
}

/** Sends `text` from the panel and waits for it to fail: why, as the panel is told (chat/messageUpdated). */
async function failureOfSend(panel: ChatPanelApi, text: string): Promise<string> {
  const failures: string[] = [];
  const notify = panel.channel.notify.bind(panel.channel);
  panel.channel.notify = ((method, params) => {
    const message = method === 'chat/messageUpdated' ? (params as { message: { status: string; failure?: string } }).message : undefined;
    if (message?.status === 'failed') {
      failures.push(message.failure ?? '');
    }
    notify(method, params);
  }) as typeof panel.channel.notify;
  try {
    await panel.controller.handlers['chat/sendText']({ text });
    return await eventually(() => failures[0], 10_000, 'the send fails');
  } finally {
    panel.channel.notify = notify;
  }
}

/** The text of a message as the panel shows it. */
const textOfView = (m: { elements: ReadonlyArray<{ kind: string; text?: string }> }): string => m.elements.map((e) => e.text ?? '').join('');

describe('chat on the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorProcess;
  let bob: TimUser;
  let carol: TimUser;

  before(async () => {
    await vscode.commands.executeCommand('timChat.conversations.focus');
    await eventually(() => vscode.extensions.getExtension('timchat.tim-chat')?.isActive, 20_000, 'activation');
    emulator = await startEmulatorProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-emu-')));
    process.env.TIMCHAT_EMULATOR_DATA = emulator.dataDir;
    bob = await signInUser(emulator, 'bob');
    carol = await signInUser(emulator, 'carol');
  });

  after(async () => {
    await api().session.signOut();
    await bob?.close();
    await carol?.close();
    await emulator?.stop();
  });

  it('signs in as alice and shows it in the status bar', async () => {
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
    assert.equal(api().session.state.kind, 'signedIn');
    assert.match(api().statusBar.text, /comment-discussion/);
    assert.deepEqual(api().conversations.getChildren(), []);
  });

  it('shows a new conversation with its preview and unread count when bob writes', async () => {
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('hello alice, <script>x</script>'));
    // The first message after the sign-in, likely while the sign-in still reads the list: its event must
    // survive that read's older answer (conversationStore.vscode.test.ts; before the fix this waited in vain
    // on busy machines). The generous wait is for a loaded machine's slow sign-in, not for a retry.
    const item = await eventually(() => api().conversations.getChildren().find((s) => s.key === 'c2c_bob'), 30_000, 'bob in the tree');
    const treeItem = api().conversations.getTreeItem(item);
    assert.match(String(treeItem.description), /hello alice, <script>x<\/script>/);
    assert.equal(item.unread, 1);
    assert.equal(api().store.totalUnread, 1);
    assert.equal(api().treeView.badge?.value, 1);
    assert.match(api().statusBar.text, / 1$/);
    const decoration = api().conversations.provideFileDecoration(treeItem.resourceUri as vscode.Uri);
    assert.equal(decoration?.badge, '1');
    assert.match(String(treeItem.contextValue), /\bunread\b/);
  });

  it('notifies about messages in conversations that are not open', async () => {
    await eventually(() => api().notifications.shown.some((line) => line.includes('hello alice')), 5000, 'a notification');
  });

  it("answers a message's notification with Reply…; a reply that fails says why and offers to try again with its text", async () => {
    const got: string[] = [];
    const listener = carol.client.onEvent('RecvNewMsg', (messages) => got.push(...messages.map((m) => JSON.stringify(m.message_elem_array))));
    try {
      const replied = await recordDialogs({ info: 'Reply…', inputs: ['on my way 马上到'] }, async () => {
        await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('are you coming?'));
        await eventually(() => got.some((elements) => elements.includes('on my way 马上到')), 10_000, 'carol gets the reply');
      });
      assert.match(replied.asked.inputBoxes[0]?.title ?? '', /^Reply to /);
      assert.match(replied.asked.inputBoxes[0]?.prompt ?? '', /: are you coming\?$/);
      assert.equal(api().chatPanels().length, 0, 'no chat opened');

      // carol blocks alice: TIM refuses the reply (20007); Try Again brings the text back (then Escape).
      await carol.client.friendshipAddToBlackList(['alice']);
      const refused = await recordDialogs({ info: 'Reply…', inputs: ['are you there?'], error: 'Try Again' }, async (seen) => {
        await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('ping?'));
        await eventually(() => seen.inputBoxes.length === 2, 10_000, 'asked again');
      });
      assert.match(refused.asked.errors[0] ?? '', /^Your reply to .+ was not sent: .*20007/);
      assert.equal(refused.asked.inputBoxes[1]?.value, 'are you there?', 'the text typed, to send again');
      await carol.client.friendshipDeleteFromBlackList(['alice']);
      // Read, as the tests after this one expect.
      await vscode.commands.executeCommand('timChat.markAsRead', 'c2c_carol');
      await eventually(() => api().store.get('c2c_carol')?.unread === 0, 5000, "carol's chat read");
    } finally {
      listener.dispose();
    }
  });

  it('marks a conversation as read', async () => {
    await vscode.commands.executeCommand('timChat.markAsRead', 'c2c_bob');
    await eventually(() => api().store.get('c2c_bob')?.unread === 0, 5000, 'unread 0');
    assert.equal(api().store.totalUnread, 0);
    assert.equal(api().treeView.badge, undefined);
  });

  it('orders by last message and keeps pinned conversations first', async () => {
    await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('carol here'));
    await eventually(() => api().conversations.getChildren()[0]?.key === 'c2c_carol', 10_000, 'carol first');
    await vscode.commands.executeCommand('timChat.pinConversation', 'c2c_bob');
    await eventually(() => api().conversations.getChildren()[0]?.key === 'c2c_bob', 5000, 'bob pinned first');
    assert.match(String(api().conversations.getTreeItem(api().conversations.getChildren()[0]).contextValue), /\bpinned\b/);
    await vscode.commands.executeCommand('timChat.unpinConversation', 'c2c_bob');
    await eventually(() => api().conversations.getChildren()[0]?.key === 'c2c_carol', 5000, 'carol first again');
  });

  it('sets the receive options and mute suppresses notifications', async () => {
    await vscode.commands.executeCommand('timChat.receiveWithoutNotifying', 'c2c_carol');
    await eventually(() => api().store.get('c2c_carol')?.receiveOpt === TIMReceiveMessageOpt.Not_Notify, 5000, 'carol muted');
    assert.ok(api().store.get('c2c_carol')?.muted);
    const before = api().notifications.shown.length;
    await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('muted message'));
    await eventually(() => api().store.get('c2c_carol')?.preview.includes('muted message'), 5000, 'muted message arrived');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(api().notifications.shown.slice(before).filter((l) => l.includes('muted message')).length, 0);
    await vscode.commands.executeCommand('timChat.doNotReceive', 'c2c_carol');
    await eventually(() => api().store.get('c2c_carol')?.receiveOpt === TIMReceiveMessageOpt.Not_Receive, 5000, 'do not receive');
    await vscode.commands.executeCommand('timChat.receiveAndNotify', 'c2c_carol');
    await eventually(() => api().store.get('c2c_carol')?.receiveOpt === TIMReceiveMessageOpt.Receive, 5000, 'receive again');
  });

  it('opens a chat panel whose requests page history, send, revoke and delete', async () => {
    const panel = (await vscode.commands.executeCommand('timChat.openChat', 'c2c_bob')) as ReturnType<TimChatApi['openChat']>;
    assert.ok(panel);
    const handlers = panel.controller.handlers;
    const page = await handlers['chat/loadLatest']({ count: 20 });
    assert.ok(page.messages.some((m) => m.elements.some((e) => e.kind === 'text' && e.text.includes('hello alice'))));
    const received: string[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages.map((m) => m.message_msg_id)));
    const pending = await handlers['chat/sendText']({ text: 'hi **bob**' });
    assert.equal(pending.status, 'sending');
    await eventually(() => received.length > 0, 10_000, 'bob receives');
    const sentId = received[0];
    await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.some((m) => m.id === sentId), 5000, 'sent message in history');
    assert.deepEqual(await handlers['chat/revoke']({ id: sentId }), { revoked: true });
    const revokedOnBob = await eventually(async () => (await bob.client.msgGetMsgList('alice', TIMConvType.C2C, { msg_getmsglist_param_count: 5 })).find((m) => m.message_msg_id === sentId && m.message_status === 6), 5000, 'revoked for bob');
    assert.ok(revokedOnBob);
    const latest = await handlers['chat/loadLatest']({ count: 5 });
    const victim = latest.messages[latest.messages.length - 1];
    assert.deepEqual(await handlers['chat/delete']({ ids: [victim.id], everywhere: false }), { deleted: 1 });
    assert.ok(!(await handlers['chat/loadLatest']({ count: 5 })).messages.some((m) => m.id === victim.id));
    await assert.rejects(handlers['chat/delete']({ ids: Array.from({ length: 31 }, () => victim.id), everywhere: true }));
    listener.dispose();
    panel.dispose();
  });

  it("shows a one-to-one message as read when the peer's receipt comes before the send's answer", async () => {
    const panel = await openPanel('c2c_bob');
    const updates: Array<{ id: string; status: string; isPeerRead: boolean }> = [];
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method, params) => {
      if (method === 'chat/messageUpdated') {
        const { message } = params as { message: { id: string; status: string; isPeerRead: boolean } };
        updates.push({ id: message.id, status: message.status, isPeerRead: message.isPeerRead });
      }
      notify(method, params);
    }) as typeof panel.channel.notify;
    // The answer to this send is held back until bob has read the message and alice's client has his
    // receipt: the order a slow extension host can see (npm start's demo once did).
    const aliceClient = api().session.requireClient();
    const realSend = aliceClient.msgSendMessage;
    let receiptArrived: () => void = () => undefined;
    const receipt = new Promise<void>((resolve) => (receiptArrived = resolve));
    const receipts = aliceClient.onEvent('MsgReadedReceipt', (list) => {
      if (list.some((r) => r.msg_receipt_conv_id === 'bob')) {
        receiptArrived();
      }
    });
    aliceClient.msgSendMessage = async (...args: Parameters<typeof realSend>) => {
      const answer = await realSend.apply(aliceClient, args);
      await receipt;
      return answer;
    };
    const reading = bob.client.onEvent('RecvNewMsg', (messages) => {
      const mine = messages.find((m) => m.message_sender === 'alice' && JSON.stringify(m.message_elem_array).includes('read me first'));
      if (mine) {
        void bob.client.msgReportReaded('alice', TIMConvType.C2C, mine);
      }
    });
    try {
      const pending = await panel.controller.handlers['chat/sendText']({ text: 'read me first' });
      assert.equal(pending.status, 'sending');
      const sent = await eventually(() => updates.find((u) => u.status === 'sent'), 10_000, 'the answer');
      assert.equal(sent.isPeerRead, true, 'read, though the receipt came first');
      assert.ok(!updates.some((u) => u.id === pending.id && u.isPeerRead), 'a message still sending is not marked read');
    } finally {
      aliceClient.msgSendMessage = realSend;
      receipts.dispose();
      reading.dispose();
      panel.channel.notify = notify;
      panel.dispose();
    }
  });

  it('starts a new conversation, creates a group, and joins one', async () => {
    const chat = (await vscode.commands.executeCommand('timChat.newConversation', 'dave')) as { key: string } | undefined;
    assert.equal(chat?.key, 'c2c_dave');
    // Create Group… asks for the name, the kind of group (Public first) and the members.
    const kind = (label: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label.endsWith(label));
    const { result: group, asked } = await recordDialogs({ inputs: ['Release Team', 'bob, carol'], picks: [kind('Public group')] }, () => vscode.commands.executeCommand('timChat.createGroup') as Thenable<{ key: string; ref: { id: string } } | undefined>);
    assert.deepEqual(asked.picked[0]?.map((item) => item.label), ['$(organization) Public group', '$(briefcase) Work group', '$(comment-discussion) Meeting group']);
    assert.ok(group?.key.startsWith('group_'));
    const members = await bob.client.groupGetJoinedGroupList();
    assert.ok(members.some((g) => g.group_base_info_group_id === group?.ref.id), 'bob was added');
    await eventually(() => api().store.get(group?.key ?? '')?.name === 'Release Team', 5000, 'group in tree');
    const typeOf = async (groupId: string) => (await bob.client.groupGetGroupInfoList([groupId]))[0]?.get_groups_info_result_info?.group_detail_info_group_type;
    assert.equal(await typeOf(group?.ref.id ?? ''), TIMGroupType.Public);
    // A Work group: members are added directly, nobody joins it by its ID.
    const { result: work } = await recordDialogs({ inputs: ['Ops', 'bob'], picks: [kind('Work group')] }, () => vscode.commands.executeCommand('timChat.createGroup') as Thenable<{ ref: { id: string } } | undefined>);
    assert.equal(await typeOf(work?.ref.id ?? ''), TIMGroupType.Private);
    await assert.rejects(carol.client.groupJoin(work?.ref.id ?? ''), (error: unknown) => error instanceof TimError && error.code === 10007);
    // No kind picked: no group.
    const { result: none } = await recordDialogs({ inputs: ['Never'] }, () => vscode.commands.executeCommand('timChat.createGroup'));
    assert.equal(none, undefined);
    const created = await bob.client.groupCreate({ create_group_param_group_name: 'Bob Only', create_group_param_add_option: 2 });
    await vscode.commands.executeCommand('timChat.joinGroup', created.create_group_result_groupid);
    await eventually(() => api().store.get(`group_${created.create_group_result_groupid}`), 5000, 'joined group in tree');
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
  });

  it('mentions group members from the panel: who can be mentioned, what a send may carry, what arrives', async () => {
    const alice = api().session.requireClient();
    // bob owns this group: alice, a plain member, may mention members but not everyone.
    const created = await bob.client.groupCreate({
      create_group_param_group_name: 'Mentions',
      create_group_param_add_option: 2,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }, { group_member_info_identifier: 'carol' }],
    });
    const groupId = created.create_group_result_groupid;
    await eventually(() => api().store.get(`group_${groupId}`), 5000, 'group in tree');
    const panel = await openPanel(`group_${groupId}`);
    const handlers = panel.controller.handlers;
    const { members } = await handlers['chat/members']({});
    assert.deepEqual(members.map((m) => m.userId).sort(), ['bob', 'carol'], 'the other members, without everyone');
    const received: TimMessage[] = [];
    const listener = carol.client.onEvent('RecvNewMsg', (messages) => received.push(...messages));
    await handlers['chat/sendText']({ text: '@carol please look', mentions: ['carol', 'carol'] });
    const arrived = await eventually(() => received.find((m) => m.message_conv_id === groupId && m.message_elem_array[0]?.elem_type === TIMElemType.Text), 10_000, 'carol receives');
    assert.deepEqual(arrived.message_group_at_user_array, ['carol']);
    await eventually(async () => ((await carol.client.convGetConvList()).find((c) => c.conv_id === groupId)?.conv_group_at_info_array ?? []).length === 1, 5000, "carol's conversation shows the mention");

    // Refused before anything is sent, each with its reason.
    const sentBefore = received.length;
    await assert.rejects(handlers['chat/sendText']({ text: '@everyone', mentions: [TIM_MESSAGE_AT_ALL] }), /Only the group owner and admins can mention everyone/);
    await assert.rejects(handlers['chat/sendText']({ text: '@dave', mentions: ['dave'] }), /dave is not a member of this group/);
    await assert.rejects(handlers['chat/sendText']({ text: '@carol', mentions: 'carol' as unknown as string[] }), /Mentions must be a list of user IDs/);
    // Someone who joined after the list was read can be mentioned: an unknown id reads the members again.
    const dave = await signInUser(emulator, 'dave');
    try {
      await dave.client.groupJoin(groupId);
      await handlers['chat/sendText']({ text: '@dave welcome', mentions: ['dave'] });
    } finally {
      await dave.close();
    }
    await eventually(() => received.some((m) => m.message_conv_id === groupId && m.message_group_at_user_array?.includes('dave')), 10_000, 'the welcome arrives');
    // Besides dave's join tip, only the welcome: the refused sends sent nothing.
    const texts = received.slice(sentBefore).filter((m) => m.message_conv_id === groupId && m.message_elem_array[0]?.elem_type === TIMElemType.Text);
    assert.deepEqual(texts.map((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content), ['@dave welcome']);

    // In a group alice owns, everyone can be mentioned; in a one-to-one chat nobody.
    const own = await alice.groupCreate({ create_group_param_group_name: 'Own', create_group_param_group_member_array: [{ group_member_info_identifier: 'carol' }] });
    const ownPanel = await openPanel(`group_${own.create_group_result_groupid}`);
    const ownMembers = await ownPanel.controller.handlers['chat/members']({});
    assert.deepEqual(ownMembers.members.map((m) => [m.userId, Boolean(m.everyone)]), [['carol', false], [TIM_MESSAGE_AT_ALL, true]]);
    await ownPanel.controller.handlers['chat/sendText']({ text: '@everyone standup', mentions: [TIM_MESSAGE_AT_ALL] });
    const toAll = await eventually(() => received.find((m) => m.message_conv_id === own.create_group_result_groupid && m.message_elem_array[0]?.elem_type === TIMElemType.Text), 10_000, 'carol receives the @everyone');
    assert.deepEqual(toAll.message_group_at_user_array, [TIM_MESSAGE_AT_ALL]);
    const c2c = await openPanel('c2c_bob');
    await assert.rejects(c2c.controller.handlers['chat/sendText']({ text: '@bob', mentions: ['bob'] }), /Only group messages can mention people/);
    assert.deepEqual((await c2c.controller.handlers['chat/members']({})).members, []);
    listener.dispose();
    for (const open of api().chatPanels()) {
      open.dispose();
    }
    // bob mentions alice: her tree calls it out before the preview until she reads it.
    await bob.client.msgSendMessage(groupId, TIMConvType.Group, { ...text('@alice the release needs you'), message_group_at_user_array: ['alice'] });
    const mentioned = await eventually(() => (api().store.get(`group_${groupId}`)?.mentioned ? api().store.get(`group_${groupId}`) : undefined), 10_000, 'alice sees the mention');
    const item = api().conversations.getTreeItem(mentioned);
    assert.match(String(item.description), /· \[Mentioned you\] .*@alice the release needs you$/);
    assert.match(String(item.accessibilityInformation?.label), /mentioned you/);
    await vscode.commands.executeCommand('timChat.markAsRead', `group_${groupId}`);
    await eventually(() => api().store.get(`group_${groupId}`)?.mentioned === false, 5000, 'the mention is read');
    assert.doesNotMatch(String(api().conversations.getTreeItem(api().store.get(`group_${groupId}`)!).description), /Mentioned you/);
  });

  it("replies in TUIKit's format and shows replies written by other clients as replies", async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('can you check the CI?'));
    const original = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => textOfView(m) === 'can you check the CI?'), 10_000, 'the question in the panel');
    const received: TimMessage[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages));
    await handlers['chat/sendText']({ text: 'looking', replyTo: original.id });
    const reply = await eventually(() => received.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === 'looking'), 10_000, 'bob receives the reply');
    assert.deepEqual(JSON.parse(String(reply.message_cloud_custom_str)), {
      messageReply: { messageID: original.id, messageAbstract: 'can you check the CI?', messageSender: 'bob', messageType: 1, version: 1, messageRootID: original.id },
    });
    // bob answers from a TUIKit app (its format, without a root): alice's panel shows it as a reply.
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, {
      ...text('thanks'),
      message_cloud_custom_str: JSON.stringify({ messageReply: { messageID: reply.message_msg_id, messageAbstract: 'looking', messageSender: 'alice', messageType: 1, version: 1 } }),
    });
    const answer = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => textOfView(m) === 'thanks'), 10_000, 'the answer in the panel');
    assert.deepEqual(answer.replyTo, { id: reply.message_msg_id, sender: 'alice', text: 'looking' });
    await assert.rejects(handlers['chat/sendText']({ text: 'lost', replyTo: 'no-such-message' }), /no longer in this conversation/);
    await assert.rejects(handlers['chat/sendText']({ text: 'lost', replyTo: 42 as unknown as string }), /must name the message/);
    listener.dispose();
    panel.dispose();

    // A reply the panel kept across a reload names a message the new panel has not loaded: TIM finds it.
    const reopened = await openPanel('c2c_bob');
    assert.equal(reopened.controller.loaded(original.id), undefined, 'a new panel has loaded nothing yet');
    const again: TimMessage[] = [];
    const listening = bob.client.onEvent('RecvNewMsg', (messages) => again.push(...messages));
    await reopened.controller.handlers['chat/sendText']({ text: 'still looking', replyTo: original.id });
    const kept = await eventually(() => again.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === 'still looking'), 10_000, 'bob receives the reply');
    assert.equal((JSON.parse(String(kept.message_cloud_custom_str)) as { messageReply: { messageID: string } }).messageReply.messageID, original.id);
    // A message of another conversation is not one to reply to here.
    const { message: elsewhere } = await carol.client.msgSendMessage('alice', TIMConvType.C2C, text('not in the chat with bob'));
    await assert.rejects(reopened.controller.handlers['chat/sendText']({ text: 'lost', replyTo: elsewhere.message_msg_id }), /no longer in this conversation/);
    listening.dispose();
    reopened.dispose();
  });

  it('reminds about a message (Remind Me…): when the time comes, Snooze asks again an hour later and Open goes to it; Show Reminders cancels one', async () => {
    const panel = await openPanel('c2c_bob');
    const { message } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('deploy at five'));
    await eventually(async () => (await panel.controller.handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => m.id === message.message_msg_id), 10_000, 'the message in the panel');
    const subject = panel.controller.reminderSubject(message.message_msg_id);
    assert.deepEqual([subject.sender, subject.text], ['bob', 'deploy at five']);
    const before = Date.now();
    const set = await recordDialogs({ picks: [(items) => items.find((item) => item.label === 'In 20 Minutes')] }, () => api().reminders.remindAbout(subject.message, subject.sender, subject.text));
    assert.deepEqual(set.asked.picked[0]?.map((item) => item.label), ['In 20 Minutes', 'In 1 Hour', 'In 3 Hours', 'Tomorrow at 9:00', 'Next Monday at 9:00', 'At a Time I Choose…']);
    const dueAt = set.result ?? 0;
    assert.ok(dueAt >= before + 20 * 60_000 && dueAt <= Date.now() + 20 * 60_000, `due in 20 minutes: ${dueAt - before}`);
    assert.deepEqual(api().reminders.pending().map((r) => [r.message.id, r.sender, r.text]), [[message.message_msg_id, 'bob', 'deploy at five']]);

    // Not yet due: nothing is shown.
    const early = await recordDialogs({}, () => api().reminders.fireDue(dueAt - 1));
    assert.deepEqual(early.asked.infos, []);
    // Due: the notification names the sender and the text; Snooze sets it again for an hour later.
    const snoozed = await recordDialogs({ info: 'Snooze 1 Hour' }, () => api().reminders.fireDue(dueAt));
    assert.deepEqual(snoozed.asked.infos, ['Reminder: bob: deploy at five']);
    const again = api().reminders.pending()[0];
    assert.ok(again && again.dueAt >= Date.now() + 59 * 60_000, 'snoozed for an hour');
    // Due again: Open goes to the message in its chat.
    const reveals = watchNotifications<{ id: string }>(panel, 'chat/reveal');
    await recordDialogs({ info: 'Open' }, () => api().reminders.fireDue(again.dueAt));
    await eventually(() => reveals.params.some((p) => p.id === message.message_msg_id) || undefined, 10_000, 'the message revealed');
    reveals.dispose();
    assert.deepEqual(api().reminders.pending(), [], 'a reminder shown is done');

    // A time the user types; Show Reminders lists it and cancels it.
    const typed = await recordDialogs({ picks: [(items) => items.find((item) => item.label === 'At a Time I Choose…')], inputs: ['2h'] }, () => api().reminders.remindAbout(subject.message, subject.sender, subject.text));
    assert.ok(typed.result !== undefined && Math.abs(typed.result - (Date.now() + 2 * 3_600_000)) < 60_000, 'due in two hours');
    assert.equal(typed.asked.inputBoxes.length, 1);
    const validate = typed.asked.inputBoxes[0]?.validateInput;
    assert.match(String(await validate?.('next week')), /Not a time within the next year/);
    assert.equal(await validate?.('15:30'), undefined);
    const cancelled = await recordDialogs({ picks: [(items) => items[0], (items) => items.find((item) => item.label === 'Cancel Reminder')] }, () => api().reminders.showList());
    assert.match(String(cancelled.asked.picked[0]?.[0]?.label), /bob: deploy at five$/);
    assert.deepEqual(api().reminders.pending(), []);
    // Escape sets nothing; a message not sent cannot have one.
    assert.equal((await recordDialogs({}, () => api().reminders.remindAbout(subject.message, subject.sender, subject.text))).result, undefined);
    assert.deepEqual(api().reminders.pending(), []);
    assert.throws(() => panel.controller.reminderSubject('no-such-message'), /no longer loaded/);
    panel.dispose();
  });

  it('lists replies on the message they answer, as TUIKit keeps a thread, and shows the threads other apps keep', async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    const { message: root } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('who takes the release?'));
    const rootId = root.message_msg_id;
    const rootView = (): Promise<ChatMessageView | undefined> => handlers['chat/loadLatest']({ count: 10 }).then((page) => page.messages.find((m) => m.id === rootId));
    await eventually(rootView, 10_000, 'the root in the panel');
    await handlers['chat/sendText']({ text: 'I do', replyTo: rootId });
    // Once sent, the reply is listed on the root, which shows it as its thread (and not as "edited").
    const listed = await eventually(async () => ((await rootView())?.thread?.length === 1 ? rootView() : undefined), 10_000, 'the reply listed on the root');
    assert.deepEqual(listed.thread?.map((r) => [r.senderName, r.text]), [['You', 'I do']]);
    assert.equal(listed.edited, undefined);
    // bob's device has the list too: his TUIKit app shows "1 reply".
    await eventually(async () => threadRepliesOf((await bob.client.msgFindMessages([rootId]))[0] ?? {}).length === 1 || undefined, 10_000, "the list on bob's device");
    // bob answers in the thread from a TUIKit app, which lists his reply on the root as TIM Chat does.
    const bobsRoot = (await bob.client.msgFindMessages([rootId]))[0] as TimMessage;
    const { message: bobsReply } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, { ...text('thanks!'), message_cloud_custom_str: replyCloudData(bobsRoot, 'Bob', 'who takes the release?') });
    await listReplyOnRoot(bob.client, bobsReply, 'thanks!');
    const both = await eventually(async () => ((await rootView())?.thread?.length === 2 ? rootView() : undefined), 10_000, "bob's reply in the thread");
    assert.deepEqual(both.thread?.map((r) => r.text), ['I do', 'thanks!']);
    // alice recalls her reply: it leaves the thread.
    const mine = (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => m.isSelf && textOfView(m) === 'I do');
    assert.ok(mine, "alice's reply");
    await handlers['chat/revoke']({ id: mine.id });
    const after = await eventually(async () => ((await rootView())?.thread?.length === 1 ? rootView() : undefined), 10_000, 'the recalled reply off the thread');
    assert.deepEqual(after.thread?.map((r) => r.text), ['thanks!']);
    panel.dispose();
  });

  it("shows the custom messages TUIKit apps send (a call record, a link) as those apps do, in the panel and the conversation list", async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    const custom = (data: unknown) => ({ message_elem_array: [{ elem_type: TIMElemType.Custom, custom_elem_data: JSON.stringify(data) }] as const });
    const cardOf = (m: ChatMessageView): CustomCardView | undefined => (m.elements[0]?.kind === 'custom' ? m.elements[0].card : undefined);
    // bob calls alice from a TUICallKit app: its record of the ended call, as that app stores it.
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, custom({ businessID: 1, inviteID: 'call-1', inviter: 'bob', actionType: 1, inviteeList: ['alice'], timeout: 30, data: JSON.stringify({ version: 4, businessID: 'av_call', call_type: 1, room_id: 7, call_end: 65 }) }));
    const call = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => cardOf(m) !== undefined), 10_000, 'the call record in the panel');
    assert.deepEqual(cardOf(call), { icon: 'call-incoming', text: 'Voice call ended · 1:05', details: [] });
    const row = (): vscode.TreeItem => api().conversations.getTreeItem(api().store.get('c2c_bob')!);
    await eventually(() => (/Voice call ended · 1:05$/.test(String(row().description)) ? true : undefined), 10_000, 'the call in the conversation list');
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, custom({ businessID: 'text_link', text: 'Release checklist', link: 'https://example.com/checklist', version: 4 }));
    const link = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => cardOf(m)?.text === 'Release checklist'), 10_000, 'the link in the panel');
    assert.deepEqual(cardOf(link)?.link, { url: 'https://example.com/checklist', label: 'View Details' });
    await eventually(() => (/Release checklist$/.test(String(row().description)) ? true : undefined), 10_000, 'the link in the conversation list');
    panel.dispose();
  });

  it('sends a pasted image, and refuses a paste that is not the image it claims to be', async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const received: TimMessage[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages));
    const pending = await handlers['chat/pasteImage']({ mime: 'image/png', data: png });
    assert.equal(pending.elements[0]?.kind, 'image');
    const image = await eventually(() => received.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Image), 10_000, 'bob receives the image');
    assert.ok(image);
    const pasted = fs.readdirSync(path.join(api().session.storageDir, 'pasted'));
    assert.ok(pasted.some((name) => /^pasted-.*\.png$/.test(name)), pasted.join(', '));
    await assert.rejects(handlers['chat/pasteImage']({ mime: 'image/jpeg', data: png }), /not the JPG image it claims to be/);
    await assert.rejects(handlers['chat/pasteImage']({ mime: 'image/svg+xml', data: Buffer.from('<svg onload="x()"/>').toString('base64') }), /Only PNG, JPEG, GIF, WebP and BMP/);
    await assert.rejects(handlers['chat/pasteImage']({ mime: 'image/png', data: 'not base64!' }), /did not arrive intact/);
    assert.equal(received.filter((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Image).length, 1, 'nothing else was sent');
    listener.dispose();
    panel.dispose();
  });

  it('sends files dropped on the panel once the user confirms: images as images, others as files; refuses folders, empty files and what is no file here', async () => {
    const panel = await openPanel('c2c_bob');
    const drop = (uris: string[]) => panel.controller.handlers['chat/dropFiles']({ uris });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-drop-'));
    const notes = path.join(dir, 'notes 1.txt');
    const shot = path.join(dir, 'shot.png');
    fs.writeFileSync(notes, 'release notes');
    fs.writeFileSync(shot, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const received: TimMessage[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages));
    try {
      const uris = [vscode.Uri.file(notes).toString(), vscode.Uri.file(shot).toString()];
      // Declined: nothing is sent. The question names the files and the chat.
      const declined = await recordDialogs({}, () => drop(uris));
      assert.deepEqual(declined.result, { messages: [] });
      assert.deepEqual(declined.asked.infos, ['Send 2 files to bob?']);
      // Refused before anything is asked.
      await assert.rejects(drop(['https://example.com/x.png']), /Only files on this machine can be sent: https:\/\/example\.com\/x\.png/);
      await assert.rejects(drop([vscode.Uri.file(dir).toString()]), /is a folder: send the files in it instead/);
      await assert.rejects(drop([vscode.Uri.file(path.join(dir, 'empty.txt')).toString(), ...uris]), /empty\.txt is empty or not a file/);
      await assert.rejects(drop(Array.from({ length: 21 }, () => uris[0] ?? '')), /At most 20 files can be dropped at once/);
      // Confirmed: the text file as a file, the image as an image.
      const sent = await recordDialogs({ info: 'Send' }, () => drop(uris));
      assert.deepEqual(sent.result.messages.map((m) => m.elements[0]?.kind), ['file', 'image']);
      await eventually(() => received.filter((m) => m.message_elem_array[0]?.elem_type === TIMElemType.File || m.message_elem_array[0]?.elem_type === TIMElemType.Image).length === 2, 10_000, 'bob receives both');
      assert.equal(received.length, 2, 'nothing else was sent');
    } finally {
      listener.dispose();
      panel.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('edits own sent text messages (TIMMsgModifyMessage), and refuses the messages of others and empty text', async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    await handlers['chat/sendText']({ text: 'deploy at fvie' });
    const mine = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => textOfView(m) === 'deploy at fvie' && m.status === 'sent'), 10_000, 'the message is sent');
    const updates: TimMessage[] = [];
    const listener = bob.client.onEvent('MsgUpdate', (messages) => updates.push(...messages));
    const edited = await handlers['chat/edit']({ id: mine.id, text: 'deploy at five' });
    assert.equal(textOfView(edited), 'deploy at five');
    assert.equal(edited.edited, true);
    await eventually(() => updates.some((m) => m.message_msg_id === mine.id && m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === 'deploy at five'), 10_000, 'bob sees the edit');
    const latest = await handlers['chat/loadLatest']({ count: 5 });
    assert.equal(latest.messages.find((m) => m.id === mine.id)?.edited, true, 'history shows it edited');
    await assert.rejects(handlers['chat/edit']({ id: mine.id, text: '   ' }), /cannot be empty/);
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('not yours to edit'));
    const theirs = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => textOfView(m) === 'not yours to edit'), 10_000, "bob's message");
    await assert.rejects(handlers['chat/edit']({ id: theirs.id, text: 'edited by alice' }), /Only your own sent text messages/);
    listener.dispose();
    panel.dispose();

    // An edit kept across a reload names a message the new panel has not loaded: TIM still finds it.
    const reopened = await openPanel('c2c_bob');
    const again = await reopened.controller.handlers['chat/edit']({ id: mine.id, text: 'deploy at six' });
    assert.equal(textOfView(again), 'deploy at six');
    await assert.rejects(reopened.controller.handlers['chat/edit']({ id: 'no-such-message', text: 'x' }), /no longer in this conversation/);
    reopened.dispose();
  });

  it('on an edit conflict (8006) shows the version TIM returned and says so', async () => {
    // The race (someone else's change landing between reading and editing) cannot be timed against a
    // real server, so the client here is a stand-in that answers as TIM does: 8006 with the latest message.
    const original = { message_msg_id: 'm-1', message_conv_id: 'bob', message_conv_type: TIMConvType.C2C, message_sender: 'alice', message_is_from_self: true, message_status: 2, message_client_time: 1, message_server_time: 1, message_unique_id: 1, message_rand: 1, message_seq: 1, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'v0' }] } as TimMessage;
    const latest = { ...original, message_version: 2, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'changed by bob' }] } as TimMessage;
    const client = { msgModifyMessage: async () => Promise.reject(new TimError(8006, 'conflict', 'TIMMsgModifyMessage', stringifyTimJson(latest))) } as unknown as TimClient;
    const shown: TimMessage[] = [];
    await assert.rejects(editMessageText(client, original, 'alice', 'v1', (m) => shown.push(m)), /Someone changed this message meanwhile/);
    assert.deepEqual(shown.map((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content), ['changed by bob']);
    await assert.rejects(editMessageText(client, { ...original, message_elem_array: [{ elem_type: TIMElemType.File, file_elem_file_path: '/x', file_elem_file_name: 'x', file_elem_file_size: 1 }] } as unknown as TimMessage, 'alice', 'v1', () => undefined), /Only your own sent text messages/);
  });

  it('adds and takes back reactions from the panel, and shows those of others as they happen', async () => {
    const panel = await openPanel('c2c_bob');
    const handlers = panel.controller.handlers;
    // What the panel is told, recorded on its way to the webview.
    const updates: Array<{ id: string; reactions: unknown }> = [];
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method, params) => {
      if (method === 'chat/messageUpdated') {
        const { message } = params as { message: { id: string; reactions?: unknown } };
        updates.push({ id: message.id, reactions: message.reactions });
      }
      notify(method, params);
    }) as typeof panel.channel.notify;
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('ship it?'));
    const question = await eventually(async () => (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => textOfView(m) === 'ship it?'), 10_000, 'the question in the panel');
    assert.equal(question.reactions, undefined, 'no reactions yet');
    const changes: TimMessageReactionChangeInfo[] = [];
    const listener = bob.client.onEvent('MsgReactionsChanged', (infos) => changes.push(...infos));

    const reacted = await handlers['chat/react']({ id: question.id, reaction: '🚀' });
    assert.deepEqual(reacted.reactions, [{ id: '🚀', count: 1, mine: true, users: ['You'] }]);
    await eventually(() => changes.some((c) => c.message_reaction_change_info_msg_id === question.id && c.message_reaction_change_info_reaction_list[0]?.message_reaction_total_user_count === 1 && c.message_reaction_change_info_reaction_list[0].message_reaction_reacted_by_myself === false), 10_000, "bob hears of alice's reaction");

    // bob joins from his own client: alice's panel is told at once, without reloading.
    const [bobsCopy] = await bob.client.msgFindMessages([question.id]);
    assert.ok(bobsCopy);
    await bob.client.msgAddMessageReaction(bobsCopy, '🚀');
    await eventually(() => updates.some((u) => u.id === question.id && JSON.stringify(u.reactions) === JSON.stringify([{ id: '🚀', count: 2, mine: true, users: ['You', 'bob'] }])), 10_000, "the panel shows bob's reaction");

    // Show Who Reacted lists everyone per reaction; choosing bob opens a chat with him.
    const { asked } = await recordDialogs(
      { picks: [(items) => items.find((item) => item.description === 'bob')] },
      () => handlers['chat/whoReacted']({ id: question.id }),
    );
    assert.deepEqual((asked.picked[0] ?? []).map((item) => [item.label, item.description]), [['🚀  2', undefined], ['$(account) alice', 'you'], ['$(account) bob', 'bob']]);
    await eventually(() => api().chatPanels().some((p) => p.key === 'c2c_bob' && p.panel.active), 5000, 'the chat with bob is shown');

    // A second click takes alice's back; history read again shows what TIM has.
    const undone = await handlers['chat/react']({ id: question.id, reaction: '🚀' });
    assert.deepEqual(undone.reactions, [{ id: '🚀', count: 1, mine: false, users: ['bob'] }]);
    const reloaded = (await handlers['chat/loadLatest']({ count: 5 })).messages.find((m) => m.id === question.id);
    assert.deepEqual(reloaded?.reactions, [{ id: '🚀', count: 1, mine: false, users: ['bob'] }]);

    // Only TIM Chat's reactions, or one already on the message; only sent messages.
    await assert.rejects(handlers['chat/react']({ id: question.id, reaction: '<img src=x>' }), /not one TIM Chat offers/);
    await assert.rejects(handlers['chat/react']({ id: 'no-such-message', reaction: '👍' }), /no longer loaded/);
    listener.dispose();
    panel.channel.notify = notify;
    panel.dispose();
  });

  it("keeps the emoji the user picked last for every chat's emoji panel, and ignores anything that is not one of its emoji", async () => {
    const first = await openPanel('c2c_bob');
    const second = await openPanel('c2c_carol');
    // What the webviews would hear and say: the host's side of the channel, as messageFeatures.ui.test.ts drives the webview's.
    const heardBySecond = watchNotifications<{ emoji: readonly string[] }>(second, 'chat/recentEmoji');
    const heard = (): Array<readonly string[]> => heardBySecond.params.map((p) => p.emoji);
    const receive = (panel: ChatPanelApi, message: unknown): void => (panel.channel as unknown as { receive(m: unknown): void }).receive(message);
    const used = (emoji: unknown): void => receive(first, { kind: 'command', method: 'chat/emojiUsed', params: { emoji } });
    try {
      used('🐢');
      await eventually(() => heard().at(-1)?.[0] === '🐢', 10_000, 'the other open chat hears of the pick');
      used('🎉');
      await eventually(() => heard().at(-1)?.[0] === '🎉', 10_000, 'the second pick goes first');
      const before = heard().length;
      for (const bad of ['<img src=x>', 42, '🐢🐢', '', 'a'.repeat(5000)]) {
        used(bad);
      }
      used('🐢');
      await eventually(() => heard().length > before, 10_000, 'the next good pick is heard');
      assert.equal(heard().length, before + 1, 'nothing is said for what is not an emoji of the panel');
      assert.deepEqual(heard().at(-1)?.slice(0, 2), ['🐢', '🎉'], 'a pick moves to the front once, the rest keep their order');
      assert.ok((heard().at(-1) ?? []).length <= 10, 'one row of the panel at most');
    } finally {
      heardBySecond.dispose();
    }
    // Kept by the host, not by the panels: a chat opened after closing both hears the list when its webview says ready.
    first.dispose();
    second.dispose();
    const reopened = await openPanel('c2c_carol');
    const told = watchNotifications<{ emoji: readonly string[] }>(reopened, 'chat/recentEmoji');
    receive(reopened, { kind: 'ready' });
    told.dispose();
    assert.deepEqual(told.params.at(-1)?.emoji.slice(0, 2), ['🐢', '🎉']);
    reopened.dispose();
  });

  it("shows the peer's typing and tells an active peer of the user's, as TUIKit does, never as a message", async () => {
    const panel = await openPanel('c2c_bob');
    const told: Array<{ method: string; params: unknown }> = [];
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method, params) => {
      told.push({ method, params });
      notify(method, params);
    }) as typeof panel.channel.notify;
    const received: TimMessage[] = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => received.push(...messages));
    const shownBefore = api().notifications.shown.length;

    // bob types in his TUIKit app: alice's panel shows it, not as a message, without a notification.
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, typingStatusMessage(true));
    await eventually(() => told.some((t) => t.method === 'chat/peerTyping' && (t.params as { typing: boolean }).typing), 10_000, "bob's typing in the panel");
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('the build is green'));
    await eventually(() => told.some((t) => t.method === 'chat/messagesAdded'), 10_000, "bob's message");
    const added = told.filter((t) => t.method === 'chat/messagesAdded').flatMap((t) => (t.params as { messages: Array<{ elements: Array<{ kind: string; text?: string }> }> }).messages);
    assert.deepEqual(added.map(textOfView), ['the build is green'], 'the typing status never became a message');
    assert.deepEqual(told.filter((t) => t.method === 'chat/peerTyping').map((t) => (t.params as { typing: boolean }).typing), [true, false], 'his message ends his typing');
    const history = await panel.controller.handlers['chat/loadLatest']({ count: 10 });
    // (Other custom messages, such as the TUIKit call record of an earlier test, may be there.)
    assert.ok(!history.messages.some((m) => m.elements.some((e) => e.kind === 'custom' && e.data.includes('user_typing_status'))), 'nor is it in the history');
    assert.ok(!api().notifications.shown.slice(shownBefore).some((line) => /custom/i.test(line)), 'nor notified');

    // alice types now that bob is active: bob hears "typing", once for a burst, then "stopped".
    const unreadOfBob = async (): Promise<number> => Number((await bob.client.convGetConvList()).find((c) => c.conv_id === 'alice')?.conv_unread_num ?? 0);
    const unreadBefore = await unreadOfBob();
    panel.controller.typing(true);
    panel.controller.typing(true);
    panel.controller.typing(false);
    await eventually(() => received.filter((m) => typingStatusOf(m) !== undefined).length >= 2, 10_000, "bob hears alice's typing");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statuses = received.filter((m) => typingStatusOf(m) !== undefined);
    assert.deepEqual(statuses.map(typingStatusOf), ['typing', 'stopped']);
    assert.ok(statuses.every((m) => m.message_is_online_msg === true), 'online messages only');
    assert.equal(await unreadOfBob(), unreadBefore, 'nothing more unread for bob');
    listener.dispose();
    panel.channel.notify = notify;
    panel.dispose();
  });

  it("shows a group's members, owner first, and opens a chat with the one chosen", async () => {
    const created = await bob.client.groupCreate({
      create_group_param_group_name: 'Members',
      create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }, { group_member_info_identifier: 'carol' }],
    });
    const key = `group_${created.create_group_result_groupid}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');
    const { result: chosen, asked } = await recordDialogs(
      { picks: [(items) => items.find((item) => item.label.includes('carol'))] },
      () => vscode.commands.executeCommand('timChat.showGroupMembers', key) as Thenable<ChatPanelApi | undefined>,
    );
    assert.equal(chosen?.key, 'c2c_carol', 'choosing carol opens a chat with her');
    assert.deepEqual((asked.picked[0] ?? []).map((item) => [item.label, item.description]), [
      // bob and carol are signed in (TIM's user status): online.
      ['$(star-full) bob', 'bob · Owner · online'],
      ['$(account) alice', 'you'],
      ['$(account) carol', 'carol · online'],
    ]);
    // From the chat panel's title bar VS Code passes the webview's URI: the active panel's group is meant
    // (before, that argument made the command ask which conversation).
    const groupPanel = await openPanel(key);
    // VS Code tells a panel it is no longer active a moment after the next one opens.
    await eventually(() => groupPanel.panel.active && api().chatPanels().filter((p) => p.panel.active).length === 1, 5000, 'the group panel is the only active one');
    const fromTitleBar = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupMembers', vscode.Uri.parse('webview-panel:webview-panel/webview-1')));
    assert.deepEqual(fromTitleBar.asked.picked.map((items) => items.map((item) => item.label)), [['$(star-full) bob', '$(account) alice', '$(account) carol']], JSON.stringify(fromTitleBar.asked.errors));
    // A one-to-one chat has no members to show: the command says so.
    const refused = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupMembers', 'c2c_bob'));
    assert.match(refused.asked.errors[0] ?? '', /one-to-one chat: members are shown for groups/);
    for (const open of api().chatPanels()) {
      open.dispose();
    }
  });

  it('pins group messages from the panel for every member, and shows pins made elsewhere (owner and admins only)', async () => {
    const { create_group_result_groupid: groupId } = await api().session.requireClient().groupCreate({
      create_group_param_group_name: 'Pins',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');
    const panel = await openPanel(key);
    const handlers = panel.controller.handlers;
    // What the panel's pinned bar and rows are told, recorded on their way to the webview.
    const bars: Array<{ ids: string[]; by: string[]; canPin: boolean }> = [];
    const pinnedRows = new Map<string, boolean>();
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method, params) => {
      if (method === 'chat/pinned') {
        const { messages, canPin } = params as { messages: ReadonlyArray<{ id: string; pinnedBy: string }>; canPin: boolean };
        bars.push({ ids: messages.map((m) => m.id), by: messages.map((m) => m.pinnedBy), canPin });
      } else if (method === 'chat/messageUpdated') {
        const { message } = params as { message: { id: string; pinned?: boolean } };
        pinnedRows.set(message.id, message.pinned === true);
      }
      notify(method, params);
    }) as typeof panel.channel.notify;
    const lastBar = () => bars[bars.length - 1];

    await bob.client.msgSendMessage(groupId, TIMConvType.Group, text('release notes: v2 ships Friday'));
    const notes = await eventually(async () => (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => textOfView(m) === 'release notes: v2 ships Friday'), 10_000, 'the message in the panel');
    await eventually(() => lastBar()?.canPin === true, 10_000, 'the owner may pin');

    assert.deepEqual(await handlers['chat/pin']({ id: notes.id, pinned: true }), { pinned: true });
    assert.deepEqual(lastBar(), { ids: [notes.id], by: ['You'], canPin: true });
    assert.equal(pinnedRows.get(notes.id), true, 'the row shows its pin');
    await eventually(async () => (await bob.client.getPinnedGroupMessageList(groupId)).some((m) => m.message_msg_id === notes.id && m.message_pinner_user_id === 'alice'), 10_000, 'bob sees it pinned by alice');
    const reloaded = (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => m.id === notes.id);
    assert.equal(reloaded?.pinned, true, 'history read again shows it pinned');
    // The pin's group tip, in the history of every member.
    const tipTexts = async () => (await handlers['chat/loadLatest']({ count: 10 })).messages.flatMap((m) => m.elements.flatMap((e) => (e.kind === 'groupTips' ? [e.text] : [])));
    await eventually(async () => (await tipTexts()).some((text) => /pinned "release notes: v2 ships Friday"$/.test(text)), 10_000, 'the pin tip');

    // bob, a plain member, may not pin; made an admin, he may, and alice's panel shows his pin at once.
    const [bobsCopy] = await bob.client.msgFindMessages([notes.id]);
    assert.ok(bobsCopy);
    await assert.rejects(bob.client.pinGroupMessage(groupId, bobsCopy, false), (error: unknown) => error instanceof TimError && error.code === 10007);
    await api().session.requireClient().groupModifyMemberInfo({ group_modify_member_info_group_id: groupId, group_modify_member_info_identifier: 'bob', group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.MemberRole, group_modify_member_info_member_role: TIMGroupMemberRole.Admin });
    const { message: second } = await bob.client.msgSendMessage(groupId, TIMConvType.Group, text('checklist for Friday'));
    await bob.client.pinGroupMessage(groupId, second, true);
    await eventually(() => JSON.stringify(lastBar()?.ids) === JSON.stringify([second.message_msg_id, notes.id]), 10_000, "the bar shows bob's pin first");
    assert.deepEqual(lastBar()?.by, ['bob', 'You']);

    // alice unpins hers; a message not loaded (only in the bar) can be unpinned too.
    await handlers['chat/pin']({ id: notes.id, pinned: false });
    assert.deepEqual(lastBar()?.ids, [second.message_msg_id]);
    await eventually(async () => (await bob.client.getPinnedGroupMessageList(groupId)).length === 1, 10_000, 'unpinned for bob too');
    await handlers['chat/pin']({ id: second.message_msg_id, pinned: false });
    assert.deepEqual(lastBar()?.ids, []);
    await assert.rejects(handlers['chat/pin']({ id: 'no-such-message', pinned: true }), /no longer loaded/);
    panel.channel.notify = notify;
    panel.dispose();

    // A one-to-one chat has no pins.
    const c2c = await openPanel('c2c_bob');
    await assert.rejects(c2c.controller.handlers['chat/pin']({ id: notes.id, pinned: true }), /Only group messages can be pinned/);
    c2c.dispose();
  });

  it('asks who read its group messages, shows the counts as members read them, and sends receipts for those of others', async () => {
    const { create_group_result_groupid: groupId } = await api().session.requireClient().groupCreate({
      create_group_param_group_name: 'Receipts',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }, { group_member_info_identifier: 'carol' }],
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');
    const panel = await openPanel(key);
    const handlers = panel.controller.handlers;
    const counts = new Map<string, unknown>();
    const notify = panel.channel.notify.bind(panel.channel);
    panel.channel.notify = ((method, params) => {
      if (method === 'chat/messageUpdated') {
        const { message } = params as { message: { id: string; readReceipt?: unknown } };
        counts.set(message.id, message.readReceipt);
      }
      notify(method, params);
    }) as typeof panel.channel.notify;
    const latest = async (textSent: string) => (await handlers['chat/loadLatest']({ count: 10 })).messages.find((m) => textOfView(m) === textSent && m.status === 'sent');

    await handlers['chat/sendText']({ text: 'standup at 10' });
    const standup = await eventually(() => latest('standup at 10'), 10_000, 'the message sent');
    assert.deepEqual(standup.readReceipt, { read: 0, unread: 2 }, 'it asked who read it; nobody has');
    await eventually(() => JSON.stringify(counts.get(standup.id)) === JSON.stringify({ read: 0, unread: 2 }), 10_000, '"Not read yet" as soon as it is sent');
    const [bobsCopy] = await bob.client.msgFindMessages([standup.id]);
    assert.equal(bobsCopy?.message_need_read_receipt, true);
    await bob.client.msgSendMessageReadReceipts([bobsCopy!]);
    await eventually(() => JSON.stringify(counts.get(standup.id)) === JSON.stringify({ read: 1, unread: 1 }), 10_000, "the panel shows bob's receipt at once");

    const { asked } = await recordDialogs({ picks: [() => undefined] }, () => handlers['chat/whoRead']({ id: standup.id }));
    assert.deepEqual((asked.picked[0] ?? []).map((item) => item.label), ['Read (1)', '$(account) bob', 'Not Read Yet (1)', '$(account) carol']);

    // bob's message asks for receipts: once alice has seen it, bob counts her.
    const { message: bobsQuestion } = await bob.client.msgSendMessage(groupId, TIMConvType.Group, { ...text('who reviews #42?'), message_need_read_receipt: true });
    await eventually(() => latest('who reviews #42?'), 10_000, "bob's question in the panel");
    await handlers['chat/markRead']({});
    const bobsCount = async (): Promise<number> => Number((await bob.client.msgGetMessageReadReceipts([bobsQuestion]))[0]?.msg_receipt_read_count ?? 0);
    await eventually(async () => (await bobsCount()) === 1, 10_000, 'alice sent her receipt');
    await handlers['chat/markRead']({});
    assert.equal(await bobsCount(), 1, 'once');

    // Turned off, group messages ask nobody.
    await vscode.workspace.getConfiguration('timChat').update('groupReadReceipts', false, vscode.ConfigurationTarget.Global);
    try {
      await handlers['chat/sendText']({ text: 'no receipts please' });
      const quiet = await eventually(() => latest('no receipts please'), 10_000, 'the message sent');
      assert.equal(quiet.readReceipt, undefined);
      assert.notEqual((await bob.client.msgFindMessages([quiet.id]))[0]?.message_need_read_receipt, true);
      await assert.rejects(handlers['chat/whoRead']({ id: quiet.id }), /did not ask who read it/);
    } finally {
      await vscode.workspace.getConfiguration('timChat').update('groupReadReceipts', undefined, vscode.ConfigurationTarget.Global);
    }
    panel.channel.notify = notify;
    panel.dispose();
  });

  it("shows a group's info (Group Info…), edits its notice (Edit Group Notice…), and marks conversations unread", async () => {
    const { create_group_result_groupid: groupId } = await api().session.requireClient().groupCreate({
      create_group_param_group_name: 'Info',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
      create_group_param_notification: 'Be kind',
      create_group_param_introduction: 'Where we ship',
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');

    // The profile in a modal titled with the group's name (nobody clicks its buttons here).
    const shown = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupInfo', key));
    assert.deepEqual(shown.asked.infos, ['Info']);
    const info = shown.result as TimGroupDetailInfo;
    assert.equal(info.group_detail_info_owner_identifier, 'alice');
    assert.equal(info.group_detail_info_member_num, 2);
    assert.match(groupInfoDetail(info, 'en'), new RegExp(`^Public group · ${groupId}\n2 of at most \\d+ members\nOwner: alice\nJoining: Anyone can join\nCreated .+\n\nNotice: Be kind\nIntroduction: Where we ship$`));

    // The group's chat panel shows the notice under its title, and the new one as soon as it changes.
    const infoPanel = await openPanel(key);
    await eventually(() => infoPanel.controller.info().notice === 'Be kind', 10_000, 'the panel reads the notice');
    const edited = await recordDialogs({ inputs: ['Ship on Fridays'] }, () => vscode.commands.executeCommand('timChat.editGroupNotice', key));
    assert.deepEqual(edited.asked.infos, ['The notice of Info is updated.']);
    await eventually(() => infoPanel.controller.info().notice === 'Ship on Fridays', 10_000, 'the panel shows the new notice');
    infoPanel.dispose();
    const bobsView = await bob.client.groupGetGroupInfoList([groupId]);
    assert.equal(bobsView[0]?.get_groups_info_result_info?.group_detail_info_notification, 'Ship on Fridays', 'bob reads the new notice');
    const tooLong = await recordDialogs({ inputs: ['通'.repeat(101)] }, () => vscode.commands.executeCommand('timChat.editGroupNotice', key));
    assert.match(tooLong.asked.errors[0] ?? '', /at most 300 bytes/);
    const c2c = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupInfo', 'c2c_bob'));
    assert.match(c2c.asked.errors[0] ?? '', /one-to-one chat: only groups have a profile/);

    // Mark as Unread: a reminder only (no unread count), gone with Mark as Read or when the chat opens.
    const marked = () => api().store.get(key)?.markedUnread === true;
    await vscode.commands.executeCommand('timChat.markAsUnread', key);
    await eventually(marked, 5000, 'marked unread');
    assert.equal(api().store.get(key)?.unread, 0);
    await vscode.commands.executeCommand('timChat.markAsRead', key);
    await eventually(() => !marked(), 5000, 'Mark as Read clears it');
    await vscode.commands.executeCommand('timChat.markAsUnread', key);
    await eventually(marked, 5000, 'marked unread again');
    const panel = await openPanel(key);
    await panel.controller.handlers['chat/loadLatest']({ count: 5 });
    await eventually(() => !marked(), 5000, 'opening the chat clears it');
    panel.dispose();
    // The tree draws the mark as a dot badge, re-decorated when the mark comes (nothing else changed).
    const redecorated: string[] = [];
    const listening = api().conversations.onDidChangeFileDecorations((uris) => redecorated.push(...uris.map(String)));
    try {
      await vscode.commands.executeCommand('timChat.markAsUnread', key);
      await eventually(() => redecorated.includes(String(conversationUri(key))), 5000, 'the badge re-decorated');
    } finally {
      listening.dispose();
    }
    assert.equal(api().conversations.provideFileDecoration(conversationUri(key))?.badge, '●');
    const summary = () => api().store.get(key)!;
    await vscode.commands.executeCommand('timChat.markAsRead', key);

    // Add Star / Remove Star: a star before the row's time, on every device of the user.
    await vscode.commands.executeCommand('timChat.starConversation', key);
    await eventually(() => summary().starred, 5000, 'starred');
    assert.match(String(api().conversations.getTreeItem(summary()).description), /^★ /);
    assert.match(String(api().conversations.getTreeItem(summary()).contextValue), /\bstarred\b/);
    await vscode.commands.executeCommand('timChat.unstarConversation', key);
    await eventually(() => !summary().starred, 5000, 'star removed');
    assert.doesNotMatch(String(api().conversations.getTreeItem(summary()).description), /★/);
  });

  it('manages a group: Add Members…, Remove Members…, Rename Group…, Set Admins…, Set My Name in Group…', async () => {
    // As Create Group makes them: a public group that alice owns, with bob in it.
    const { create_group_result_groupid: groupId } = await (api().session.requireClient()).groupCreate({
      create_group_param_group_name: 'Core',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');
    const joined = async (user: TimUser): Promise<boolean> => (await user.client.groupGetJoinedGroupList()).some((g) => g.group_base_info_group_id === groupId);

    const added = await recordDialogs({ inputs: ['carol, bob nobody-here'] }, () => vscode.commands.executeCommand('timChat.addGroupMembers', key));
    assert.deepEqual(added.asked.warnings.map((w) => w.message), ['Added carol to Core. Already members: bob. Could not add nobody-here (no such user, or the group is full).']);
    assert.equal(await joined(carol), true, 'carol is in');

    const removed = await recordDialogs({ picks: [(items) => items.filter((item) => item.description === 'carol')], warning: 'Remove' }, () => vscode.commands.executeCommand('timChat.removeGroupMembers', key));
    assert.deepEqual(removed.asked.picked[0]?.map((item) => item.description), ['bob', 'carol'], 'everyone but alice, the owner');
    assert.match(removed.asked.warnings[0]?.message ?? '', /^Remove carol from Core\?$/);
    assert.deepEqual(removed.asked.infos, ['Removed carol from Core.']);
    assert.equal(await joined(carol), false, 'carol is out');
    // Dismissing the confirmation removes nobody.
    await recordDialogs({ picks: [(items) => items.filter((item) => item.description === 'bob')] }, () => vscode.commands.executeCommand('timChat.removeGroupMembers', key));
    assert.equal(await joined(bob), true, 'bob stays');

    await recordDialogs({ inputs: ['Core Team'] }, () => vscode.commands.executeCommand('timChat.renameGroup', key));
    await eventually(() => api().store.get(key)?.name === 'Core Team', 5000, "the tree shows the group's new name");
    await eventually(async () => (await bob.client.convGetConvList()).find((c) => c.conv_id === groupId)?.conv_show_name === 'Core Team', 5000, 'and so does bob');

    // alice makes bob an admin (Set Admins…): in a public group he may now change its notice; unchecked,
    // he is a plain member again and TIM refuses him.
    const bobsRole = async (): Promise<number> =>
      Number((await bob.client.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: groupId, group_get_members_info_list_param_identifier_array: ['bob'] })).group_get_member_info_list_result_info_array[0]?.group_member_info_member_role);
    const notice = { group_modify_info_param_group_id: groupId, group_modify_info_param_modify_flag: 2, group_modify_info_param_notification: 'Release on Friday' };
    const made = await recordDialogs({ picks: [(items) => items.filter((item) => item.description === 'bob')] }, () => vscode.commands.executeCommand('timChat.setGroupAdmins', key));
    assert.deepEqual(made.asked.infos, ['Admins of Core Team: bob.']);
    assert.equal(await bobsRole(), TIMGroupMemberRole.Admin);
    await bob.client.groupModifyGroupInfo(notice);
    const unmade = await recordDialogs({ picks: [(items) => { assert.equal(items.find((item) => item.description === 'bob')?.picked, true, 'bob shows as admin'); return []; }] }, () => vscode.commands.executeCommand('timChat.setGroupAdmins', key));
    assert.deepEqual(unmade.asked.infos, ['Core Team has no admins now.']);
    assert.equal(await bobsRole(), TIMGroupMemberRole.Normal);
    await assert.rejects(bob.client.groupModifyGroupInfo(notice), (error: unknown) => error instanceof TimError && error.code === 10007);

    // Set My Name in Group…: what bob's member list shows for alice.
    await recordDialogs({ inputs: ['Alice (lead)'] }, () => vscode.commands.executeCommand('timChat.setGroupNameCard', key));
    const aliceCard = (await bob.client.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: groupId, group_get_members_info_list_param_identifier_array: ['alice'] })).group_get_member_info_list_result_info_array[0];
    assert.equal(aliceCard?.group_member_info_name_card, 'Alice (lead)');
    const tooLong = await recordDialogs({ inputs: ['x'.repeat(51)] }, () => vscode.commands.executeCommand('timChat.setGroupNameCard', key));
    assert.match(tooLong.asked.errors[0] ?? '', /at most 50 bytes/);

    // In bob's group alice is not the owner: Set Admins… says so before asking TIM.
    const { create_group_result_groupid: bobsGroup } = await bob.client.groupCreate({ create_group_param_group_name: 'Bobs', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    await eventually(() => api().store.get(`group_${bobsGroup}`), 5000, "bob's group in alice's tree");
    const notOwner = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.setGroupAdmins', `group_${bobsGroup}`));
    assert.match(notOwner.asked.errors[0] ?? '', /Only the owner of Bobs chooses its admins/);
    const refused = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.addGroupMembers', 'c2c_bob'));
    assert.match(refused.asked.errors[0] ?? '', /one-to-one chat: only groups have members to manage/);
  });

  it('hands a group over (Transfer Ownership…) and leaves it (Leave Group…)', async () => {
    const { create_group_result_groupid: groupId } = await api().session.requireClient().groupCreate({
      create_group_param_group_name: 'Handover',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'group in tree');
    const aliceIsMember = async (): Promise<boolean> => (await api().session.requireClient().groupGetJoinedGroupList()).some((g) => g.group_base_info_group_id === groupId);
    const ownerOf = async (): Promise<string | undefined> => (await bob.client.groupGetGroupInfoList([groupId]))[0]?.get_groups_info_result_info?.group_detail_info_owner_identifier;

    // The owner of a public group cannot quit: said before any question, nothing changes.
    const asOwner = await recordDialogs({ warning: 'Leave' }, () => vscode.commands.executeCommand('timChat.leaveGroup', key));
    assert.match(asOwner.asked.errors[0] ?? '', /You own Handover: make someone else its owner first \(Transfer Ownership…\), then leave\.$/);
    assert.equal(asOwner.asked.warnings.length, 0, 'no confirmation asked');
    assert.equal(await aliceIsMember(), true);

    // Transfer Ownership…: the members but alice to pick from; dismissing the confirmation changes nothing.
    const pickBob = (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.description === 'bob');
    const dismissed = await recordDialogs({ picks: [pickBob] }, () => vscode.commands.executeCommand('timChat.transferGroupOwnership', key));
    assert.deepEqual(dismissed.asked.picked[0]?.map((item) => item.description), ['bob']);
    assert.match(dismissed.asked.warnings[0]?.message ?? '', /^Make bob the owner of Handover\?$/);
    assert.equal(await ownerOf(), 'alice');
    const handed = await recordDialogs({ picks: [pickBob], warning: 'Transfer' }, () => vscode.commands.executeCommand('timChat.transferGroupOwnership', key));
    assert.deepEqual(handed.asked.infos, ['bob now owns Handover.']);
    assert.equal(await ownerOf(), 'bob');
    const notOwner = await recordDialogs({ picks: [pickBob] }, () => vscode.commands.executeCommand('timChat.transferGroupOwnership', key));
    assert.match(notOwner.asked.errors[0] ?? '', /Only the owner of Handover can hand it over\.$/);

    // Leave Group…: dismissed, alice stays; confirmed, she is out, the conversation with her, and bob sees her go.
    await recordDialogs({}, () => vscode.commands.executeCommand('timChat.leaveGroup', key));
    assert.equal(await aliceIsMember(), true, 'dismissed: still a member');
    const left = await recordDialogs({ warning: 'Leave' }, () => vscode.commands.executeCommand('timChat.leaveGroup', key));
    assert.match(left.asked.warnings[0]?.message ?? '', /^Leave Handover\?$/);
    assert.match(String((left.asked.warnings[0]?.options as vscode.MessageOptions | undefined)?.detail), new RegExp(`join again by its ID \\(${groupId}\\)`));
    assert.deepEqual([left.asked.infos, left.asked.errors], [['You left Handover.'], []]);
    assert.equal(await aliceIsMember(), false);
    await eventually(() => !api().store.get(key), 5000, 'the conversation left the tree');
    const [lastForBob] = await bob.client.msgGetMsgList(groupId, TIMConvType.Group, { msg_getmsglist_param_count: 1 });
    assert.deepEqual(
      [lastForBob?.message_elem_array[0]?.elem_type, (lastForBob?.message_elem_array[0] as { group_tips_elem_tip_type?: number } | undefined)?.group_tips_elem_tip_type],
      [5, 2],
      'bob sees a Quit tip',
    );

    // The owner of a Work group may leave it (TIM allows that type alone).
    const { create_group_result_groupid: workId } = await api().session.requireClient().groupCreate({
      create_group_param_group_name: 'Work',
      create_group_param_group_type: TIMGroupType.Private,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
    });
    await eventually(() => api().store.get(`group_${workId}`), 5000, 'work group in tree');
    const leftWork = await recordDialogs({ warning: 'Leave' }, () => vscode.commands.executeCommand('timChat.leaveGroup', `group_${workId}`));
    assert.deepEqual(leftWork.asked.infos, ['You left Work.']);
    const oneToOne = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.leaveGroup', 'c2c_bob'));
    assert.match(oneToOne.asked.errors[0] ?? '', /bob is a one-to-one chat: only groups can be left\.$/);
  });

  it('dismisses a group it owns (Dismiss Group…), and shows a group someone else dismissed as ended', async () => {
    const client = api().session.requireClient();
    const exists = async (groupId: string): Promise<boolean> => (await bob.client.groupGetGroupInfoList([groupId]))[0]?.get_groups_info_result_code === 0;

    // bob dismisses his group while alice has it open: her panel takes no new messages, and she is told.
    const { create_group_result_groupid: bobsId } = await bob.client.groupCreate({ create_group_param_group_name: 'Bobs Farewell', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    const bobsKey = `group_${bobsId}`;
    await eventually(() => api().store.get(bobsKey), 5000, "bob's group in alice's tree");
    await bob.client.msgSendMessage(bobsId, TIMConvType.Group, text('last words'));
    const panel = await openPanel(bobsKey);
    await eventually(async () => (await panel.controller.handlers['chat/loadLatest']({ count: 5 })).messages.some((m) => textOfView(m) === 'last words'), 10_000, 'the message in the panel');
    assert.equal(panel.controller.info().closed, undefined);
    const shownBefore = api().notifications.shown.length;
    await bob.client.groupDelete(bobsId);
    await eventually(() => panel.controller.info().closed === 'dismissed', 10_000, 'the panel knows');
    await eventually(() => api().notifications.shown.slice(shownBefore).includes('Bobs Farewell was dismissed by bob: no one can write in it any more.'), 10_000, 'alice is told');
    assert.ok(api().store.get(bobsKey), 'the conversation stays in the list');
    panel.dispose();
    // Opened again later: the history alice's device kept, and the panel finds out from TIM that the group is gone (10010).
    const reopened = await openPanel(bobsKey);
    const kept = await reopened.controller.handlers['chat/loadLatest']({ count: 5 });
    assert.ok(kept.messages.some((m) => textOfView(m) === 'last words'), 'the history up to the dismissal');
    await eventually(() => reopened.controller.info().closed === 'dismissed', 10_000, 'a reopened panel knows too');
    reopened.dispose();

    // Removed from a group: the open panel takes no new messages; added again, it does. Opened later
    // while not a member, it knows at once.
    const { create_group_result_groupid: kickId } = await bob.client.groupCreate({ create_group_param_group_name: 'Revolving Door', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    const kickKey = `group_${kickId}`;
    await eventually(() => api().store.get(kickKey), 5000, "bob's group in alice's tree");
    const kickPanel = await openPanel(kickKey);
    await eventually(() => kickPanel.controller.info().closed === undefined, 5000, 'open to alice');
    await bob.client.msgSendMessage(kickId, TIMConvType.Group, text('before the door'));
    await eventually(async () => (await kickPanel.controller.handlers['chat/loadLatest']({ count: 5 })).messages.some((m) => textOfView(m) === 'before the door'), 10_000, 'alice got it');
    await bob.client.groupDeleteMember({ group_delete_member_param_group_id: kickId, group_delete_member_param_identifier_array: ['alice'] });
    await eventually(() => kickPanel.controller.info().closed === 'notMember', 10_000, 'the panel knows alice was removed');
    kickPanel.dispose();
    await bob.client.msgSendMessage(kickId, TIMConvType.Group, text('after the door'));
    const laterPanel = await openPanel(kickKey);
    await eventually(() => laterPanel.controller.info().closed === 'notMember', 10_000, 'a panel opened later knows too');
    // It shows what alice's device kept, and nothing said after she was removed.
    const keptAfterKick = (await laterPanel.controller.handlers['chat/loadLatest']({ count: 20 })).messages.map(textOfView);
    assert.ok(keptAfterKick.includes('before the door') && !keptAfterKick.includes('after the door'), keptAfterKick.join(' | '));
    await bob.client.groupInviteMember({ group_invite_member_param_group_id: kickId, group_invite_member_param_identifier_array: ['alice'] });
    await eventually(() => laterPanel.controller.info().closed === undefined, 10_000, 'added again, she may write');
    laterPanel.dispose();

    // Dismiss Group… is the owner's, and never a Work group's.
    const { create_group_result_groupid: othersId } = await bob.client.groupCreate({ create_group_param_group_name: 'Not Hers', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    await eventually(() => api().store.get(`group_${othersId}`), 5000, 'in the tree');
    const notOwner = await recordDialogs({ warning: 'Dismiss Group' }, () => vscode.commands.executeCommand('timChat.dismissGroup', `group_${othersId}`));
    assert.match(notOwner.asked.errors[0] ?? '', /Only the owner of Not Hers can dismiss it\.$/);
    assert.equal(await exists(othersId), true);
    const { create_group_result_groupid: workId } = await client.groupCreate({ create_group_param_group_name: 'Work Team', create_group_param_group_type: TIMGroupType.Private, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] });
    await eventually(() => api().store.get(`group_${workId}`), 5000, 'in the tree');
    const work = await recordDialogs({ warning: 'Dismiss Group' }, () => vscode.commands.executeCommand('timChat.dismissGroup', `group_${workId}`));
    assert.match(work.asked.errors[0] ?? '', /Nobody can dismiss a Work group such as Work Team; its members can leave it\.$/);

    // alice's own group: dismissed only once she confirms; bob is told, she is not (she did it).
    const { create_group_result_groupid: ownId } = await client.groupCreate({ create_group_param_group_name: 'Farewell', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] });
    const ownKey = `group_${ownId}`;
    await eventually(() => api().store.get(ownKey), 5000, 'in the tree');
    await recordDialogs({}, () => vscode.commands.executeCommand('timChat.dismissGroup', ownKey));
    assert.equal(await exists(ownId), true, 'not confirmed: still there');
    const ownShownBefore = api().notifications.shown.length;
    const reports: TimMessage[] = [];
    const listening = bob.client.onEvent('RecvNewMsg', (list) => reports.push(...list.filter((m) => m.message_conv_type === TIMConvType.System)));
    const done = await recordDialogs({ warning: 'Dismiss Group' }, () => vscode.commands.executeCommand('timChat.dismissGroup', ownKey));
    assert.match(done.asked.warnings[0]?.message ?? '', /^Dismiss Farewell for everyone\?$/);
    assert.deepEqual(done.asked.infos, ['Farewell was dismissed.']);
    assert.equal(await exists(ownId), false);
    await eventually(() => reports.length > 0, 10_000, 'bob gets the report');
    listening.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!api().notifications.shown.slice(ownShownBefore).some((line) => line.startsWith('Farewell')), 'no notification of her own dismissal');
  });

  it('asks for approval to join (Who Can Join…), and decides requests from the notification and from Review Join Requests…', async () => {
    const client = api().session.requireClient();
    const pick = (label: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label.includes(label));
    const addOptionSeenByBob = async (groupId: string) => (await bob.client.groupGetGroupInfoList([groupId]))[0]?.get_groups_info_result_info?.group_detail_info_add_option;
    const isMember = async (user: TimUser, groupId: string) => (await user.client.groupGetJoinedGroupList()).some((g) => g.group_base_info_group_id === groupId);
    const reportsTo = (user: TimUser) => {
      const seen: TimMessage[] = [];
      const listening = user.client.onEvent('RecvNewMsg', (list) => seen.push(...list.filter((m) => m.message_conv_type === TIMConvType.System)));
      return { seen, dispose: () => listening.dispose() };
    };

    // alice's group needs approval from now on: Who Can Join… shows the current choice and sets the new one.
    const { create_group_result_groupid: gateId } = await client.groupCreate({ create_group_param_group_name: 'Gatekeepers', create_group_param_group_type: TIMGroupType.Public, create_group_param_add_option: 2, create_group_param_group_member_array: [{ group_member_info_identifier: 'carol' }] });
    const gateKey = `group_${gateId}`;
    await eventually(() => api().store.get(gateKey), 5000, 'group in tree');
    const set = await recordDialogs({ picks: [pick('approves')] }, () => vscode.commands.executeCommand('timChat.setGroupJoinOption', gateKey));
    assert.deepEqual(set.asked.picked[0]?.map((item) => [item.label, item.description]), [
      ['Anyone can join', '(current)'],
      ['Anyone can ask to join; an admin or the owner approves', undefined],
      ['Only by being added by a member', undefined],
    ]);
    assert.deepEqual(set.asked.infos, ['Gatekeepers: Anyone can ask to join; an admin or the owner approves.']);
    assert.equal(await addOptionSeenByBob(gateId), 1);

    // bob asks: alice is told with his words, and accepts from the notification; bob is in and is told.
    const bobsReports = reportsTo(bob);
    const shownBefore = api().notifications.shown.length;
    await withDialogs({ info: 'Accept' }, async () => {
      await bob.client.groupJoin(gateId, 'I review the parser');
      assert.equal(await isMember(bob, gateId), false, 'a request, not a membership');
      await eventually(() => api().notifications.shown.slice(shownBefore).includes('bob joined Gatekeepers.'), 10_000, 'accepted from the notification');
    });
    assert.ok(api().notifications.shown.slice(shownBefore).includes('bob asks to join Gatekeepers: "I review the parser"'));
    assert.equal(await isMember(bob, gateId), true);
    await eventually(() => bobsReports.seen.some((m) => groupReportOf(m)?.type === TIMGroupReportType.AddAccept), 10_000, 'bob hears he was accepted');

    // Asked again after leaving, bob is declined from Review Join Requests…: the request, then the decision.
    await bob.client.groupQuit(gateId);
    await bob.client.groupJoin(gateId, 'me again');
    // Its notification first, so that it does not land among the review's messages.
    await eventually(() => api().notifications.shown.includes('bob asks to join Gatekeepers: "me again"'), 10_000, 'alice is told of the new request');
    // The group's row calls it out, with Review Join Requests… as its button, until it is decided.
    const gateRow = () => api().conversations.getTreeItem(api().store.get(gateKey)!);
    await eventually(() => String(gateRow().description).includes('[1 asking to join]'), 10_000, 'the row says one person asks');
    assert.match(gateRow().contextValue ?? '', /\brequests\b/);
    const declined = await recordDialogs({ picks: [pick('bob asks to join Gatekeepers'), pick('Decline')] }, () => vscode.commands.executeCommand('timChat.reviewJoinRequests'));
    assert.deepEqual(declined.asked.picked[0]?.map((item) => [item.label, item.detail]), [['$(person-add) bob asks to join Gatekeepers', 'me again']]);
    assert.deepEqual(declined.asked.picked[1]?.map((item) => item.label), ['$(check) Accept', '$(close) Decline']);
    assert.deepEqual(declined.asked.infos, ["Declined bob's request to join Gatekeepers."]);
    await eventually(() => !String(gateRow().description).includes('asking to join'), 10_000, 'the row no longer calls it out');
    assert.doesNotMatch(gateRow().contextValue ?? '', /\brequests\b/);
    assert.equal(await isMember(bob, gateId), false);
    await eventually(() => bobsReports.seen.some((m) => groupReportOf(m)?.type === TIMGroupReportType.AddRefuse), 10_000, 'bob hears he was declined');
    bobsReports.dispose();
    const none = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.reviewJoinRequests', gateKey));
    assert.deepEqual(none.asked.infos, ['No requests to join Gatekeepers are waiting.']);

    // alice asks to join bob's group with a few words (Join Group…), and is told when he accepts.
    const { create_group_result_groupid: bobsId } = await bob.client.groupCreate({ create_group_param_group_name: 'Bobs Club', create_group_param_group_type: TIMGroupType.Public, create_group_param_add_option: 1 });
    const asked = await recordDialogs({ inputs: ['let me in'] }, () => vscode.commands.executeCommand('timChat.joinGroup', bobsId));
    assert.deepEqual(asked.asked.infos, ['Asked to join Bobs Club. You will be told when an admin or the owner decides.']);
    const [request] = (await bob.client.groupGetPendencyList({ group_pendency_option_start_time: 0, group_pendency_option_max_limited: 20 })).group_pendency_result_pendency_array;
    assert.equal(request?.group_pendency_form_identifier, 'alice');
    assert.equal(request?.group_pendency_apply_invite_msg, 'let me in');
    const joinedBefore = api().notifications.shown.length;
    await bob.client.groupHandlePendency({ group_handle_pendency_param_is_accept: true, group_handle_pendency_param_pendency: request! });
    await eventually(() => api().notifications.shown.slice(joinedBefore).includes('You joined Bobs Club: your request was accepted.'), 10_000, 'alice is told');
    await eventually(() => api().store.get(`group_${bobsId}`), 10_000, "bob's group in alice's tree");

    // A group closed to requests, and a Work group, say so before asking anything.
    const { create_group_result_groupid: closedId } = await bob.client.groupCreate({ create_group_param_group_name: 'Closed', create_group_param_group_type: TIMGroupType.Public, create_group_param_add_option: 0 });
    const closed = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.joinGroup', closedId));
    assert.match(closed.asked.errors[0] ?? '', /Closed takes no requests to join: ask a member to add you\.$/);
    const { create_group_result_groupid: workId } = await client.groupCreate({ create_group_param_group_name: 'Crew', create_group_param_group_type: TIMGroupType.Private, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] });
    await eventually(() => api().store.get(`group_${workId}`), 5000, 'in the tree');
    const work = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.setGroupJoinOption', `group_${workId}`));
    assert.match(work.asked.errors[0] ?? '', /Crew takes no requests to join: its members add people\.$/);
  });

  it('edits the nickname, status message and custom status (Edit My Profile…), which others then see', async () => {
    const pick = (label: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label.endsWith(label));
    const named = await recordDialogs({ picks: [pick('Nickname')], inputs: ['Alice 陈'] }, () => vscode.commands.executeCommand('timChat.editProfile'));
    assert.deepEqual(named.asked.infos, ['Your nickname is now Alice 陈.']);
    assert.deepEqual(named.asked.picked[0]?.map((item) => [item.label, item.description]), [['$(person) Nickname', '(none)'], ['$(comment) Status Message', '(none)'], ['$(broadcast) Custom Status', '(none)']]);
    const profileOfAlice = async () => (await bob.client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: ['alice'], friendship_getprofilelist_param_force_update: true }))[0];
    assert.equal((await profileOfAlice())?.user_profile_nick_name, 'Alice 陈', 'bob reads the new nickname');
    await eventually(async () => (await bob.client.convGetConvList()).find((c) => c.conv_id === 'alice')?.conv_show_name === 'Alice 陈', 10_000, "bob's conversation with alice shows it");

    const status = await recordDialogs({ picks: [pick('Status Message')], inputs: ['shipping v2'] }, () => vscode.commands.executeCommand('timChat.editProfile'));
    assert.deepEqual(status.asked.infos, ['Your status message is now "shipping v2".']);
    assert.equal((await profileOfAlice())?.user_profile_self_signature, 'shipping v2');

    // 501 bytes (167 three-byte characters) is one too many; nothing changes.
    const tooLong = await recordDialogs({ picks: [pick('Nickname')], inputs: ['通'.repeat(167)] }, () => vscode.commands.executeCommand('timChat.editProfile'));
    assert.match(tooLong.asked.errors[0] ?? '', /At most 500 bytes/);
    assert.equal((await profileOfAlice())?.user_profile_nick_name, 'Alice 陈');

    // The custom status (TIMSetSelfStatus) reaches a subscriber as UserStatusChanged; over 100 bytes is refused before TIM is asked.
    await bob.client.subscribeUserStatus(['alice']);
    const statusChanges: string[] = [];
    const listening = bob.client.onEvent('UserStatusChanged', (statuses) => statuses.forEach((s) => statusChanges.push(`${s.user_status_identifier}:${s.user_status_custom_status ?? ''}`)));
    try {
      const custom = await recordDialogs({ picks: [pick('Custom Status')], inputs: ['In a meeting 开会中'] }, () => vscode.commands.executeCommand('timChat.editProfile'));
      assert.deepEqual(custom.asked.infos, ['Your custom status is now "In a meeting 开会中".']);
      assert.equal((await bob.client.getUserStatus(['alice']))[0]?.user_status_custom_status, 'In a meeting 开会中');
      await eventually(() => api().statusBar.tooltip.includes('"In a meeting 开会中"'), 10_000, "the status bar's tooltip shows it");
      await eventually(() => statusChanges.includes('alice:In a meeting 开会中'), 10_000, 'bob is told');
      const again = await recordDialogs({ picks: [pick('Custom Status')], inputs: [] }, () => vscode.commands.executeCommand('timChat.editProfile'));
      assert.equal(again.asked.picked[0]?.find((item) => item.label.endsWith('Custom Status'))?.description, 'In a meeting 开会中', 'the picker shows the current one');
      const tooLongStatus = await recordDialogs({ picks: [pick('Custom Status')], inputs: ['通'.repeat(34)] }, () => vscode.commands.executeCommand('timChat.editProfile'));
      assert.match(tooLongStatus.asked.errors[0] ?? '', /At most 100 bytes/);
      assert.equal((await bob.client.getUserStatus(['alice']))[0]?.user_status_custom_status, 'In a meeting 开会中', 'unchanged');
      const clearedStatus = await recordDialogs({ picks: [pick('Custom Status')], inputs: [''] }, () => vscode.commands.executeCommand('timChat.editProfile'));
      assert.deepEqual(clearedStatus.asked.infos, ['You have no custom status now.']);
      assert.equal((await bob.client.getUserStatus(['alice']))[0]?.user_status_custom_status ?? '', '');
      await eventually(() => !api().statusBar.tooltip.includes('In a meeting'), 10_000, 'and no longer');
      assert.match(api().statusBar.tooltip, /^alice .*: \d+ unread$/);
    } finally {
      listening.dispose();
      await bob.client.unsubscribeUserStatus(['alice']);
    }

    // An app without Tencent's online-status feature fails TIMGetUserStatus (a stand-in: tim-emulator always
    // has the feature, so the extension's client is told to fail this one call). The other fields stay editable.
    const aliceClient = api().session.requireClient();
    const realGetUserStatus = aliceClient.getUserStatus;
    aliceClient.getUserStatus = () => Promise.reject(new TimError(7013, 'online status is not enabled for this app', 'TIMGetUserStatus'));
    try {
      const noStatus = await recordDialogs({ picks: [pick('Custom Status')] }, () => vscode.commands.executeCommand('timChat.editProfile'));
      const row = noStatus.asked.picked[0]?.find((item) => item.label.endsWith('Custom Status'));
      assert.equal(row?.description, '(unavailable)');
      assert.match(row?.detail ?? '', /7013 online status is not enabled/);
      assert.match(noStatus.asked.errors[0] ?? '', /Custom Status cannot be read or changed here: .*7013/);
      assert.equal(noStatus.asked.picked[0]?.find((item) => item.label.endsWith('Nickname'))?.description, 'Alice 陈', 'the profile fields still read');
    } finally {
      aliceClient.getUserStatus = realGetUserStatus;
    }

    // Back to no nickname: others see the user ID again (and the tests after this one expect it).
    const cleared = await recordDialogs({ picks: [pick('Nickname')], inputs: [''] }, () => vscode.commands.executeCommand('timChat.editProfile'));
    assert.deepEqual(cleared.asked.infos, ['You have no nickname now: others see your user ID.']);
    assert.equal((await profileOfAlice())?.user_profile_nick_name ?? '', '');
  });

  it('shows the custom status set on another device of the user in the status bar, also read when signing in again', async () => {
    const laptop = await signInUser(emulator, 'alice', 'laptop');
    try {
      await laptop.client.setSelfStatus({ user_status_custom_status: 'Pairing 结对' });
      await eventually(() => api().statusBar.tooltip.includes('"Pairing 结对"'), 10_000, 'told by TIM');
      await api().session.signOut();
      assert.doesNotMatch(api().statusBar.tooltip, /Pairing/, 'signed out');
      // The laptop keeps alice online, so her status stands, and this device reads it when it signs in.
      await api().signIn.signInToOwnEmulator('alice', emulator.url);
      await eventually(() => api().statusBar.tooltip.includes('"Pairing 结对"'), 10_000, 'read at sign-in');
      await laptop.client.setSelfStatus({ user_status_custom_status: '' });
      await eventually(() => !api().statusBar.tooltip.includes('Pairing'), 10_000, 'cleared on the laptop');
    } finally {
      await laptop.close();
    }
  });

  it('reads the custom status again after a reconnect', async () => {
    const client = api().session.requireClient();
    const realGetUserStatus = client.getUserStatus;
    // A stand-in for a status that changed while this device was away and that nobody told it of:
    // tim-emulator replays missed events, and whether Tencent's SDK does is not known, so the status bar
    // asks again once the connection is back.
    client.getUserStatus = async (ids) => (await realGetUserStatus.call(client, ids)).map((status) => ({ ...status, user_status_custom_status: 'Back 回来了' }));
    try {
      assert.doesNotMatch(api().statusBar.tooltip, /Back/);
      // A real disconnect and reconnect of the emulator endpoint's WebSocket (no public way to drop it).
      const endpoint = (api().session as unknown as { endpoint: { socket: { recycle(reason: string): void } } }).endpoint;
      endpoint.socket.recycle('test: a dropped connection');
      await eventually(() => api().statusBar.tooltip.includes('"Back 回来了"'), 10_000, 'read again once connected');
      const state = api().session.state;
      assert.equal(state.kind === 'signedIn' && state.online, true);
      // And the real status (none) once connected again.
      client.getUserStatus = realGetUserStatus;
      endpoint.socket.recycle('test: a dropped connection');
      await eventually(() => !api().statusBar.tooltip.includes('Back'), 10_000, 'read again: no status');
    } finally {
      client.getUserStatus = realGetUserStatus;
    }
  });

  it('keeps a custom status told by an event over an older read that answers after it', async () => {
    const client = api().session.requireClient();
    const realGetUserStatus = client.getUserStatus;
    // The read after a reconnect is held back until the laptop's change has been told to this device.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    client.getUserStatus = async (ids) => {
      const before = await realGetUserStatus.call(client, ids);
      // Only the status bar's read of the user's own status (the presence of others is read too).
      if (ids.length === 1 && ids[0] === 'alice') {
        reads += 1;
        await held;
      }
      return before;
    };
    const laptop = await signInUser(emulator, 'alice', 'laptop');
    try {
      const endpoint = (api().session as unknown as { endpoint: { socket: { recycle(reason: string): void } } }).endpoint;
      endpoint.socket.recycle('test: a dropped connection');
      await eventually(() => reads >= 1, 10_000, 'the read after the reconnect started');
      assert.equal(reads, 1);
      await laptop.client.setSelfStatus({ user_status_custom_status: 'Later 后来' });
      await eventually(() => api().statusBar.tooltip.includes('"Later 后来"'), 10_000, 'told by the event');
      release();
      // The read (taken before the change: no status) answers now, and must not win.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.match(api().statusBar.tooltip, /"Later 后来"/);
      await laptop.client.setSelfStatus({ user_status_custom_status: '' });
      await eventually(() => !api().statusBar.tooltip.includes('Later'), 10_000, 'cleared on the laptop');
    } finally {
      release();
      client.getUserStatus = realGetUserStatus;
      await laptop.close();
    }
  });

  it("shows someone's profile (Show Profile…) for a one-to-one chat, a sender named by the panel and a typed ID; Send Message opens the chat", async () => {
    await carol.client.profileModifySelfUserProfile({ user_profile_item_self_signature: 'reviewing PRs' });
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    // A one-to-one chat's row: the peer's name as the title, the ID and status message below; Send Message opens the chat.
    const shown = await recordDialogs({ info: 'Send Message' }, () => vscode.commands.executeCommand('timChat.showProfile', 'c2c_carol'));
    assert.deepEqual(shown.asked.infos, ['carol']);
    assert.equal(profileDetail(shown.result as TimUserProfile), 'User ID: carol\nStatus: reviewing PRs');
    assert.equal(profileDetail(shown.result as TimUserProfile, { presence: 'online', customStatus: '' }), 'User ID: carol\nOnline\nStatus: reviewing PRs');
    await eventually(() => api().chatPanels().some((panel) => panel.key === 'c2c_carol'), 5000, 'the chat with carol opens');
    // Its header shows her status message.
    const carolsPanel = api().chatPanels().find((panel) => panel.key === 'c2c_carol');
    await eventually(() => carolsPanel?.controller.info().peerStatus === 'reviewing PRs', 10_000, "the panel reads carol's status message");
    // A sender the panel names (as its chat/showProfile does), and the user's own profile.
    const sender = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'bob' }));
    assert.equal((sender.result as TimUserProfile).user_profile_identifier, 'bob');
    const own = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'alice' }));
    assert.equal((own.result as TimUserProfile).user_profile_identifier, 'alice');
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    // From the palette with no chat in front: a typed user ID; an unknown one is said to be unknown.
    const typed = await recordDialogs({ inputs: ['dave'] }, () => vscode.commands.executeCommand('timChat.showProfile'));
    assert.equal((typed.result as TimUserProfile).user_profile_identifier, 'dave');
    const unknown = await recordDialogs({ inputs: ['nobody-here'] }, () => vscode.commands.executeCommand('timChat.showProfile'));
    assert.match(unknown.asked.errors[0] ?? '', /There is no user nobody-here\.$/);
    // A group has no profile of a person.
    const { create_group_result_groupid: groupId } = await api().session.requireClient().groupCreate({ create_group_param_group_name: 'Profiles', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] });
    await eventually(() => api().store.get(`group_${groupId}`), 5000, 'in the tree');
    const group = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showProfile', `group_${groupId}`));
    assert.match(group.asked.errors[0] ?? '', /Profiles is a group, not a person\./);
  });

  it("shows who is online: a one-to-one peer's row and chat follow them signing in and out", async () => {
    const erin = await signInUser(emulator, 'erin');
    await erin.client.msgSendMessage('alice', TIMConvType.C2C, text('hi from erin'));
    await eventually(() => api().store.get('c2c_erin'), 10_000, 'erin in the tree');
    // ThemeColor keeps its id as a property the typings do not declare.
    const iconColor = (): string | undefined => ((api().conversations.getTreeItem(api().store.get('c2c_erin')!).iconPath as vscode.ThemeIcon).color as unknown as { id: string } | undefined)?.id;
    await eventually(() => api().presence.presenceOf('erin')?.presence === 'online', 10_000, 'erin is online');
    assert.equal(iconColor(), 'charts.green');
    const panel = await openPanel('c2c_erin');
    await eventually(() => panel.controller.info().peerPresence === 'online', 10_000, 'the panel says online');
    // She signs out: the row and the panel hear of it (UserStatusChanged), without reading again.
    await erin.close();
    await eventually(() => api().presence.presenceOf('erin')?.presence === 'offline', 10_000, 'erin is offline');
    assert.equal(iconColor(), undefined);
    await eventually(() => panel.controller.info().peerPresence === 'offline', 10_000, 'the panel says offline');
    panel.dispose();
  });

  it("puts a background chat's unread count in its tab title, and takes it away once read", async () => {
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    await vscode.commands.executeCommand('timChat.markAsRead', 'c2c_bob');
    const bobsPanel = await openPanel('c2c_bob');
    await eventually(() => bobsPanel.panel.title === 'bob', 5000, 'the name alone while nothing is unread');
    // Another chat in front: bob's tab is in the background when he writes.
    await openPanel('c2c_carol');
    await eventually(() => !bobsPanel.panel.visible, 5000, "bob's chat in the background");
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('one'));
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('two'));
    await eventually(() => bobsPanel.panel.title === '(2) bob', 10_000, 'the count in the tab');
    await vscode.commands.executeCommand('timChat.markAsRead', 'c2c_bob');
    await eventually(() => bobsPanel.panel.title === 'bob', 10_000, 'the count gone once read');
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
  });

  it("blocks someone (Block…): TIM refuses their one-to-one messages, the row, the chat and the profile say so; Unblock and Blocked Users… undo it", async () => {
    const row = () => api().conversations.getTreeItem(api().store.get('c2c_bob')!);
    const refused = (error: unknown) => error instanceof TimError && error.code === 20007;
    // Dismissing the confirmation blocks nobody.
    const dismissed = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.blockUser', 'c2c_bob'));
    assert.equal(dismissed.result, false);
    assert.equal(dismissed.asked.warnings[0]?.message, 'Block bob?');
    assert.equal(api().blocklist.has('bob'), false);
    assert.doesNotMatch(String(row().contextValue), /\bblocked\b/);
    // From the row, confirmed: the row says so, and TIM refuses bob's messages to alice (not hers to him).
    const blocked = await recordDialogs({ warning: 'Block' }, () => vscode.commands.executeCommand('timChat.blockUser', 'c2c_bob'));
    assert.equal(blocked.result, true);
    assert.deepEqual(blocked.asked.infos, ['Blocked bob.']);
    assert.ok(api().blocklist.has('bob'));
    assert.match(String(row().contextValue), /\bblocked\b/);
    assert.equal((row().iconPath as vscode.ThemeIcon).id, 'circle-slash');
    assert.match(String((row().tooltip as vscode.MarkdownString).value), /Blocked/);
    await assert.rejects(bob.client.msgSendMessage('alice', TIMConvType.C2C, text('can you hear me?')), refused);
    await api().session.requireClient().msgSendMessage('bob', TIMConvType.C2C, text('one way only'));
    assert.ok((await bob.client.msgGetMsgList('alice', TIMConvType.C2C, { msg_getmsglist_param_count: 1 }))[0]?.message_elem_array.some((e) => 'text_elem_content' in e && e.text_elem_content === 'one way only'));
    // The chat with him says so in its header; the palette offers Unblock rather than Block.
    const panel = await openPanel('c2c_bob');
    await eventually(() => panel.controller.info().peerBlocked === true, 5000, 'the panel says blocked');
    const again = await recordDialogs({ warning: 'Block' }, () => vscode.commands.executeCommand('timChat.blockUser', 'c2c_bob'));
    assert.deepEqual(again.asked.infos, ['bob is blocked already.']);
    assert.equal(again.asked.warnings.length, 0);
    // Nobody blocks themselves.
    const self = await recordDialogs({ warning: 'Block' }, () => vscode.commands.executeCommand('timChat.blockUser', { userId: 'alice' }));
    assert.match(self.asked.errors[0] ?? '', /You cannot block yourself\./);
    // Blocked Users… lists him (escape unblocks nobody); picking him unblocks him, and his messages arrive again.
    const listed = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showBlockedUsers'));
    assert.deepEqual(listed.asked.picked[0]?.map((item) => item.label), ['bob']);
    assert.match(listed.asked.picked[0]?.[0]?.detail ?? '', /^Blocked on /);
    assert.ok(api().blocklist.has('bob'));
    const unblocked = await recordDialogs({ picks: [(items) => items.filter((item) => item.label === 'bob')] }, () => vscode.commands.executeCommand('timChat.showBlockedUsers'));
    assert.deepEqual(unblocked.result, ['bob']);
    assert.deepEqual(unblocked.asked.infos, ['Unblocked bob.']);
    assert.equal(api().blocklist.has('bob'), false);
    await eventually(() => panel.controller.info().peerBlocked === false, 5000, 'the panel no longer says blocked');
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('back again'));
    await eventually(() => api().store.get('c2c_bob')?.preview.includes('back again'), 10_000, "bob's message arrives");
    const none = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showBlockedUsers'));
    assert.deepEqual(none.asked.infos, ['You have not blocked anyone.']);
    // Show Profile… offers Block… (which confirms), then Unblock.
    await recordDialogs({ info: 'Block…', warning: 'Block' }, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'bob' }));
    assert.ok(api().blocklist.has('bob'), 'blocked from the profile');
    assert.equal(profileDetail({ user_profile_identifier: 'bob' }, undefined, api().blocklist.has('bob')), 'User ID: bob\nBlocked: their messages do not reach you.');
    const unblock = await recordDialogs({ info: 'Unblock' }, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'bob' }));
    assert.deepEqual(unblock.asked.infos, ['bob', 'Unblocked bob: their messages reach you again.']);
    assert.equal(api().blocklist.has('bob'), false);
    // A block made elsewhere (bob blocks alice): her send from the panel fails, and says why.
    await bob.client.friendshipAddToBlackList(['alice']);
    try {
      assert.equal(await failureOfSend(panel, 'are you there?'), 'The recipient does not accept your messages.');
    } finally {
      await bob.client.friendshipDeleteFromBlackList(['alice']);
      panel.dispose();
    }
  });

  it('mutes a member (Mute Member…) and everyone but the owner and admins (Who Can Write…): TIM refuses their group messages, the history and the member list say so', async () => {
    const client = api().session.requireClient();
    const { create_group_result_groupid: groupId } = await client.groupCreate({
      create_group_param_group_name: 'Quiet Room',
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }, { group_member_info_identifier: 'carol' }],
    });
    const key = `group_${groupId}`;
    await eventually(() => api().store.get(key), 5000, 'in the tree');
    const refused = (error: unknown) => error instanceof TimError && error.code === 10017;
    const byId = (id: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.description?.split(' · ')[0] === id);
    // The owner mutes bob for an hour: whom she may mute (not herself), then for how long.
    const muted = await recordDialogs({ picks: [byId('bob'), (items) => items.find((item) => item.label === '1 hour')] }, () => vscode.commands.executeCommand('timChat.muteGroupMember', key));
    assert.deepEqual(muted.result, { userId: 'bob', seconds: 3600 });
    assert.deepEqual(muted.asked.picked[0]?.map((item) => item.description?.split(' · ')[0]), ['bob', 'carol']);
    assert.deepEqual(muted.asked.picked[1]?.map((item) => item.label), ['10 minutes', '1 hour', '12 hours', '1 day', '7 days', '30 days']);
    assert.deepEqual(muted.asked.infos, ['Muted bob in Quiet Room for 1 hour.']);
    await assert.rejects(bob.client.msgSendMessage(groupId, TIMConvType.Group, text('let me speak')), refused);
    await carol.client.msgSendMessage(groupId, TIMConvType.Group, text('carol still can'));
    // The history says so; Show Members… says until when.
    const panel = await openPanel(key);
    const tips = async () => (await panel.controller.handlers['chat/loadLatest']({ count: 30 })).messages.flatMap((m) => m.elements.flatMap((e) => (e.kind === 'groupTips' ? [e.text] : [])));
    await eventually(async () => (await tips()).includes('alice muted bob for 1 hour'), 5000, 'the tip in the history');
    const members = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupMembers', key));
    assert.match(byId('bob')(members.asked.picked[0] ?? [])?.description ?? '', / · muted until /);
    assert.doesNotMatch(byId('carol')(members.asked.picked[0] ?? [])?.description ?? '', /muted/);
    // Unmute Members… lists the muted only; picking bob lets him write again.
    const unmuted = await recordDialogs({ picks: [(items) => items] }, () => vscode.commands.executeCommand('timChat.unmuteGroupMember', key));
    assert.deepEqual(unmuted.asked.picked[0]?.map((item) => item.description?.split(' · ')[0]), ['bob']);
    assert.deepEqual(unmuted.result, ['bob']);
    await bob.client.msgSendMessage(groupId, TIMConvType.Group, text('thanks'));
    const nobody = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.unmuteGroupMember', key));
    assert.deepEqual(nobody.asked.infos, ['Nobody is muted in Quiet Room.']);
    // Who Can Write…: only the owner and admins; the others are refused, the owner is not.
    const onlyAdmins = await recordDialogs({ picks: [(items) => items.find((item) => item.label === 'Only the owner and admins')] }, () => vscode.commands.executeCommand('timChat.setGroupMuteAll', key));
    assert.equal(onlyAdmins.result, true);
    assert.deepEqual(onlyAdmins.asked.picked[0]?.map((item) => [item.label, item.description]), [['Everyone', '(current)'], ['Only the owner and admins', undefined]]);
    await assert.rejects(carol.client.msgSendMessage(groupId, TIMConvType.Group, text('hello?')), refused);
    await client.msgSendMessage(groupId, TIMConvType.Group, text('the owner still writes'));
    const info = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.showGroupInfo', key));
    assert.match(groupInfoDetail(info.result as TimGroupDetailInfo, 'en'), /\nWriting: only the owner and admins\n/);
    await eventually(async () => (await tips()).includes('alice let only the owner and admins write'), 5000, 'the mute-all tip');
    await recordDialogs({ picks: [(items) => items.find((item) => item.label === 'Everyone')] }, () => vscode.commands.executeCommand('timChat.setGroupMuteAll', key));
    await carol.client.msgSendMessage(groupId, TIMConvType.Group, text('back'));
    panel.dispose();
    // A Work group has no muting (Tencent documents it): said before anyone is picked.
    const { create_group_result_groupid: workGroup } = await client.groupCreate({ create_group_param_group_name: 'Work Room', create_group_param_group_type: TIMGroupType.Private, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] });
    await eventually(() => api().store.get(`group_${workGroup}`), 5000, 'the work group in the tree');
    for (const command of ['timChat.muteGroupMember', 'timChat.setGroupMuteAll']) {
      const work = await recordDialogs({ picks: [(items) => items[0]] }, () => vscode.commands.executeCommand(command, `group_${workGroup}`));
      assert.match(work.asked.errors[0] ?? '', /Work Room is a work group: everyone in it can always write\./, command);
      assert.equal(work.asked.picked.length, 0, command);
    }
    // A normal member mutes nobody.
    const { create_group_result_groupid: bobsGroup } = await bob.client.groupCreate({
      create_group_param_group_name: "Bob's Room",
      create_group_param_group_type: TIMGroupType.Public,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }],
    });
    await eventually(() => api().store.get(`group_${bobsGroup}`), 5000, "bob's group in the tree");
    const notAllowed = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.muteGroupMember', `group_${bobsGroup}`));
    assert.match(notAllowed.asked.errors[0] ?? '', /Only the owner and admins of Bob's Room mute members\./);
    // Muted by someone else: the user is told, and a send from the chat says why it failed.
    const shownBefore = api().notifications.shown.length;
    await bob.client.groupModifyMemberInfo({ group_modify_member_info_group_id: bobsGroup, group_modify_member_info_identifier: 'alice', group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.ShutupTime, group_modify_member_info_shutup_time: 600 });
    await eventually(() => api().notifications.shown.slice(shownBefore).includes("bob muted you in Bob's Room for 10 minutes."), 10_000, 'told of the mute');
    const bobsPanel = await openPanel(`group_${bobsGroup}`);
    try {
      // The panel knows before she types (its composer says until when), and TIM refuses a send anyway.
      const muting = await eventually(() => bobsPanel.controller.info().muted, 10_000, 'the panel knows she is muted');
      assert.ok('mutedUntil' in muting && Math.abs(muting.mutedUntil - (Date.now() / 1000 + 600)) < 30, JSON.stringify(muting));
      assert.equal(await failureOfSend(bobsPanel, 'may I?'), 'You cannot write in this group now: you are muted, or only its owner and admins can write.');
      // Unmuted, then only the owner and admins write: the panel follows each change (its tips).
      await bob.client.groupModifyMemberInfo({ group_modify_member_info_group_id: bobsGroup, group_modify_member_info_identifier: 'alice', group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.ShutupTime, group_modify_member_info_shutup_time: 0 });
      await eventually(() => bobsPanel.controller.info().muted === undefined, 10_000, 'the panel knows she may write');
      await bob.client.groupModifyGroupInfo({ group_modify_info_param_group_id: bobsGroup, group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.ShutupAll, group_modify_info_param_is_shutup_all: true });
      await eventually(() => JSON.stringify(bobsPanel.controller.info().muted) === '{"onlyAdmins":true}', 10_000, 'the panel knows only admins write');
      // Made an admin, she writes again; an admin unmutes members, not another admin the owner muted.
      const makeAdmin = (id: string) => bob.client.groupModifyMemberInfo({ group_modify_member_info_group_id: bobsGroup, group_modify_member_info_identifier: id, group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.MemberRole, group_modify_member_info_member_role: TIMGroupMemberRole.Admin });
      await bob.client.groupInviteMember({ group_invite_member_param_group_id: bobsGroup, group_invite_member_param_identifier_array: ['carol'] });
      await makeAdmin('alice');
      await makeAdmin('carol');
      await eventually(() => bobsPanel.controller.info().muted === undefined, 10_000, 'an admin writes while everyone is muted');
      await bob.client.groupModifyMemberInfo({ group_modify_member_info_group_id: bobsGroup, group_modify_member_info_identifier: 'carol', group_modify_member_info_modify_flag: TIMGroupMemberModifyFlag.ShutupTime, group_modify_member_info_shutup_time: 600 });
      const adminMuted = await recordDialogs({ picks: [(items) => items] }, () => vscode.commands.executeCommand('timChat.unmuteGroupMember', `group_${bobsGroup}`));
      assert.match(adminMuted.asked.errors[0] ?? '', /Those muted in Bob's Room are admins: only the owner unmutes them\./);
      assert.equal(adminMuted.asked.picked.length, 0);
    } finally {
      bobsPanel.dispose();
    }
  });

  it('goes to the message that mentioned the user (Go to Mention), from the group or from the palette', async () => {
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    const { create_group_result_groupid: groupId } = await bob.client.groupCreate({ create_group_param_group_name: 'Mention Room', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    const key = `group_${groupId}`;
    await bob.client.msgSendMessage(groupId, TIMConvType.Group, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: '@alice can you review?' }], message_group_at_user_array: ['alice'] });
    await bob.client.msgSendMessage(groupId, TIMConvType.Group, text('and something else'));
    const summary = await eventually(() => (api().store.get(key)?.mentionSeqs.length ? api().store.get(key) : undefined), 10_000, 'the mention in the tree');
    assert.match(String(api().conversations.getTreeItem(summary).contextValue), /\bmentioned\b/);
    const textOf = async (id: unknown) => JSON.stringify((await api().session.requireClient().msgFindMessages([String(id)]))[0]?.message_elem_array);
    // From the palette with no chat in front: the groups with mentions, then the message.
    const fromPalette = await recordDialogs({ picks: [(items) => items.find((item) => item.label.endsWith('Mention Room'))] }, () => vscode.commands.executeCommand('timChat.goToMention'));
    assert.ok(fromPalette.asked.picked[0]?.some((item) => item.description === '1 unread mentions'));
    assert.match(await textOf(fromPalette.result), /@alice can you review\?/);
    await eventually(() => api().chatPanels().some((panel) => panel.key === key), 5000, 'the chat opens there');
    // From the group itself.
    assert.equal(await vscode.commands.executeCommand('timChat.goToMention', key), fromPalette.result);
    // Once read, nothing is left to go to.
    await vscode.commands.executeCommand('timChat.markAsRead', key);
    await eventually(() => api().store.get(key)?.mentionSeqs.length === 0, 10_000, 'the mention read');
    const none = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.goToMention', key));
    assert.deepEqual(none.asked.infos, ['Nobody has mentioned you in Mention Room since you last read it.']);
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
  });

  it('copies a link to a message (Copy Link) that opens the chat at it: from a chat, Open Message Link… and the URI handler', async () => {
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    const account = api().session.signedInAccount;
    assert.ok(account);
    // A one-to-one message from bob, and a group message: each panel's Copy Link writes the clipboard.
    const { message: sent } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('the decision is in here'));
    const { create_group_result_groupid: groupId } = await bob.client.groupCreate({ create_group_param_group_name: 'Link Room', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    const { message: inGroup } = await bob.client.msgSendMessage(groupId, TIMConvType.Group, text('the plan, in the group'));
    const bobsChat = await openPanel('c2c_bob');
    await eventually(async () => (await bobsChat.controller.handlers['chat/loadLatest']({ count: 10 })).messages.some((m) => m.id === sent.message_msg_id), 10_000, 'in the chat');
    const { link } = await bobsChat.controller.handlers['chat/copyLink']({ id: sent.message_msg_id });
    assert.equal(await vscode.env.clipboard.readText(), link);
    assert.match(link, new RegExp(`^${vscode.env.uriScheme}://timchat\\.tim-chat/message\\?app=${account.sdkAppId}&c2c=alice&c2c=bob&from=bob&id=`));
    const groupChat = await openPanel(`group_${groupId}`);
    await eventually(async () => (await groupChat.controller.handlers['chat/loadLatest']({ count: 10 })).messages.some((m) => m.id === inGroup.message_msg_id), 10_000, 'in the group chat');
    const { link: groupLink } = await groupChat.controller.handlers['chat/copyLink']({ id: inGroup.message_msg_id });

    // Opening one reveals the chat's panel and scrolls it to the message (chat/reveal).
    const revealed: string[] = [];
    for (const panel of [bobsChat, groupChat]) {
      const notify = panel.channel.notify.bind(panel.channel);
      panel.channel.notify = ((method, params) => {
        if (method === 'chat/reveal') {
          revealed.push(`${panel.key} ${(params as { id: string }).id}`);
        }
        notify(method, params);
      }) as typeof panel.channel.notify;
    }
    assert.equal(await vscode.commands.executeCommand('timChat.openLink', link), sent.message_msg_id);
    const pasted = await recordDialogs({ inputs: [` ${groupLink} `] }, () => vscode.commands.executeCommand('timChat.openLink'));
    assert.equal(pasted.result, inGroup.message_msg_id);
    assert.equal(pasted.asked.inputBoxes[0]?.value, groupLink, 'the link just copied is offered');
    await vscode.env.clipboard.writeText('not a link');
    const typed = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.openLink'));
    assert.equal(typed.asked.inputBoxes[0]?.value, undefined, 'other clipboard text is not');
    // A click on a link in a message goes to the host, which opens it itself.
    await bobsChat.controller.openLink(link);
    await eventually(() => revealed.length === 3, 5000, 'three reveals');
    assert.deepEqual(revealed, [`c2c_bob ${sent.message_msg_id}`, `group_${groupId} ${inGroup.message_msg_id}`, `c2c_bob ${sent.message_msg_id}`]);
    // The URI handler (a link opened from a browser or a document) takes the query as VS Code decodes it.
    const uri = vscode.Uri.parse(groupLink);
    assert.equal(uri.query.includes('%'), false, 'VS Code hands the query over decoded');
    await api().chatLinks.handleUri(uri);
    await eventually(() => revealed.length === 4, 5000, 'the handler reveals it');
    assert.equal(revealed[3], `group_${groupId} ${inGroup.message_msg_id}`);

    // What cannot be opened says why, and opens nothing.
    const other = (from: string, to: string) => link.replace(from, to);
    const refused = await recordDialogs({}, async () => {
      await vscode.commands.executeCommand('timChat.openLink', other(`app=${account.sdkAppId}`, 'app=1400000999'));
      await vscode.commands.executeCommand('timChat.openLink', other('c2c=alice&c2c=bob', 'c2c=bob&c2c=carol'));
      await vscode.commands.executeCommand('timChat.openLink', other(`id=${encodeURIComponent(sent.message_msg_id)}`, 'id=gone-1').replace(/seq=\d+/, 'seq=999999'));
      await vscode.commands.executeCommand('timChat.openLink', 'https://example.com/message');
    });
    assert.deepEqual(refused.asked.errors, [
      `TIM Chat: This link is to a message in another TIM app (SDKAppID 1400000999); you are signed in to ${account.sdkAppId}.`,
      'TIM Chat: This link is to a message between bob and carol; you are signed in as alice.',
      'TIM Chat: That message is not there for you: it was deleted from this chat.',
      "TIM Chat: That is not a TIM Chat link (Copy Link in a message's menu and Copy Group Link make them).",
    ]);
    assert.equal(revealed.length, 4, 'nothing else opened');
    // Signed out (a link opened from a browser starts VS Code signed out): it offers to sign in, then opens.
    await api().session.signOut();
    const declined = await recordDialogs({ info: undefined }, () => vscode.commands.executeCommand('timChat.openLink', link));
    assert.deepEqual(declined.asked.infos, ['Sign in to TIM Chat to open this link.']);
    assert.equal(declined.result, undefined);
    await vscode.workspace.getConfiguration('timChat').update('emulator.url', emulator.url, vscode.ConfigurationTarget.Global);
    try {
      const signedIn = await recordDialogs({ info: 'Sign In', inputs: ['alice'] }, () => vscode.commands.executeCommand('timChat.openLink', link));
      assert.equal(signedIn.result, sent.message_msg_id);
      assert.equal(api().session.signedInAccount?.userId, 'alice');
    } finally {
      await vscode.workspace.getConfiguration('timChat').update('emulator.url', undefined, vscode.ConfigurationTarget.Global);
    }
    // An imported message lives on this device only (status 5): no link anyone could follow.
    const client = api().session.requireClient();
    await client.msgImportMsgList('bob', TIMConvType.C2C, [{ ...text('imported from the old chat'), message_sender: 'bob', message_client_time: 1700000000, message_server_time: 1700000000 }]);
    const imported = await eventually(async () => (await client.msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 50 })).find((m) => JSON.stringify(m.message_elem_array).includes('imported from the old chat')), 10_000, 'the import');
    await eventually(async () => (await bobsChat.controller.handlers['chat/loadLatest']({ count: 100 })).messages.some((m) => m.id === imported.message_msg_id && m.status === 'local'), 10_000, 'the import in the chat');
    await assert.rejects(bobsChat.controller.handlers['chat/copyLink']({ id: imported.message_msg_id }), /This message has no link/);
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
  });

  it('copies a group link (Copy Group Link) that opens its chat for a member and offers anyone else to join', async () => {
    const account = api().session.signedInAccount;
    assert.ok(account);
    const { create_group_result_groupid: teamId } = await bob.client.groupCreate({ create_group_param_group_name: 'Team Room', create_group_param_group_type: TIMGroupType.Public, create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }] });
    await eventually(() => api().store.get(`group_${teamId}`), 10_000, 'the group in the tree');
    const link = await vscode.commands.executeCommand('timChat.copyGroupLink', `group_${teamId}`);
    assert.equal(link, `${vscode.env.uriScheme}://timchat.tim-chat/group?app=${account.sdkAppId}&group=${encodeURIComponent(teamId)}`);
    assert.equal(await vscode.env.clipboard.readText(), link);
    assert.equal(await vscode.commands.executeCommand('timChat.openLink', link), teamId);
    await eventually(() => api().chatPanels().some((panel) => panel.key === `group_${teamId}`), 5000, 'a member: its chat opens');

    // Not a member: asked first; declining changes nothing, joining (as Join Group) opens the chat.
    const { create_group_result_groupid: openId } = await bob.client.groupCreate({ create_group_param_group_name: 'Open Room', create_group_param_group_type: TIMGroupType.Public });
    const invitation = formatGroupLink(vscode.env.uriScheme, { app: String(account.sdkAppId), group: openId });
    const declined = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.openLink', invitation));
    assert.deepEqual(declined.asked.infos, ['You are not in Open Room. Join it?']);
    assert.equal(declined.result, undefined);
    assert.equal(api().store.get(`group_${openId}`), undefined, 'not joined');
    const joined = await recordDialogs({ info: 'Join' }, () => vscode.commands.executeCommand('timChat.openLink', invitation));
    assert.equal(joined.result, openId);
    await eventually(() => api().chatPanels().some((panel) => panel.key === `group_${openId}`), 5000, 'joined: its chat opens');
    assert.ok((await bob.client.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: openId })).group_get_member_info_list_result_info_array.some((m) => m.group_member_info_identifier === 'alice'), 'alice is a member');

    // An ID with '&', '=' or '%' (tim-emulator refuses them in group IDs; Tencent's custom IDs may have
    // them) survives the decoding VS Code gives a link's query before its URI handler sees it.
    const odd = formatGroupLink(vscode.env.uriScheme, { app: String(account.sdkAppId), group: 'team&ops=50%' });
    assert.deepEqual(chatLinkOfUri(vscode.Uri.parse(odd)), { kind: 'group', group: { app: String(account.sdkAppId), group: 'team&ops=50%' } });

    // What has no group link, or another app's, says so.
    const refused = await recordDialogs({}, async () => {
      await vscode.commands.executeCommand('timChat.copyGroupLink', 'c2c_bob');
      await vscode.commands.executeCommand('timChat.openLink', invitation.replace(`app=${account.sdkAppId}`, 'app=1400000999'));
    });
    assert.deepEqual(refused.asked.errors, [
      'TIM Chat: bob is a one-to-one chat: groups have links.',
      `TIM Chat: This link is to a group in another TIM app (SDKAppID 1400000999); you are signed in to ${account.sdkAppId}.`,
    ]);
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
  });

  it('goes to the next conversation waiting for the user (Next Unread Conversation), and says when none is left', async () => {
    for (const panel of api().chatPanels()) {
      panel.dispose();
    }
    // Earlier tests leave chats marked unread or with unread mentions, and a dismissed group with the
    // unread message it had (Mark All as Read skipped it before tim-emulator let a former member read):
    // Mark as Read on each clears them.
    await vscode.commands.executeCommand('timChat.markAllAsRead');
    for (const summary of api().store.list().filter(waitsForUser)) {
      const marked = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.markAsRead', summary.key));
      assert.deepEqual(marked.asked.errors, [], `${summary.name}: marked read`);
    }
    await eventually(() => !api().store.list().some(waitsForUser), 10_000, 'no chat waits');
    const none = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.nextUnreadConversation'));
    assert.deepEqual(none.asked.infos, ['No other conversation has unread messages.']);
    assert.equal(none.result, undefined);
    assert.equal(api().chatPanels().length, 0, 'nothing opened');

    const frank = await signInUser(emulator, 'frank');
    const grace = await signInUser(emulator, 'grace');
    try {
      await frank.client.msgSendMessage('alice', TIMConvType.C2C, text('next unread: frank'));
      await grace.client.msgSendMessage('alice', TIMConvType.C2C, text('next unread: grace'));
      await eventually(() => (api().store.get('c2c_frank')?.unread ?? 0) > 0 && (api().store.get('c2c_grace')?.unread ?? 0) > 0, 10_000, 'both unread');
      // In the sidebar's order (grace wrote last, so she is normally above frank; within one second the
      // store's own order decides).
      const order = api().store.list().map((summary) => summary.key);
      const [first, second] = ['c2c_frank', 'c2c_grace'].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      // The webview reports read only while VS Code's window has focus, which a machine running other
      // suites beside this one does not promise: the test reports it as the webview would.
      const readOnceOpen = async (key: string | undefined): Promise<void> => {
        const panel = await eventually(() => api().chatPanels().find((p) => p.key === key), 5000, 'its chat opens');
        await panel.controller.handlers['chat/markRead']({});
        await eventually(() => api().store.get(key ?? '')?.unread === 0, 10_000, 'read once open');
      };
      assert.equal(await vscode.commands.executeCommand('timChat.nextUnreadConversation'), first);
      await readOnceOpen(first);
      // From that chat (the active one) on to the other; from there none is left.
      assert.equal(await vscode.commands.executeCommand('timChat.nextUnreadConversation'), second);
      await readOnceOpen(second);
      const done = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.nextUnreadConversation'));
      assert.deepEqual(done.asked.infos, ['No other conversation has unread messages.']);
    } finally {
      await frank.close();
      await grace.close();
      for (const panel of api().chatPanels()) {
        panel.dispose();
      }
    }
  });

  it('clears history and deletes a conversation after confirmation', async () => {
    await withDialogs({ warning: undefined }, () => vscode.commands.executeCommand('timChat.clearHistory', 'c2c_carol'));
    assert.ok((await api().session.requireClient().msgGetMsgList('carol', TIMConvType.C2C, { msg_getmsglist_param_count: 5 })).length > 0, 'cancelled: nothing cleared');
    await withDialogs({ warning: 'Clear History' }, () => vscode.commands.executeCommand('timChat.clearHistory', 'c2c_carol'));
    await eventually(async () => (await api().session.requireClient().msgGetMsgList('carol', TIMConvType.C2C, { msg_getmsglist_param_count: 5, msg_getmsglist_param_is_ramble: true })).length === 0, 5000, 'history cleared');
    await withDialogs({ warning: 'Delete' }, () => vscode.commands.executeCommand('timChat.deleteConversation', 'c2c_carol'));
    await eventually(() => !api().store.get('c2c_carol'), 5000, 'carol gone from the tree');
  });

  it('signs out with a clear reason when the account signs in on this device elsewhere (kicked)', async () => {
    const account = api().session.signedInAccount;
    assert.ok(account);
    // The same user on the same device (SDK config path): TIM keeps one session and kicks the older.
    const twin = await signInUser(emulator, account.userId, api().session.deviceConfigPath(account));
    try {
      await eventually(() => api().session.state.kind === 'signedOut', 10_000, 'kicked offline');
      const state = api().session.state;
      assert.ok(state.kind === 'signedOut' && /another device/.test(state.reason ?? ''), JSON.stringify(state));
      assert.match(String(api().treeView.message), /another device/);
    } finally {
      await twin.close();
    }
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
  });

  it('signs out with a clear reason when the UserSig runs out during the session', async () => {
    const account = api().session.signedInAccount;
    assert.ok(account);
    // A UserSig of two seconds: the emulator ends the login when it runs out, as Tencent's server does.
    await api().session.signIn(account, genUserSig({ sdkAppId: emulator.sdkAppId, secretKey: emulator.secretKey, userId: account.userId, expireSeconds: 2 }));
    assert.equal(api().session.state.kind, 'signedIn');
    await eventually(() => api().session.state.kind === 'signedOut', 10_000, 'signed out when the UserSig expired');
    const state = api().session.state;
    assert.ok(state.kind === 'signedOut' && /UserSig has expired/.test(state.reason ?? ''), JSON.stringify(state));
    assert.match(String(api().treeView.message), /UserSig has expired/);
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
  });

  it('switches user and signs out', async () => {
    await vscode.workspace.getConfiguration('timChat').update('emulator.url', emulator.url, vscode.ConfigurationTarget.Global);
    await withDialogs({ inputs: ['erin'] }, () => vscode.commands.executeCommand('timChat.switchUser'));
    assert.equal(api().session.signedInAccount?.userId, 'erin');
    await vscode.commands.executeCommand('timChat.signOut');
    assert.equal(api().session.state.kind, 'signedOut');
    assert.deepEqual(api().conversations.getChildren(), []);
  });
});
