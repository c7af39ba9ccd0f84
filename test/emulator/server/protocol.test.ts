/**
 * The wire protocol as tim-emulator speaks it, frame by frame: bad frames and bad JSON get TIM errors
 * and never crash the server; synchronous failures; resend with the same messageId is stored once;
 * missed events are replayed after a reconnect; cancel of a message still uploading.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTimJson, stringifyTimJson } from '../../../src/tim/json';
import type { ServerFrame } from '../../../src/emulator/protocol';
import { CHUNK } from '../../../src/emulator/server/blobs';
import { parseClientFrame } from '../../../src/emulator/server/connection';
import { startEmulator } from '../../../src/emulator/server/startEmulator';
import { emulatorEnv, type TestEnv, text } from './harness';
import { RawClient } from './rawClient';

async function loggedIn(env: TestEnv, user: string, device: string, lastEventSeq = 0): Promise<RawClient> {
  const url = env.emulator?.url ?? '';
  const raw = await RawClient.open(url, lastEventSeq);
  const init = await raw.call('TIMInit', [env.sdkAppId, stringifyTimJson({ sdk_config_config_file_path: `/devices/${user}/${device}` })], { sync: true });
  assert.equal(init.code, 0);
  const login = await raw.call('TIMLogin', [user, env.userSig(user)]);
  assert.equal(login.code, 0, login.desc);
  return raw;
}

/** A Public group `name` of `owner`'s with `member` in it: its id. */
async function groupOf(owner: RawClient, name: string, member: string): Promise<string> {
  const created = await owner.call('TIMGroupCreate', [
    stringifyTimJson({ create_group_param_group_name: name, create_group_param_group_type: 0, create_group_param_group_member_array: [{ group_member_info_identifier: member }] }),
  ]);
  assert.equal(created.code, 0, created.desc);
  return (parseTimJson(created.json) as { create_group_result_groupid: string }).create_group_result_groupid;
}

describe('tim-emulator wire protocol', function () {
  let env: TestEnv;
  before(async function () {
    env = await emulatorEnv({ uploadChunkDelayMs: 30 });
  });
  after(async function () {
    await env.close();
  });

  it('answers bad JSON, bad frames and binary frames with error frames, and keeps serving', async function () {
    const raw = await RawClient.open(env.emulator?.url ?? '');
    raw.sendRaw('{"type": "call", ');
    raw.sendRaw('[1,2,3]');
    raw.sendRaw('{"type":"call","id":7,"api":"TIMGetSDKVersion","args":"nope"}');
    raw.sendRaw('{"type":"call","id":-1,"api":"TIMGetSDKVersion","args":[]}');
    raw.sendRaw('{"type":"call","id":8,"api":"","args":[]}');
    raw.sendRaw('{"type":"call","id":9,"api":"TIMMsgGetMsgList","args":[{"nested":true}]}');
    raw.sendRaw('{"type":"whatever"}');
    raw.sendRaw(Buffer.from([1, 2, 3]));
    raw.sendRaw('{"type":"hello","protocol":2,"lastEventSeq":0}');
    const errors = async (n: number): Promise<void> => {
      await raw.waitFrame(() => raw.frames.filter((f) => f.type === 'error').length >= n);
    };
    await errors(9);
    const codes = raw.frames.filter((f) => f.type === 'error').map((f) => f.code);
    assert.equal(codes[0], 6027, 'unparseable JSON is ERR_INVALID_JSON');
    assert.ok(codes.slice(1).every((c) => c === 6017 || c === 7013));
    const withId = raw.frames.find((f) => f.type === 'error' && f.id === 7);
    assert.ok(withId, 'the request id is echoed when it can be read');
    const version = await raw.call('TIMGetSDKVersion', [], { sync: true });
    assert.equal(version.value, '8.0.5903');
    raw.close();
  });

  it('parses client frames strictly', function () {
    assert.equal(parseClientFrame('{"type":"call","id":1,"api":"X","args":[1,"a",true,12345678901234567890]}').kind, 'call');
    assert.equal(parseClientFrame('{"type":"call","id":1.5,"api":"X","args":[]}').kind, 'error');
    assert.equal(parseClientFrame('{"type":"call","id":1,"api":"X","args":[null]}').kind, 'error');
    assert.equal(parseClientFrame('{"type":"call","id":1,"api":"X","args":[],"sync":"yes"}').kind, 'error');
    assert.equal(parseClientFrame('{"type":"call","id":1,"api":"X","args":[],"progress":"yes"}').kind, 'error');
    assert.deepEqual(parseClientFrame('{"type":"call","id":1,"api":"X","args":[],"progress":true}'), { kind: 'call', frame: { type: 'call', id: 1, api: 'X', args: [], progress: true } });
    assert.equal(parseClientFrame('').kind, 'error');
  });

  it('gives synchronous TIMResults for bad arguments and bad JSON, and 7013 for unknown functions', async function () {
    const raw = await loggedIn(env, 'pat', 'a');
    const badJson = await raw.call('TIMMsgGetMsgList', ['x', 1, '{bad']);
    assert.deepEqual([badJson.syncError, badJson.code], [true, -3]);
    const badArg = await raw.call('TIMMsgGetMsgList', [1, 1, '{}']);
    assert.deepEqual([badArg.syncError, badArg.code], [true, -4]);
    const emptyLogin = await raw.call('TIMLogin', ['', '']);
    assert.deepEqual([emptyLogin.syncError, emptyLogin.code], [true, -4]);
    const unknown = await raw.call('TIMFriendshipCreateFriendGroup', ['{}']);
    assert.equal(unknown.code, 7013);
    const setter = await raw.call('TIMSetConvEventCallback', []);
    assert.equal(setter.code, 0);
    const uid = await raw.call('TIMGetLoginUserID', [], { sync: true });
    assert.equal(uid.value, 'pat');
    raw.close();
  });

  it('stores a send repeated with the same messageId once', async function () {
    const raw = await loggedIn(env, 'quinn', 'a');
    await (await loggedIn(env, 'rosa', 'a')).close();
    const messageId = '144115000000000001-1700000000-42';
    const first = await raw.call('TIMMsgSendMessage', ['rosa', 1, stringifyTimJson(text('once'))], { messageId });
    const again = await raw.call('TIMMsgSendMessage', ['rosa', 1, stringifyTimJson(text('once'))], { messageId });
    assert.equal(first.code, 0);
    assert.equal(again.code, 0);
    assert.equal(first.messageId, messageId);
    assert.equal((JSON.parse(first.json) as { message_seq: number }).message_seq, (JSON.parse(again.json) as { message_seq: number }).message_seq);
    const list = await raw.call('TIMMsgGetMsgList', ['rosa', 1, stringifyTimJson({ msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true })]);
    assert.equal((JSON.parse(list.json) as unknown[]).length, 1);
    raw.close();
  });

  it('replays the events a device missed while disconnected, and reports eventSeq at login', async function () {
    const sam = await loggedIn(env, 'sam', 'a');
    const tina = await loggedIn(env, 'tina', 'a');
    await tina.call('TIMMsgSendMessage', ['sam', 1, stringifyTimJson(text('first'))]);
    const firstEvent = await sam.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg');
    const seen = firstEvent.type === 'event' ? firstEvent.seq : 0;
    sam.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await tina.call('TIMMsgSendMessage', ['sam', 1, stringifyTimJson(text('while away'))]);
    const back = await loggedIn(env, 'sam', 'a', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('while away'));
    assert.ok(replayed.type === 'event' && replayed.seq > seen);
    const seqs = back.frames.filter((f) => f.type === 'event' && f.seq > 0).map((f) => (f.type === 'event' ? f.seq : 0));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'events arrive in seq order');
    assert.ok(!back.frames.some((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('"first"')), 'nothing at or below lastEventSeq');
    const login = back.frames.find((f) => f.type === 'result' && f.eventSeq !== undefined);
    assert.ok(login && login.type === 'result' && (login.eventSeq ?? 0) >= seen);
    back.close();
    tina.close();
  });

  it('pushes an online message as a seq-0 RecvNewMsg to connected devices only, once however often it is resent, and never replays it', async function () {
    const ola = await loggedIn(env, 'ola', 'a');
    const pia = await loggedIn(env, 'pia', 'a');
    const pia2 = await loggedIn(env, 'pia', 'b');
    const online = (content: string): string => stringifyTimJson({ ...text(content), message_is_online_msg: true });
    const recv = (content: string) => (f: ServerFrame): boolean => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes(content);
    await pia.call('TIMMsgSendMessage', ['ola', 1, stringifyTimJson(text('stored first'))]);
    const first = await ola.waitFrame(recv('stored first'));
    const seen = first.type === 'event' ? first.seq : 0;
    const live = await pia.call('TIMMsgSendMessage', ['ola', 1, online('online live')]);
    assert.equal(live.code, 0, live.desc);
    assert.equal((JSON.parse(live.json) as { message_seq: number }).message_seq, 0);
    for (const device of [ola, pia2]) {
      const frame = await device.waitFrame(recv('online live'));
      assert.ok(frame.type === 'event' && frame.seq === 0, 'connection-scoped: seq 0');
    }
    // Resent with the same client message id (as the endpoint does after a reconnect): the same answer,
    // and no second copy.
    const once = await pia.call('TIMMsgSendMessage', ['ola', 1, online('online once')], { messageId: 'online-resend-1' });
    const again = await pia.call('TIMMsgSendMessage', ['ola', 1, online('online once')], { messageId: 'online-resend-1' });
    assert.equal(again.code, 0, again.desc);
    assert.equal(again.json, once.json);
    await ola.waitFrame(recv('online once'));
    await pia.call('TIMMsgSendMessage', ['ola', 1, online('online after')]);
    await ola.waitFrame(recv('online after'));
    assert.equal(ola.frames.filter(recv('online once')).length, 1, 'delivered once');
    ola.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const away = await pia.call('TIMMsgSendMessage', ['ola', 1, online('online while away')]);
    assert.equal(away.code, 0, away.desc);
    await pia.call('TIMMsgSendMessage', ['ola', 1, stringifyTimJson(text('stored meanwhile'))]);
    const back = await loggedIn(env, 'ola', 'a', seen);
    await back.waitFrame(recv('stored meanwhile'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(!back.frames.some((f) => recv('online live')(f) || recv('online while away')(f)), 'an online message is not replayed');
    back.close();
    pia.close();
    pia2.close();
  });

  it('replays a MsgReactionsChanged a device missed while disconnected, as its user saw it then', async function () {
    const kim = await loggedIn(env, 'kim', 'a');
    const lee = await loggedIn(env, 'lee', 'a');
    const sent = await lee.call('TIMMsgSendMessage', ['kim', 1, stringifyTimJson(text('react later'))]);
    const arrived = await kim.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('react later'));
    const seen = arrived.type === 'event' ? arrived.seq : 0;
    kim.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const added = await lee.call('TIMMsgAddMessageReaction', [sent.json, '👀']);
    assert.equal(added.code, 0, added.desc);
    const back = await loggedIn(env, 'kim', 'a', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'MsgReactionsChanged');
    assert.ok(replayed.type === 'event' && replayed.seq > seen && 'json' in replayed.event);
    assert.deepEqual(JSON.parse(replayed.event.json), [
      {
        message_reaction_change_info_msg_id: sent.messageId,
        message_reaction_change_info_reaction_list: [
          {
            message_reaction_id: '👀',
            message_reaction_total_user_count: 1,
            message_reaction_partial_user_info_array: [{ user_profile_identifier: 'lee', user_profile_nick_name: '', user_profile_face_url: '' }],
            message_reaction_reacted_by_myself: false,
          },
        ],
      },
    ]);
    back.close();
    lee.close();
  });

  it('replays a MsgGroupPinnedMessageChanged a device missed while disconnected, with the pinner', async function () {
    const mia = await loggedIn(env, 'mia', 'a');
    const noah = await loggedIn(env, 'noah', 'a');
    const groupId = await groupOf(mia, 'pins', 'noah');
    const sent = await mia.call('TIMMsgSendMessage', [groupId, 2, stringifyTimJson(text('pin me later'))]);
    const arrived = await noah.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('pin me later'));
    const seen = arrived.type === 'event' ? arrived.seq : 0;
    noah.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pinned = await mia.call('TIMPinGroupMessage', [groupId, sent.json, true]);
    assert.equal(pinned.code, 0, pinned.desc);
    const back = await loggedIn(env, 'noah', 'a', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'MsgGroupPinnedMessageChanged');
    assert.ok(replayed.type === 'event' && replayed.seq > seen && replayed.event.name === 'MsgGroupPinnedMessageChanged');
    const { json, ...fields } = replayed.event;
    assert.deepEqual(fields, { name: 'MsgGroupPinnedMessageChanged', groupId, isPinned: true, opUser: 'mia' });
    const message = parseTimJson(json) as Record<string, unknown>;
    assert.deepEqual(
      [message.message_msg_id, message.message_conv_id, message.message_is_from_self, message.message_pinner_user_id, message.message_pinner_nick_name, message.message_pinner_name_card],
      [sent.messageId, groupId, false, 'mia', '', ''],
    );
    back.close();
    mia.close();
  });

  it('replays a SelfInfoUpdated a device missed while disconnected, with the whole profile', async function () {
    const tia = await loggedIn(env, 'tia', 'a');
    const tia2 = await loggedIn(env, 'tia', 'b');
    const first = await tia.call('TIMProfileModifySelfUserProfile', [stringifyTimJson({ user_profile_item_nick_name: 'Tia' })]);
    assert.equal(first.code, 0, first.desc);
    const arrived = await tia2.waitFrame((f) => f.type === 'event' && f.event.name === 'SelfInfoUpdated');
    const seen = arrived.type === 'event' ? arrived.seq : 0;
    tia2.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const changed = await tia.call('TIMProfileModifySelfUserProfile', [stringifyTimJson({ user_profile_item_self_signature: 'away', user_profile_item_gender: 2 })]);
    assert.equal(changed.code, 0, changed.desc);
    const back = await loggedIn(env, 'tia', 'b', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'SelfInfoUpdated');
    assert.ok(replayed.type === 'event' && replayed.seq > seen && replayed.event.name === 'SelfInfoUpdated');
    assert.deepEqual(JSON.parse(replayed.event.json), {
      user_profile_identifier: 'tia',
      user_profile_nick_name: 'Tia',
      user_profile_gender: 2,
      user_profile_face_url: '',
      user_profile_self_signature: 'away',
      user_profile_add_permission: 2,
      user_profile_custom_string_array: [],
    });
    assert.equal(back.frames.filter((f) => f.type === 'event' && f.event.name === 'SelfInfoUpdated').length, 1, 'only the event it missed');
    back.close();
    tia.close();
  });

  it('replays the FriendBlackListDeleted and FriendBlackListAdded a device missed while disconnected, in order', async function () {
    const vic = await loggedIn(env, 'vic', 'a');
    const uma = await loggedIn(env, 'uma', 'a');
    const uma2 = await loggedIn(env, 'uma', 'b');
    const change = async (api: string): Promise<void> => {
      const answer = await uma.call(api, [stringifyTimJson(['vic'])]);
      assert.equal(answer.code, 0, answer.desc);
    };
    await change('TIMFriendshipAddToBlackList');
    const first = await uma2.waitFrame((f) => f.type === 'event' && f.event.name === 'FriendBlackListAdded');
    const seen = first.type === 'event' ? first.seq : 0;
    uma2.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await change('TIMFriendshipDeleteFromBlackList');
    await change('TIMFriendshipAddToBlackList');
    const back = await loggedIn(env, 'uma', 'b', seen);
    await back.waitFrame((f) => f.type === 'event' && f.event.name === 'FriendBlackListAdded');
    const replayed = back.frames.flatMap((f) => (f.type === 'event' && f.event.name.startsWith('FriendBlackList') ? [f] : []));
    assert.deepEqual(replayed.map((f) => f.event.name), ['FriendBlackListDeleted', 'FriendBlackListAdded'], 'only the events it missed');
    assert.ok(replayed.every((f) => f.seq > seen));
    const json = (index: number): unknown => {
      const event = replayed[index]?.event;
      return JSON.parse(event !== undefined && 'json' in event ? event.json : '');
    };
    assert.deepEqual(json(0), ['vic']);
    const [profile] = json(1) as Array<{ friend_profile_identifier: string; friend_profile_user_profile: { user_profile_identifier: string } }>;
    assert.equal(profile?.friend_profile_identifier, 'vic');
    assert.equal(profile?.friend_profile_user_profile.user_profile_identifier, 'vic');
    assert.ok(!vic.frames.some((f) => f.type === 'event' && f.event.name.startsWith('FriendBlackList')), 'the blocked user is not told');
    back.close();
    uma.close();
    vic.close();
  });

  it('replays the friend events a device missed while disconnected, in order: FriendAddRequest, FriendApplicationListRead (no json), FriendApplicationListDeleted, OnAddFriend, UpdateFriendProfile, OnDeleteFriend', async function () {
    const fay = await loggedIn(env, 'fay', 'a');
    const gus = await loggedIn(env, 'gus', 'a');
    const gus2 = await loggedIn(env, 'gus', 'b');
    const call = async (client: RawClient, api: string, args: unknown[]): Promise<string> => {
      const answer = await client.call(api, args);
      assert.equal(answer.code, 0, `${api}: ${answer.desc}`);
      return answer.json;
    };
    // A first event gus2 sees, then gus2 goes away.
    await call(gus, 'TIMProfileModifySelfUserProfile', [stringifyTimJson({ user_profile_item_nick_name: 'Gus' })]);
    const first = await gus2.waitFrame((f) => f.type === 'event' && f.event.name === 'SelfInfoUpdated');
    const seen = first.type === 'event' ? first.seq : 0;
    gus2.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const asked = await call(fay, 'TIMFriendshipAddFriend', [stringifyTimJson({ friendship_add_friend_param_identifier: 'gus', friendship_add_friend_param_add_wording: 'hi Gus' })]);
    assert.equal((JSON.parse(asked) as { friend_result_code: number }).friend_result_code, 30539);
    await call(gus, 'TIMFriendshipReportPendencyReaded', [0]);
    await call(gus, 'TIMFriendshipHandleFriendAddRequest', [stringifyTimJson({ friend_response_identifier: 'fay', friend_response_action: 1 })]);
    await call(gus, 'TIMFriendshipModifyFriendProfile', [stringifyTimJson({ friendship_modify_friend_profile_param_identifier: 'fay', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: 'Fay F' } })]);
    await call(gus, 'TIMFriendshipDeleteFriend', [stringifyTimJson({ friendship_delete_friend_param_friend_type: 0, friendship_delete_friend_param_identifier_array: ['fay'] })]);
    const back = await loggedIn(env, 'gus', 'b', seen);
    await back.waitFrame((f) => f.type === 'event' && f.event.name === 'OnDeleteFriend');
    const names = ['FriendAddRequest', 'FriendApplicationListRead', 'FriendApplicationListDeleted', 'OnAddFriend', 'UpdateFriendProfile', 'OnDeleteFriend'];
    const replayed = back.frames.flatMap((f) => (f.type === 'event' && names.includes(f.event.name) ? [f] : []));
    assert.deepEqual(replayed.map((f) => f.event.name), names, 'only the events it missed, in order');
    assert.ok(replayed.every((f) => f.seq > seen));
    const json = (index: number): unknown => {
      const event = replayed[index]?.event;
      return event !== undefined && 'json' in event ? JSON.parse(event.json) : undefined;
    };
    const [request] = json(0) as Array<{ friend_add_pendency_identifier: string; friend_add_pendency_add_wording: string }>;
    assert.deepEqual([request?.friend_add_pendency_identifier, request?.friend_add_pendency_add_wording], ['fay', 'hi Gus']);
    assert.deepEqual(replayed[1]?.event, { name: 'FriendApplicationListRead' });
    assert.deepEqual(json(2), ['fay']);
    assert.deepEqual(json(3), ['fay']);
    assert.deepEqual(json(4), [{ friend_profile_update_identifier: 'fay', friend_profile_update_item: { friend_profile_item_remark: 'Fay F' } }]);
    assert.deepEqual(json(5), ['fay']);
    back.close();
    gus.close();
    fay.close();
  });

  it('replays a MsgReadedReceipt the sender\'s device missed while disconnected, with the counts', async function () {
    const rui = await loggedIn(env, 'rui', 'a');
    const sam = await loggedIn(env, 'sam', 'a');
    const groupId = await groupOf(rui, 'receipts', 'sam');
    const sent = await rui.call('TIMMsgSendMessage', [groupId, 2, stringifyTimJson({ ...text('read me while I am away'), message_need_read_receipt: true })]);
    assert.equal(sent.code, 0, sent.desc);
    await sam.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('read me while I am away'));
    const lastSeq = Math.max(0, ...rui.frames.flatMap((f) => (f.type === 'event' ? [f.seq] : [])));
    rui.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reported = await sam.call('TIMMsgSendMessageReadReceipts', [`[${sent.json}]`]);
    assert.equal(reported.code, 0, reported.desc);
    const back = await loggedIn(env, 'rui', 'a', lastSeq);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'MsgReadedReceipt');
    assert.ok(replayed.type === 'event' && replayed.seq > lastSeq && 'json' in replayed.event);
    assert.deepEqual(JSON.parse(replayed.event.json), [
      { msg_receipt_conv_id: groupId, msg_receipt_conv_type: 2, msg_receipt_msg_id: sent.messageId, msg_receipt_read_count: 1, msg_receipt_unread_count: 0 },
    ]);
    back.close();
    sam.close();
  });

  it('replays a group report (a dismissal, TIMGroupDelete) a member device missed while disconnected', async function () {
    const cleo = await loggedIn(env, 'cleo', 'a');
    const dani = await loggedIn(env, 'dani', 'a');
    const groupId = await groupOf(cleo, 'short-lived', 'dani');
    await cleo.call('TIMMsgSendMessage', [groupId, 2, stringifyTimJson(text('goodbye soon'))]);
    const arrived = await dani.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('goodbye soon'));
    const seen = arrived.type === 'event' ? arrived.seq : 0;
    dani.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const dismissed = await cleo.call('TIMGroupDelete', [groupId]);
    assert.equal(dismissed.code, 0, dismissed.desc);
    const back = await loggedIn(env, 'dani', 'a', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('group_report_elem'));
    assert.ok(replayed.type === 'event' && replayed.seq > seen && replayed.event.name === 'RecvNewMsg');
    const [report] = parseTimJson(replayed.event.json) as Array<{ message_conv_type: number; message_sender: string; message_elem_array: Array<Record<string, unknown>> }>;
    assert.deepEqual(
      [report?.message_conv_type, report?.message_sender, report?.message_elem_array[0]?.group_report_elem_report_type, report?.message_elem_array[0]?.group_report_elem_group_id, report?.message_elem_array[0]?.group_report_elem_op_user],
      [3, '@TIM#SYSTEM', 5, groupId, 'cleo'],
    );
    const gone = await back.call('TIMGroupQuit', [groupId]);
    assert.equal(gone.code, 10010);
    back.close();
    cleo.close();
  });

  it('replays a join request\'s group report (kTIMGroupReport_AddRequest) an owner device missed while disconnected; the request answers code 0 without json', async function () {
    const nora = await loggedIn(env, 'nora', 'a');
    const omar = await loggedIn(env, 'omar', 'a');
    const created = await nora.call('TIMGroupCreate', [stringifyTimJson({ create_group_param_group_name: 'by approval', create_group_param_group_type: 0, create_group_param_add_option: 1 })]);
    assert.equal(created.code, 0, created.desc);
    const groupId = (parseTimJson(created.json) as { create_group_result_groupid: string }).create_group_result_groupid;
    await omar.call('TIMMsgSendMessage', ['nora', 1, stringifyTimJson(text('may I join?'))]);
    const arrived = await nora.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('may I join?'));
    const seen = arrived.type === 'event' ? arrived.seq : 0;
    nora.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const applied = await omar.call('TIMGroupJoin', [groupId, 'here is why']);
    assert.deepEqual([applied.code, applied.json], [0, '']);
    const back = await loggedIn(env, 'nora', 'a', seen);
    const replayed = await back.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg' && f.event.json.includes('group_report_elem'));
    assert.ok(replayed.type === 'event' && replayed.seq > seen && replayed.event.name === 'RecvNewMsg');
    const [report] = parseTimJson(replayed.event.json) as Array<{ message_conv_type: number; message_sender: string; message_elem_array: Array<Record<string, unknown>> }>;
    const elem = report?.message_elem_array[0];
    assert.deepEqual(
      [report?.message_conv_type, report?.message_sender, elem?.group_report_elem_report_type, elem?.group_report_elem_group_id, elem?.group_report_elem_op_user, elem?.group_report_elem_msg],
      [3, '@TIM#SYSTEM', 1, groupId, 'omar', 'here is why'],
    );
    back.close();
    omar.close();
  });

  it('numbers new events above what a client remembers when the store has less (data dir replaced)', async function () {
    const fresh = await loggedIn(env, 'yuki', 'a', 1000);
    const login = fresh.frames.find((f) => f.type === 'result' && f.eventSeq !== undefined);
    assert.ok(login && login.type === 'result' && login.eventSeq === 1000);
    const zed = await loggedIn(env, 'zed', 'a');
    await zed.call('TIMMsgSendMessage', ['yuki', 1, stringifyTimJson(text('above'))]);
    const event = await fresh.waitFrame((f) => f.type === 'event' && f.event.name === 'RecvNewMsg');
    assert.ok(event.type === 'event' && event.seq > 1000);
    fresh.close();
    zed.close();
  });

  it('refuses to listen beyond loopback unless explicitly allowed', async function () {
    await assert.rejects(startEmulator({ dataDir: env.dataDir ?? '', host: '0.0.0.0', port: 0 }), /refusing to bind 0\.0\.0\.0/);
  });

  it('kicks the older connection of the same device', async function () {
    const one = await loggedIn(env, 'uma', 'a');
    const two = await loggedIn(env, 'uma', 'a');
    await one.waitFrame((f) => f.type === 'event' && f.event.name === 'KickedOffline');
    two.close();
  });

  it('cancels a send still uploading (8021, status 7) and reports upload progress', async function () {
    const raw = await loggedIn(env, 'vera', 'a');
    await (await loggedIn(env, 'walt', 'a')).close();
    const dir = mkdtempSync(join(tmpdir(), 'tim-up-'));
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(4 * 1024 * 1024, 7));
    const messageId = '144115000000000002-1700000000-43';
    const id = raw.send('TIMMsgSendMessage', ['walt', 1, stringifyTimJson({ message_elem_array: [{ elem_type: 4, file_elem_file_path: file, file_elem_file_name: 'big.bin', file_elem_file_size: 0 }] })], { messageId });
    await raw.waitFrame((f) => f.type === 'event' && f.event.name === 'MsgElemUploadProgress');
    const cancel = await raw.call('TIMMsgCancelSend', ['walt', 1, messageId]);
    assert.equal(cancel.code, 0);
    const result = await raw.result(id);
    assert.equal(result.code, 8021);
    assert.equal((JSON.parse(result.json) as { message_status: number }).message_status, 7);
    const late = await raw.call('TIMMsgCancelSend', ['walt', 1, messageId]);
    assert.equal(late.code, 8020);
    raw.close();
  });

  it('sends download progress frames only to a call that asked, a chunk at a time, all before the result', async function () {
    const raw = await loggedIn(env, 'abel', 'a');
    await (await loggedIn(env, 'bea', 'a')).close();
    const dir = mkdtempSync(join(tmpdir(), 'tim-down-'));
    const file = join(dir, 'up.bin');
    const size = 4 * CHUNK + 1000;
    writeFileSync(file, Buffer.alloc(size, 3));
    const sent = await raw.call('TIMMsgSendMessage', ['bea', 1, stringifyTimJson({ message_elem_array: [{ elem_type: 4, file_elem_file_path: file, file_elem_file_name: 'up.bin', file_elem_file_size: 0 }] })]);
    assert.equal(sent.code, 0, sent.desc);
    const fileId = (JSON.parse(sent.json) as { message_elem_array: Array<{ file_elem_file_id: string }> }).message_elem_array[0]?.file_elem_file_id;
    const param = stringifyTimJson({ msg_download_elem_param_type: 1, msg_download_elem_param_id: fileId, msg_download_elem_param_business_id: 0, msg_download_elem_param_url: '' });
    const asked = raw.send('TIMMsgDownloadElemToPath', [param, join(dir, 'asked.bin')], { progress: true });
    const result = await raw.result(asked);
    assert.equal(result.code, 0, result.desc);
    const frames = raw.frames.filter((f) => 'id' in f && f.id === asked);
    assert.equal(frames.at(-1), result, 'the result comes last');
    type Sizes = { msg_download_elem_result_current_size: number; msg_download_elem_result_total_size: number };
    const reports = frames.flatMap((f) => (f.type === 'progress' ? [{ desc: f.desc, ...(JSON.parse(f.json) as Sizes) }] : []));
    assert.deepEqual(
      reports.map((r) => r.msg_download_elem_result_current_size),
      [CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, size],
    );
    assert.ok(reports.every((r) => r.desc === 'downloading' && r.msg_download_elem_result_total_size === size));
    const quiet = await raw.call('TIMMsgDownloadElemToPath', [param, join(dir, 'quiet.bin')]);
    assert.equal(quiet.code, 0);
    assert.ok(!raw.frames.some((f) => f.type === 'progress' && f.id !== asked), 'no progress frames without progress: true (what older clients send)');
    raw.close();
  });

  it('survives a flood of garbage from many sockets', async function () {
    const sockets = await Promise.all(Array.from({ length: 10 }, () => RawClient.open(env.emulator?.url ?? '')));
    for (const s of sockets) {
      for (let i = 0; i < 50; i++) {
        s.sendRaw(i % 2 === 0 ? '\u0000\u0001garbage' : '{"type":"call","id":1,"api":"TIMMsgSendMessage","args":[null]}');
      }
    }
    await Promise.all(sockets.map((s) => s.waitFrame(() => s.frames.length >= 50)));
    sockets.forEach((s) => s.close());
    const raw = await RawClient.open(env.emulator?.url ?? '');
    assert.equal((await raw.call('TIMGetSDKVersion', [], { sync: true })).code, 0);
    raw.close();
  });
});
