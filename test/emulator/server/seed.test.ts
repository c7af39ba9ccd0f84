/**
 * `tim-emulator seed`: demo users, groups and messages loaded into a data dir before the server starts,
 * then seen through the API as any sent message would be: with the sender's nickname, and found by a
 * search (the seed writes through the same group commit, full-text rows included); seeded reactions,
 * pins, read receipts and join requests are ordinary ones (a request's report reaches the owner's devices
 * logged in from an earlier run), seeded friendships and friend requests are ordinary ones, and the demo
 * team of `npm start` has its pinned welcome message, which asked for read receipts and was read by two
 * members, and the demo user's friends and a friend request for her.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SeedSummary, seedDataDir, unusedMessageId } from '../../../src/emulator/server/seed';
import { TIMConvType, TIMElemType, TIMGroupAddOption } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';
import { threadRepliesOf } from '../../../src/tim/tuikitThread';
import { replyQuoteOf } from '../../../src/tim/tuikitReply';
import { DEMO_FRIENDS, DEMO_FRIEND_REQUEST, DEMO_USER, LONG_HISTORY_GROUP, STAR_MARK, demoTeam } from '../../../scripts/demoTeam';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server/startEmulator';
import { genUserSig } from '../../../src/tim/userSig';
import { expectCode } from './apiSuite';
import { emulatorEnv, type TestEnv } from './harness';
import { RawClient } from './rawClient';

/** Seeds `messages` (with the group g of a and b, or `groups`) into a throw-away data dir: the summary, or the seed's error. */
async function attempt(messages: unknown[], groups: unknown[] = [{ id: 'g', owner: 'a', members: ['b'] }], users: unknown[] = []): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'timchat-seed-'));
  try {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify({ users, groups, messages }));
    return await seedDataDir(join(dir, 'data'), file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An emulator on a data dir seeded with `doc` before it starts; `onSeeded` gets the seed's summary. */
function seededEnv(doc: unknown, onSeeded: (summary: SeedSummary) => void = () => undefined): Promise<TestEnv> {
  return emulatorEnv({
    beforeStart: async (dataDir) => {
      const file = join(dataDir, 'seed.json');
      writeFileSync(file, JSON.stringify(doc));
      onSeeded(await seedDataDir(dataDir, file));
    },
  });
}

describe('emulator seed', function () {
  this.timeout(20_000);
  let env: TestEnv;
  let summary: unknown;

  before(async () => {
    env = await seededEnv(
      {
        users: [{ id: 'alice', nick: 'Alice', marks: { c2c_bob: 3, group_team: 2 ** 40 } }, { id: 'bob', nick: 'Bob' }],
        groups: [{ id: 'team', name: 'Release Team', type: 0, owner: 'alice', members: ['bob'] }],
        messages: [
          { from: 'bob', to: 'alice', text: 'the release notes are ready', reactions: { '🎉': ['alice'] } },
          { from: 'bob', group: 'team', text: '请查看发布说明', reactions: { '👍': ['bob', 'alice'], '👀': ['alice'] }, pinnedBy: 'alice' },
          { from: 'alice', group: 'team', text: '@Bob thanks, merging', mentions: ['bob'], replyTo: 1 },
        ],
      },
      (seeded) => (summary = seeded),
    );
  });

  after(async () => {
    await env?.close();
  });

  it('loads users, groups and messages, and says how many', () => {
    assert.deepEqual(summary, { users: 2, groups: 1, messages: 3 });
  });

  it('seeds @-mentions and replies as a client sends them', async () => {
    const bob = await env.device('bob');
    const list = await bob.client.msgGetMsgList('team', TIMConvType.Group, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    const quoted = list.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === '请查看发布说明');
    const reply = list.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === '@Bob thanks, merging');
    assert.ok(quoted && reply);
    assert.deepEqual(reply.message_group_at_user_array, ['bob']);
    assert.deepEqual(replyQuoteOf(reply), { id: quoted.message_msg_id, sender: 'Bob', text: '请查看发布说明' });
    // The reply is listed on the message it answers, as the replier's app lists it (a new version of it).
    assert.deepEqual(threadRepliesOf(quoted), [{ id: reply.message_msg_id, sender: 'alice', abstract: '@Bob thanks, merging', time: Number(reply.message_server_time) }]);
    assert.equal(Number(quoted.message_version), 1);
    const conversation = (await bob.client.convGetConvList()).find((c) => c.conv_id === 'team');
    assert.equal(conversation?.conv_group_at_info_array?.length, 1, 'bob sees that he was mentioned');
  });

  it('refuses a reply to a later message or to another conversation, and mentions outside a group', async () => {
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', replyTo: 0 }]), /"replyTo" must be the index of an earlier message in its conversation/);
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x' }, { from: 'a', group: 'g', text: 'y', replyTo: 0 }]), /in its conversation/);
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x', mentions: ['b'] }]), /"mentions" must be user ids, in a group message/);
    assert.deepEqual(await attempt([{ from: 'a', group: 'g', text: 'x' }, { from: 'b', group: 'g', text: 'y', replyTo: 0, mentions: ['a'] }]), { users: 0, groups: 1, messages: 2 });
  });

  it('seeds reactions, in the order given, as TIMMsgGetMessageReactions and MsgReactionsChanged show them', async () => {
    const alice = await env.device('alice', 'reactions');
    const [c2c] = await alice.client.msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 1, msg_getmsglist_param_is_ramble: true });
    const group = await alice.client.msgGetMsgList('team', TIMConvType.Group, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    const notes = group.find((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text && m.message_elem_array[0].text_elem_content === '请查看发布说明');
    assert.ok(c2c && notes);
    const [c2cResult] = await alice.client.msgGetMessageReactions([c2c], 10);
    assert.deepEqual(c2cResult?.message_reaction_result_reaction_list, [
      {
        message_reaction_id: '🎉',
        message_reaction_total_user_count: 1,
        message_reaction_partial_user_info_array: [{ user_profile_identifier: 'alice', user_profile_nick_name: 'Alice', user_profile_face_url: '' }],
        message_reaction_reacted_by_myself: true,
      },
    ]);
    const [groupResult] = await alice.client.msgGetMessageReactions([notes], 10);
    assert.deepEqual(
      groupResult?.message_reaction_result_reaction_list.map((r) => [r.message_reaction_id, (r.message_reaction_partial_user_info_array ?? []).map((user) => user.user_profile_nick_name)]),
      [['👍', ['Bob', 'Alice']], ['👀', ['Alice']]],
    );
    // A seeded reaction is an ordinary one: its users can remove it.
    await alice.client.msgRemoveMessageReaction(notes, '👀');
    const [after] = await alice.client.msgGetMessageReactions([notes], 10);
    assert.deepEqual(after?.message_reaction_result_reaction_list.map((r) => r.message_reaction_id), ['👍']);
  });

  it('refuses reactions by users outside the conversation, and beyond TIMMsgAddMessageReaction\'s limits', async () => {
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x', reactions: { '👍': ['a', 'c'] } }]), /message 0 "reactions": c is not a participant of the message's conversation/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', reactions: { '👍': ['outsider'] } }]), /outsider is not a participant/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', reactions: { '👍': 'a' } }]), /must map reaction ids to arrays of user ids/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', reactions: { '👍': ['a', 'a'] } }]), /"reactions" 👍: a already reacted/);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_v, i) => [`r${i}`, ['a']]));
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', reactions: eleven }]), /at most 10 reactions/);
    assert.deepEqual(await attempt([{ from: 'a', group: 'g', text: 'x', reactions: { '👍': ['b', 'a'], '👀': [] } }]), { users: 0, groups: 1, messages: 1 });
  });

  it('seeds a pinned message: listed with its pinner for every member, and an ordinary pin the owner may unpin', async () => {
    const bob = await env.device('bob', 'pins');
    const [notes, ...others] = await bob.client.getPinnedGroupMessageList('team');
    assert.deepEqual(others, []);
    assert.equal(notes?.message_elem_array[0]?.elem_type === TIMElemType.Text && notes.message_elem_array[0].text_elem_content, '请查看发布说明');
    assert.deepEqual([notes?.message_pinner_user_id, notes?.message_pinner_nick_name], ['alice', 'Alice']);
    await expectCode(bob.client.pinGroupMessage('team', notes as TimMessage, false), 10007);
    const alice = await env.device('alice', 'pins');
    await expectCode(alice.client.pinGroupMessage('team', notes as TimMessage, true), 10071);
  });

  it('refuses a pin outside a group message, or by a user who is not the group\'s owner or an admin', async () => {
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x', pinnedBy: 'a' }]), /message 0 "pinnedBy" must be a user id, in a group message/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', pinnedBy: 'b' }]), /message 0 "pinnedBy" b: only the group owner and admins may pin/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', pinnedBy: 'outsider' }]), /"pinnedBy" outsider: outsider is not a member of group g/);
    const eleven = Array.from({ length: 11 }, (_v, i) => ({ from: 'b', group: 'g', text: `rule ${i}`, pinnedBy: 'a' }));
    await assert.rejects(attempt(eleven), /message 10 "pinnedBy" a: a group holds at most 10 pinned messages/);
    assert.deepEqual(await attempt(eleven.slice(0, 10)), { users: 0, groups: 1, messages: 10 });
  });

  it('seeds a user\'s conversation marks, shown in their conversation list only', async () => {
    const alice = await env.device('alice', 'marks');
    const marks = async (device: { client: { convGetConvList(): Promise<ReadonlyArray<{ conv_id: string; conv_mark_array?: ReadonlyArray<number | bigint> }>> } }) =>
      Object.fromEntries((await device.client.convGetConvList()).map((c) => [c.conv_id, (c.conv_mark_array ?? []).map(Number)]));
    assert.deepEqual(await marks(alice), { bob: [1, 2], team: [2 ** 40] });
    assert.deepEqual(await marks(await env.device('bob', 'marks')), { alice: [], team: [] });
  });

  it('refuses marks of a conversation the user does not have, or that are not positive uint64 bits', async () => {
    const users = (marks: unknown) => [{ id: 'a', marks }];
    await assert.rejects(attempt([], undefined, users({ c2c_b: 1 })), /user a "marks" c2c_b: conversation c2c_b does not exist/);
    await assert.rejects(attempt([], undefined, users({ group_h: 1 })), /user a "marks" group_h: group h does not exist/);
    await assert.rejects(attempt([], undefined, users({ bob: 1 })), /user a "marks" bob: conversation id "bob" must be/);
    await assert.rejects(attempt([{ from: 'b', to: 'a', text: 'x' }], undefined, users({ c2c_b: 0 })), /the marks of c2c_b must be a positive uint64/);
    await assert.rejects(attempt([], undefined, users(['c2c_b'])), /must map conversation ids/);
    assert.deepEqual(await attempt([{ from: 'b', to: 'a', text: 'x' }], undefined, users({ c2c_b: 1, group_g: 8 })), { users: 1, groups: 1, messages: 1 });
  });

  it('stores seeded messages with the sender\'s profile, as a client send does', async () => {
    const alice = await env.device('alice');
    // Roaming: the seed ran before this device existed, so its messages are not in the device's local store.
    const [c2c] = await alice.client.msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    assert.equal(c2c?.message_sender_profile?.user_profile_nick_name, 'Bob');
    const group = await alice.client.msgGetMsgList('team', TIMConvType.Group, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    assert.deepEqual(group.filter((m) => m.message_elem_array[0]?.elem_type === TIMElemType.Text).map((m) => [m.message_sender, m.message_sender_profile?.user_profile_nick_name]), [['alice', 'Alice'], ['bob', 'Bob']]);
  });

  it('makes seeded text searchable, English and Chinese', async () => {
    const alice = await env.device('alice', 'search');
    // Search covers the device's local store: pull both conversations from roaming first, as opening them does.
    await alice.client.msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    await alice.client.msgGetMsgList('team', TIMConvType.Group, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    const count = async (keyword: string): Promise<number> =>
      (await alice.client.msgSearchLocalMessages({ msg_search_param_keyword_array: [keyword] } as never)).msg_search_result_total_count;
    assert.equal(await count('release notes'), 1);
    assert.equal(await count('发布说明'), 1);
  });
});

describe('emulator seed: read receipts', function () {
  this.timeout(20_000);
  let env: TestEnv;

  before(async () => {
    env = await seededEnv({
      users: [{ id: 'ann', nick: 'Ann' }, { id: 'ben', nick: 'Ben' }, { id: 'cat' }, { id: 'dan' }],
      groups: [{ id: 'crew', name: 'Crew', type: 0, owner: 'ann', members: ['ben', 'cat', 'dan'] }],
      messages: [
        { from: 'ann', group: 'crew', text: 'read the checklist', needReadReceipt: true, readBy: ['cat', 'ben'] },
        { from: 'ben', to: 'ann', text: 'did you read this?', needReadReceipt: true, readBy: ['ann'] },
      ],
    });
  });

  after(async () => {
    await env?.close();
  });

  const first = async (device: Awaited<ReturnType<TestEnv['device']>>, convId: string, convType: TIMConvType): Promise<TimMessage> => {
    const [message] = await device.client.msgGetMsgList(convId, convType, { msg_getmsglist_param_count: 1, msg_getmsglist_param_is_ramble: true });
    assert.ok(message);
    return message;
  };

  it('seeds a group message that asked for receipts, with its readers in the order given: counts, member lists and views', async () => {
    const ann = await env.device('ann');
    const checklist = await first(ann, 'crew', TIMConvType.Group);
    assert.deepEqual([checklist.message_need_read_receipt, checklist.message_group_receipt_read_count, checklist.message_group_receipt_unread_count], [true, 2, 1]);
    const [counts] = await ann.client.msgGetMessageReadReceipts([checklist]);
    assert.deepEqual([Number(counts?.msg_receipt_read_count), Number(counts?.msg_receipt_unread_count)], [2, 1]);
    const read = await ann.client.msgGetGroupMessageReadMemberList(checklist, 0, 0, 100);
    assert.deepEqual(read.group_member_array.map((m) => [m.group_member_info_identifier, m.group_member_info_nick_name]), [['cat', ''], ['ben', 'Ben']]);
    const unread = await ann.client.msgGetGroupMessageReadMemberList(checklist, 1, 0, 100);
    assert.deepEqual(unread.group_member_array.map((m) => m.group_member_info_identifier), ['dan']);
    const ben = await env.device('ben');
    assert.equal((await first(ben, 'crew', TIMConvType.Group)).message_has_sent_receipt, true);
    // A seeded receipt is an ordinary one: the last member's report completes it.
    const dan = await env.device('dan');
    const copy = await first(dan, 'crew', TIMConvType.Group);
    assert.equal(copy.message_has_sent_receipt, false);
    await dan.client.msgSendMessageReadReceipts([copy]);
    await ann.events.waitFor('MsgReadedReceipt', (list) => list.some((r) => r.msg_receipt_msg_id === checklist.message_msg_id && Number(r.msg_receipt_read_count) === 3 && Number(r.msg_receipt_unread_count) === 0));
  });

  it('seeds a C2C message read by its receiver: the sender sees is_peer_read', async () => {
    const ben = await env.device('ben', 'c2c');
    const question = await first(ben, 'ann', TIMConvType.C2C);
    assert.equal(question.message_receipt_peer_read, true);
    const [receipt] = await ben.client.msgGetMessageReadReceipts([question]);
    assert.deepEqual([receipt?.msg_receipt_conv_id, receipt?.msg_receipt_is_peer_read], ['ann', true]);
  });

  it('refuses readers who are the sender, outside the conversation or listed twice, readers without needReadReceipt, and receipts in AVChatRoom and Community groups', async () => {
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', readBy: ['b'] }]), /message 0 "readBy" needs "needReadReceipt": true/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: 'yes' }]), /"needReadReceipt" must be true or false/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true, readBy: ['a'] }]), /"readBy": a sent the message/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true, readBy: ['outsider'] }]), /"readBy": outsider is not a participant/);
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x', needReadReceipt: true, readBy: ['c'] }]), /"readBy": c is not a participant/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true, readBy: ['b', 'b'] }]), /"readBy": b is listed twice/);
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true, readBy: 'b' }]), /"readBy" must be an array of user ids/);
    for (const type of [4, 5]) {
      await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true }], [{ id: 'g', owner: 'a', type, members: ['b'] }]), /takes no read receipts/);
    }
    assert.deepEqual(await attempt([{ from: 'a', group: 'g', text: 'x', needReadReceipt: true, readBy: ['b'] }, { from: 'b', to: 'a', text: 'y', needReadReceipt: true }]), { users: 0, groups: 1, messages: 2 });
  });
});

describe('emulator seed: add options and join requests', function () {
  this.timeout(20_000);
  let env: TestEnv;
  const group = (extra: object) => ({ id: 'g', owner: 'a', type: 0, addOption: 1, ...extra });

  before(async () => {
    env = await seededEnv({
      users: [{ id: 'olive', nick: 'Olive' }, { id: 'erin', nick: 'Erin' }],
      groups: [
        { id: 'parser', name: 'Parser', type: 0, owner: 'olive', members: ['pat'], addOption: 1, joinRequests: [{ user: 'erin', msg: 'I maintain the parser' }, { user: 'finn' }] },
        { id: 'closed', name: 'Closed', type: 0, owner: 'olive', addOption: 0 },
      ],
    });
  });

  after(async () => {
    await env?.close();
  });

  it('seeds add options and undecided join requests, which the owner lists and decides as live ones', async () => {
    const olive = await env.device('olive');
    const erin = await env.device('erin');
    const [parser, closed] = await olive.client.groupGetGroupInfoList(['parser', 'closed']);
    assert.deepEqual([parser?.get_groups_info_result_info?.group_detail_info_add_option, closed?.get_groups_info_result_info?.group_detail_info_add_option], [1, 0]);
    const { group_pendency_result_pendency_array: requests, group_pendency_result_unread_num: unread } = await olive.client.groupGetPendencyList({ group_pendency_option_start_time: 0, group_pendency_option_max_limited: 0 });
    assert.deepEqual(
      requests.map((p) => [p.group_pendency_group_id, p.group_pendency_form_identifier, p.group_pendency_from_nick_name, p.group_pendency_apply_invite_msg, p.group_pendency_handled]).sort(),
      [['parser', 'erin', 'Erin', 'I maintain the parser', 0], ['parser', 'finn', '', '', 0]],
    );
    assert.equal(unread, 2);
    assert.equal((await erin.client.groupGetJoinedGroupList()).length, 0, 'a request, not a membership');
    const erinsRequest = requests.find((p) => p.group_pendency_form_identifier === 'erin');
    assert.ok(erinsRequest);
    await olive.client.groupHandlePendency({ group_handle_pendency_param_is_accept: true, group_handle_pendency_param_handle_msg: 'welcome', group_handle_pendency_param_pendency: erinsRequest });
    assert.deepEqual((await erin.client.groupGetJoinedGroupList()).map((g) => g.group_base_info_group_id), ['parser']);
    await erin.events.waitFor('RecvNewMsg', (list) => list.some((m) => m.message_conv_type === TIMConvType.System && JSON.stringify(m.message_elem_array).includes('"group_report_elem_report_type":2')));
  });

  it('refuses a bad addOption or joinRequests, a request by a member, and requests to a group that takes none', async () => {
    await assert.rejects(attempt([], [group({ addOption: 5 })]), /group g "addOption" must be 0 \(Forbid\), 1 \(Auth\) or 2 \(Any\)/);
    await assert.rejects(attempt([], [group({ joinRequests: 'b' })]), /group g "joinRequests" must be an array/);
    await assert.rejects(attempt([], [group({ joinRequests: [{ msg: 'x' }] })]), /group g "joinRequests" 0 needs a non-empty "user"/);
    await assert.rejects(attempt([], [group({ joinRequests: [{ user: 'b', msg: 7 }] })]), /optionally, a string "msg"/);
    await assert.rejects(attempt([], [group({ members: ['b'], joinRequests: [{ user: 'b' }] })]), /group g "joinRequests" b: already a member/);
    await assert.rejects(attempt([], [group({ addOption: 0, joinRequests: [{ user: 'b' }] })]), /group g "joinRequests" b: this group cannot be joined by applying/);
    await assert.rejects(attempt([], [group({ addOption: 2, joinRequests: [{ user: 'b' }] })]), /group g "joinRequests": joining it needs no approval/);
    await assert.rejects(attempt([], [{ id: 'g', owner: 'a', addOption: 1, joinRequests: [{ user: 'b' }] }]), /needs no approval, so it takes no requests \(it needs "addOption": 1 and "type" 0 Public or 5 Community\)/);
    assert.deepEqual(await attempt([], [group({ joinRequests: [{ user: 'b' }, { user: 'b', msg: 'again' }] })]), { users: 0, groups: 1, messages: 0 });
  });
});

describe('emulator seed: friends and friend requests', function () {
  this.timeout(20_000);
  let env: TestEnv;

  /** Seeds `doc` into a throw-away data dir: the summary, or the seed's error. */
  const attemptDoc = async (doc: object): Promise<unknown> => {
    const dir = mkdtempSync(join(tmpdir(), 'timchat-seed-'));
    try {
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify(doc));
      return await seedDataDir(join(dir, 'data'), file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  before(async () => {
    env = await seededEnv({
      users: [{ id: 'nia', nick: 'Nia', friends: ['oz', 'pip'] }, { id: 'oz', nick: 'Oz', friends: ['nia'] }, { id: 'pip' }, { id: 'quinn', nick: 'Quinn' }],
      friendRequests: [{ from: 'quinn', to: 'nia', wording: 'hello Nia', source: 'AddSource_Type_Seed' }, { from: 'nia', to: 'quinn' }],
    });
  });

  after(async () => {
    await env?.close();
  });

  it('seeds two-way friendships and requests waiting for their target, which the users list and answer as live ones', async () => {
    const nia = await env.device('nia');
    const quinn = await env.device('quinn');
    assert.deepEqual((await nia.client.friendshipGetFriendProfileList()).map((p) => [p.friend_profile_identifier, p.friend_profile_user_profile?.user_profile_nick_name]), [['oz', 'Oz'], ['pip', '']]);
    const [check] = await nia.client.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: 1, friendship_check_friendtype_param_identifier_array: ['pip'] });
    assert.equal(check?.friendship_check_friendtype_result_relation, 3, 'both ways, though only nia listed pip');
    const page = await nia.client.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: 2, friendship_get_pendency_list_param_start_seq: 0 });
    assert.deepEqual(
      page.pendency_page_pendency_info_array.map((p) => [p.friend_add_pendency_info_type, p.friend_add_pendency_info_identifier, p.friend_add_pendency_info_nick_name, p.friend_add_pendency_info_add_wording, p.friend_add_pendency_info_add_source]),
      [[1, 'quinn', 'Quinn', '', ''], [0, 'quinn', 'Quinn', 'hello Nia', 'AddSource_Type_Seed']],
    );
    assert.equal(page.pendency_page_unread_num, 1);
    assert.equal((await nia.client.friendshipHandleFriendAddRequest({ friend_response_identifier: 'quinn', friend_response_action: 1 })).friend_result_code, 0);
    await quinn.events.waitFor('OnAddFriend', (ids) => ids.includes('nia'));
  });

  it('refuses bad friends and requests, naming them: not ids, oneself, a request the add call refuses (unknown user, long wording, already friends, oneself); a repeated request is one', async () => {
    await assert.rejects(attemptDoc({ users: [{ id: 'a', friends: 'b' }] }), /user a "friends" must be an array of user ids/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a', friends: ['a'] }] }), /user a "friends" names a: nobody is their own friend/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a' }], friendRequests: {} }), /"friendRequests" must be an array/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a' }], friendRequests: [{ to: 'a' }] }), /friend request 0 needs a non-empty "from"/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a' }], friendRequests: [{ from: 'b', to: 'ghost' }] }), /friend request 0 from b to ghost: user ghost does not exist/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a' }], friendRequests: [{ from: 'b', to: 'a', wording: 'w'.repeat(121) }] }), /friend request 0: friendship_add_friend_param_add_wording holds 121 bytes/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a', friends: ['b'] }], friendRequests: [{ from: 'b', to: 'a' }] }), /friend request 0 from b to a: you and a are already friends both ways/);
    await assert.rejects(attemptDoc({ users: [{ id: 'a' }], friendRequests: [{ from: 'a', to: 'a' }] }), /cannot add yourself/);
    assert.deepEqual(await attemptDoc({ users: [{ id: 'a' }, { id: 'b', friends: ['a'] }], friendRequests: [{ from: 'c', to: 'a' }, { from: 'c', to: 'a', wording: 'again' }] }), { users: 2, groups: 0, messages: 0 });
  });
});

describe('emulator seed: join requests into a data dir its owner\'s device already knows', function () {
  this.timeout(20_000);

  it('stores the AddRequest report for the owner\'s logged-in devices, replayed when they come back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timchat-seed-replay-'));
    const dataDir = join(dir, 'data');
    /** The owner's device on a running emulator: logged in, at `lastEventSeq`. */
    const ownerDevice = async (running: RunningEmulator, lastEventSeq: number): Promise<RawClient> => {
      const raw = await RawClient.open(running.url, lastEventSeq);
      await raw.call('TIMInit', [running.sdkAppId, JSON.stringify({ sdk_config_config_file_path: '/devices/olive/laptop' })], { sync: true });
      const login = await raw.call('TIMLogin', ['olive', genUserSig({ sdkAppId: running.sdkAppId, secretKey: running.secretKey, userId: 'olive' })]);
      assert.equal(login.code, 0, login.desc);
      return raw;
    };
    try {
      const first = await startEmulator({ dataDir, port: 0, host: '127.0.0.1' });
      let seen = 0;
      try {
        const owner = await ownerDevice(first, 0);
        const peer = await RawClient.open(first.url);
        await peer.call('TIMInit', [first.sdkAppId, JSON.stringify({ sdk_config_config_file_path: '/devices/pat/laptop' })], { sync: true });
        await peer.call('TIMLogin', ['pat', genUserSig({ sdkAppId: first.sdkAppId, secretKey: first.secretKey, userId: 'pat' })]);
        await peer.call('TIMMsgSendMessage', ['olive', 1, JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: 'seen before the seed' }] })]);
        const arrived = await owner.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg');
        seen = arrived.type === 'event' ? arrived.seq : 0;
        owner.close();
        peer.close();
      } finally {
        await first.close();
      }
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify({ groups: [{ id: 'parser', name: 'Parser', type: 0, owner: 'olive', addOption: 1, joinRequests: [{ user: 'erin', msg: 'I maintain the parser' }] }] }));
      await seedDataDir(dataDir, file);
      const second = await startEmulator({ dataDir, port: 0, host: '127.0.0.1' });
      try {
        const back = await ownerDevice(second, seen);
        const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('group_report_elem'));
        assert.ok(replayed.type === 'event' && replayed.seq > seen && replayed.event.name === 'RecvNewMsg');
        const [report] = JSON.parse(replayed.event.json) as Array<{ message_conv_type: number; message_elem_array: Array<Record<string, unknown>> }>;
        const elem = report?.message_elem_array[0];
        assert.deepEqual(
          [report?.message_conv_type, elem?.group_report_elem_report_type, elem?.group_report_elem_group_id, elem?.group_report_elem_op_user, elem?.group_report_elem_msg],
          [TIMConvType.System, 1, 'parser', 'erin', 'I maintain the parser'],
        );
        back.close();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('emulator seed: a full reaction', function () {
  this.timeout(20_000);
  let env: TestEnv;
  const reactors = Array.from({ length: 100 }, (_v, i) => `fan${i}`);

  before(async () => {
    env = await seededEnv({
      groups: [{ id: 'stadium', owner: 'host', members: [...reactors, 'late'] }],
      messages: [{ from: 'host', group: 'stadium', text: 'goal!', reactions: { '🎉': reactors } }],
    });
  });

  after(async () => {
    await env?.close();
  });

  it('holds 100 users; the 101st gets 23006 (ERR_SVR_MSG_REACTION_USER_COUNT_LIMIT), another reaction still works', async () => {
    const late = await env.device('late');
    const [goal] = await late.client.msgGetMsgList('stadium', TIMConvType.Group, { msg_getmsglist_param_count: 1, msg_getmsglist_param_is_ramble: true });
    assert.ok(goal);
    await expectCode(late.client.msgAddMessageReaction(goal, '🎉'), 23006);
    await late.client.msgAddMessageReaction(goal, '👏');
    const [result] = await late.client.msgGetMessageReactions([goal], 10);
    assert.deepEqual(
      result?.message_reaction_result_reaction_list.map((r) => [r.message_reaction_id, r.message_reaction_total_user_count, r.message_reaction_partial_user_info_array?.length, r.message_reaction_reacted_by_myself]),
      [['🎉', 100, 10, false], ['👏', 1, 1, true]],
    );
    // The 100 pages in order: 40 + 40 + 20.
    const pages: string[][] = [];
    let nextSeq = 0;
    for (let finished = false; !finished; ) {
      const page = await late.client.msgGetAllUserListOfMessageReaction(goal, '🎉', nextSeq, 40);
      pages.push(page.message_reaction_user_result_user_info_array.map((user) => user.user_profile_identifier ?? ''));
      nextSeq = page.message_reaction_user_result_next_seq;
      finished = page.message_reaction_user_result_is_finished;
    }
    assert.deepEqual(pages.map((page) => page.length), [40, 40, 20]);
    assert.deepEqual(pages.flat(), reactors);
  });
});

describe('emulator seed: the demo team npm start seeds', function () {
  this.timeout(20_000);
  let env: TestEnv;

  before(async () => {
    // The team without its 10,000-message group: what the pin needs, in a fraction of the time.
    const team = demoTeam();
    env = await seededEnv({ ...team, messages: team.messages.filter((m) => m.group !== LONG_HISTORY_GROUP) });
  });

  after(async () => {
    await env?.close();
  });

  it('has the welcome message pinned in Developers by its owner', async () => {
    const demo = await env.device(DEMO_USER);
    const list = await demo.client.getPinnedGroupMessageList('dev');
    assert.deepEqual(
      list.map((m) => [m.message_elem_array[0]?.elem_type === TIMElemType.Text ? m.message_elem_array[0].text_elem_content : '', m.message_pinner_user_id, m.message_pinner_nick_name]),
      [['Welcome to the Developers group 👋', 'alice', 'Alice Chen']],
    );
  });

  it('has the welcome message asking for read receipts, read by bob and carol', async () => {
    const demo = await env.device(DEMO_USER, 'receipts');
    const [welcome] = await demo.client.getPinnedGroupMessageList('dev');
    assert.ok(welcome);
    assert.equal(welcome.message_need_read_receipt, true);
    const [counts] = await demo.client.msgGetMessageReadReceipts([welcome]);
    assert.deepEqual([Number(counts?.msg_receipt_read_count), Number(counts?.msg_receipt_unread_count)], [2, 1]);
    const read = await demo.client.msgGetGroupMessageReadMemberList(welcome, 0, 0, 100);
    assert.deepEqual(read.group_member_array.map((m) => m.group_member_info_nick_name), ['Bob Li', 'Carol Wang']);
  });

  it('has the demo user\'s chat with Carol starred, and nothing else marked', async () => {
    const demo = await env.device(DEMO_USER, 'marks');
    const marked = (await demo.client.convGetConvList()).filter((c) => (c.conv_mark_array ?? []).length > 0);
    assert.deepEqual(marked.map((c) => [c.conv_id, c.conv_show_name, (c.conv_mark_array ?? []).map(Number)]), [['carol', 'Carol Wang', [STAR_MARK]]]);
  });

  it('has the demo user friends with her teammates both ways, and Erin\'s friend request waiting for her (unread)', async () => {
    const demo = await env.device(DEMO_USER, 'friends');
    const friends = await demo.client.friendshipGetFriendProfileList();
    assert.deepEqual(friends.map((p) => [p.friend_profile_identifier, p.friend_profile_user_profile?.user_profile_nick_name]), [['bob', 'Bob Li'], ['carol', 'Carol Wang'], ['dave', 'Dave Zhang']]);
    assert.deepEqual(DEMO_FRIENDS, ['bob', 'carol', 'dave']);
    const checks = await demo.client.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: 1, friendship_check_friendtype_param_identifier_array: [...DEMO_FRIENDS, 'erin'] });
    assert.deepEqual(checks.map((c) => c.friendship_check_friendtype_result_relation), [3, 3, 3, 0]);
    const page = await demo.client.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: 2, friendship_get_pendency_list_param_start_seq: 0 });
    assert.equal(page.pendency_page_unread_num, 1);
    assert.deepEqual(
      page.pendency_page_pendency_info_array.map((p) => [p.friend_add_pendency_info_type, p.friend_add_pendency_info_identifier, p.friend_add_pendency_info_nick_name, p.friend_add_pendency_info_add_wording]),
      [[0, 'erin', 'Erin Zhou', DEMO_FRIEND_REQUEST.wording]],
    );
    assert.ok(Buffer.byteLength(DEMO_FRIEND_REQUEST.wording, 'utf8') <= 120, 'a short wording');
  });

  it("has Developers needing approval, with Erin's request waiting for the demo user (unread)", async () => {
    const demo = await env.device(DEMO_USER, 'requests');
    const [info] = await demo.client.groupGetGroupInfoList(['dev']);
    assert.equal(info?.get_groups_info_result_info?.group_detail_info_add_option, TIMGroupAddOption.Auth);
    const list = await demo.client.groupGetPendencyList({ group_pendency_option_start_time: 0, group_pendency_option_max_limited: 20 });
    assert.equal(list.group_pendency_result_unread_num, 1);
    assert.deepEqual(
      list.group_pendency_result_pendency_array.map((p) => [p.group_pendency_group_id, p.group_pendency_form_identifier, p.group_pendency_from_nick_name, p.group_pendency_apply_invite_msg, p.group_pendency_handled]),
      [['dev', 'erin', 'Erin Zhou', 'I maintain the parser; may I join?', 0]],
    );
  });
});

describe('seeded message ids', () => {
  it('draws again when a rand repeats within the same sender and second, so no two seeded messages share an id', () => {
    const used = new Set<string>();
    const draws = [7, 7, 7, 9];
    const draw = (): number => draws.shift() ?? 1;
    assert.deepEqual(unusedMessageId(used, 'tiny', 100, draw), { rand: 7, msgId: 'tiny-100-7' });
    assert.deepEqual(unusedMessageId(used, 'tiny', 100, draw), { rand: 9, msgId: 'tiny-100-9' });
    assert.deepEqual(draws, [], 'the repeated rands were drawn and passed over');
    // The same rand in another second, or from another sender, is another id.
    assert.equal(unusedMessageId(used, 'tiny', 101, () => 7).msgId, 'tiny-101-7');
    assert.equal(unusedMessageId(used, 'other', 100, () => 7).msgId, 'other-100-7');
  });
});
