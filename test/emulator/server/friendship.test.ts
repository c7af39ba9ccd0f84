/**
 * Friends and friend requests: the emulator's choices and edges (docs/emulator.md "Friends and friend
 * requests"; friends.ts, friendProfiles.ts, friendRequests.ts, friendStore.ts): every outcome code of an
 * add and the order of its checks, repeated requests, who hears what, custom fields and the add
 * permission field; and at the core level paging, read marks and unread counts, the limits, rolled-back
 * changes and a restart. What Tencent documents is in the API suite (apiSuite.ts), which also runs live.
 */
import { strict as assert } from 'node:assert';
import { ApiError } from '../../../src/emulator/server/apiError';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import { friendListOf, modifyFriend } from '../../../src/emulator/server/friendProfiles';
import { Args } from '../../../src/emulator/server/args';
import type { Ctx } from '../../../src/emulator/server/context';
import { answerRequest, deleteRequests, friendRequestHandlers, pendencyPage, reportRead } from '../../../src/emulator/server/friendRequests';
import { addFriend, deleteFriends, parseAddFriend } from '../../../src/emulator/server/friends';
import { MAX_FRIENDS, MAX_PENDING_REQUESTS } from '../../../src/emulator/server/friendStore';
import { blockUsers } from '../../../src/emulator/server/blocklist';
import { TIMFriendCheckRelation, TIMFriendPendencyType, TIMFriendResponseAction, TIMFriendType, TIMFriendshipRelationType, TIMProfileAddPermission } from '../../../src/tim/enums';
import { stringifyTimJson } from '../../../src/tim/json';
import type { TimAddFriendParam, TimFriendProfile, TimFriendResult, TimPendencyPage } from '../../../src/tim/types/friendship';
import { expectCode } from './apiSuite';
import { type Device, type TestEnv, emulatorEnv, sleep } from './harness';
import { inFailingCommit, inFailingOp, loginDevice, TempCore } from './tempCore';

const { AllowAny, NeedConfirm, DenyAny } = TIMProfileAddPermission;
const { ComeIn, SendOut, Both } = TIMFriendPendencyType;

/** Friend, request and blocklist events (not ConvEvent and the like, which the same changes may push). */
const isFriendEventName = (name: string): boolean => /Friend|Application/.test(name);
const idsOf = (list: readonly TimFriendProfile[]): string[] => list.map((p) => p.friend_profile_identifier);
const codeOf = (result: TimFriendResult): [string, number] => [result.friend_result_identifier, result.friend_result_code];
const infoIds = (page: TimPendencyPage): string[] => page.pendency_page_pendency_info_array.map((p) => `${p.friend_add_pendency_info_type === ComeIn ? 'from' : 'to'}:${p.friend_add_pendency_info_identifier}`);

describe('emulator friends and friend requests', function () {
  let env: TestEnv;
  let alice: Device;
  let alice2: Device;
  let bob: Device;
  let bob2: Device;
  let carol: Device;
  let everyone: Device[];

  const raw = (device: Device, api: string, args: Array<string | number>): Promise<{ code: number; desc: string; json: string }> => device.endpoint.call(api, args);
  const permission = (device: Device, value: TIMProfileAddPermission): Promise<void> => device.client.profileModifySelfUserProfile({ user_profile_item_add_permission: value });
  const add = (from: Device, to: string, extra: Partial<TimAddFriendParam> = {}): Promise<TimFriendResult> => from.client.friendshipAddFriend({ friendship_add_friend_param_identifier: to, ...extra });
  const page = (device: Device, type: TIMFriendPendencyType): Promise<TimPendencyPage> =>
    device.client.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: type, friendship_get_pendency_list_param_start_seq: 0 });
  const relation = async (device: Device, id: string, type: TIMFriendType = TIMFriendType.Both): Promise<number> => {
    const [result] = await device.client.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: type, friendship_check_friendtype_param_identifier_array: [id] });
    return result?.friendship_check_friendtype_result_relation ?? -1;
  };
  const FRIEND_EVENTS = ['OnAddFriend', 'OnDeleteFriend', 'UpdateFriendProfile', 'FriendAddRequest', 'FriendApplicationListDeleted'];
  /** The friend events `device` got so far (not the blocklist's, nor FriendApplicationListRead), with their payloads. */
  const told = (device: Device): Array<[string, unknown]> => device.events.events.filter((e) => FRIEND_EVENTS.includes(e.name)).map((e) => [e.name, e.payload]);
  /** Waits until `device` has heard `count` friend events. */
  const hears = async (device: Device, count: number): Promise<void> => {
    for (let tries = 0; told(device).length < count; tries++) {
      assert.ok(tries < 500, `${device.userId} hears ${count} friend events; got ${JSON.stringify(told(device))}`);
      await sleep(10);
    }
  };

  before(async function () {
    env = await emulatorEnv();
    alice = await env.device('alice', 'laptop');
    alice2 = await env.device('alice', 'desktop');
    bob = await env.device('bob', 'laptop');
    bob2 = await env.device('bob', 'phone');
    carol = await env.device('carol', 'laptop');
    everyone = [alice, alice2, bob, bob2, carol];
  });

  after(async function () {
    await env?.close();
  });

  /** Everything between the three undone and every event of that received (see apiSuite's barrier), then forgotten. */
  afterEach(async function () {
    const owners: Array<[Device, Device[]]> = [[alice, [alice, alice2]], [bob, [bob, bob2]], [carol, [carol]]];
    for (const [owner] of owners) {
      const others = ['alice', 'bob', 'carol'].filter((id) => id !== owner.userId);
      await owner.client.friendshipDeleteFriend({ friendship_delete_friend_param_friend_type: TIMFriendType.Both, friendship_delete_friend_param_identifier_array: others });
      await owner.client.friendshipDeletePendency({ friendship_delete_pendency_param_type: Both, friendship_delete_pendency_param_identifier_array: others });
      await owner.client.friendshipDeleteFromBlackList(others);
      await permission(owner, NeedConfirm);
    }
    for (const [owner, devices] of owners) {
      const before = devices.map((d) => d.events.all('FriendApplicationListRead').length);
      await owner.client.friendshipReportPendencyReaded(1);
      for (const [i, device] of devices.entries()) {
        for (let tries = 0; device.events.all('FriendApplicationListRead').length <= (before[i] ?? 0); tries++) {
          assert.ok(tries < 500);
          await sleep(10);
        }
      }
    }
    everyone.forEach((device) => device.events.clear());
  });

  it('checks an add in this order: oneself 30001, no such account 30003, on the caller\'s blocklist 30515, the caller on theirs 30525, already friends 30015, refusing everyone 30516', async function () {
    await permission(bob, DenyAny);
    assert.deepEqual(codeOf(await add(alice, 'alice')), ['alice', 30001]);
    assert.deepEqual(codeOf(await add(alice, 'nobody')), ['nobody', 30003]);
    await alice.client.friendshipAddToBlackList(['bob']);
    assert.equal((await add(alice, 'bob')).friend_result_code, 30515, 'blocked by the caller before refused by bob');
    assert.equal((await add(bob, 'alice')).friend_result_code, 30525);
    await alice.client.friendshipDeleteFromBlackList(['bob']);
    assert.equal((await add(alice, 'bob')).friend_result_code, 30516);
    await permission(bob, AllowAny);
    assert.equal((await add(alice, 'bob', { friendship_add_friend_param_friend_type: TIMFriendType.Single })).friend_result_code, 0);
    await permission(bob, DenyAny);
    assert.equal((await add(alice, 'bob', { friendship_add_friend_param_friend_type: TIMFriendType.Single })).friend_result_code, 30015, 'already in the list before refused by bob');
    for (const result of [await add(alice, 'alice'), await add(alice, 'bob')]) {
      assert.ok(result.friend_result_desc.length > 0, 'a desc for each refusal');
    }
  });

  it('a two-way add when the caller already has the other (who allows anyone) puts the caller into their list only; the caller\'s entry and presets stay; only the other hears OnAddFriend', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob', { friendship_add_friend_param_friend_type: TIMFriendType.Single, friendship_add_friend_param_remark: 'first' });
    await hears(alice2, 1);
    assert.equal((await add(alice, 'bob', { friendship_add_friend_param_remark: 'second', friendship_add_friend_param_add_wording: 'now both' })).friend_result_code, 0);
    await hears(bob2, 1);
    assert.deepEqual(told(bob2), [['OnAddFriend', ['alice']]]);
    const [mine] = await alice.client.friendshipGetFriendProfileList();
    assert.equal(mine?.friend_profile_remark, 'first');
    const [theirs] = await bob.client.friendshipGetFriendProfileList();
    assert.deepEqual([theirs?.friend_profile_identifier, theirs?.friend_profile_remark, theirs?.friend_profile_add_wording], ['alice', '', 'now both']);
    assert.equal((await add(alice, 'bob')).friend_result_code, 30015);
    // A later change on alice's side comes after anything the second add could have told her.
    await alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: 'x' } });
    await hears(alice2, 2);
    assert.deepEqual(told(alice2).map(([name]) => name), ['OnAddFriend', 'UpdateFriendProfile']);
  });

  it('a repeated request replaces the earlier one: one request, the newest words and presets, newest in the list, FriendAddRequest each time; accepting applies the newest presets', async function () {
    await add(alice, 'bob', { friendship_add_friend_param_add_wording: 'one', friendship_add_friend_param_remark: 'old', friendship_add_friend_param_group_name: 'old list' });
    await add(carol, 'bob', { friendship_add_friend_param_add_wording: 'carol' });
    await sleep(1100); // the renewal's add time is a later second
    const before = (await page(bob, ComeIn)).pendency_page_pendency_info_array.find((p) => p.friend_add_pendency_info_identifier === 'alice');
    assert.equal((await add(alice, 'bob', { friendship_add_friend_param_add_wording: 'two', friendship_add_friend_param_remark: 'Bob', friendship_add_friend_param_group_name: 'work' })).friend_result_code, 30539);
    const list = (await page(bob, ComeIn)).pendency_page_pendency_info_array;
    assert.deepEqual(list.map((p) => [p.friend_add_pendency_info_identifier, p.friend_add_pendency_info_add_wording]), [['alice', 'two'], ['carol', 'carol']]);
    assert.ok(Number(list[0]?.friend_add_pendency_info_add_time) > Number(before?.friend_add_pendency_info_add_time));
    await hears(bob2, 3);
    assert.deepEqual(bob2.events.all('FriendAddRequest').map((l) => l.map((p) => [p.friend_add_pendency_identifier, p.friend_add_pendency_add_wording])), [[['alice', 'one']], [['carol', 'carol']], [['alice', 'two']]]);
    await bob.client.friendshipHandleFriendAddRequest({ friend_response_identifier: 'alice', friend_response_action: TIMFriendResponseAction.Agree });
    const [entry] = await alice.client.friendshipGetFriendProfileList();
    assert.deepEqual([entry?.friend_profile_remark, entry?.friend_profile_group_name_array, entry?.friend_profile_add_wording], ['Bob', ['work'], 'two']);
  });

  it('an add to a user who now allows anyone fulfils the caller\'s waiting request: it goes (both hear it) and the friendship is made; a request the other way stays', async function () {
    await add(alice, 'bob');
    await permission(alice, NeedConfirm);
    assert.equal((await add(bob, 'alice')).friend_result_code, 30539, 'each side can have asked the other');
    assert.deepEqual(infoIds(await page(bob, Both)), ['to:alice', 'from:alice']);
    await permission(bob, AllowAny);
    assert.equal((await add(alice, 'bob', { friendship_add_friend_param_friend_type: TIMFriendType.Single })).friend_result_code, 0);
    assert.deepEqual(infoIds(await page(bob, Both)), ['to:alice'], 'alice\'s request went; bob\'s to her waits');
    await hears(alice2, 3);
    assert.deepEqual(told(alice2), [['FriendAddRequest', told(alice2)[0]?.[1]], ['FriendApplicationListDeleted', ['bob']], ['OnAddFriend', ['bob']]]);
    await hears(bob2, 2);
    assert.deepEqual(told(bob2).slice(1), [['FriendApplicationListDeleted', ['alice']]]);
  });

  it('Agree when the requester already has the answerer adds nothing and tells no OnAddFriend; a bad action or a missing id is 6017', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob', { friendship_add_friend_param_friend_type: TIMFriendType.Single });
    await permission(bob, NeedConfirm);
    assert.equal((await add(alice, 'bob')).friend_result_code, 30539, 'asking for both ways');
    for (const [json, what] of [
      [{ friend_response_identifier: 'alice', friend_response_action: 3 }, 'friend_response_action'],
      [{ friend_response_action: 0 }, 'friend_response_identifier'],
      [{ friend_response_identifier: 'alice', friend_response_action: 0, friend_response_remark: 7 }, 'friend_response_remark'],
    ] as const) {
      const answer = await raw(bob, 'TIMFriendshipHandleFriendAddRequest', [stringifyTimJson(json)]);
      assert.equal(answer.code, 6017);
      assert.match(answer.desc, new RegExp(what));
    }
    assert.equal((await bob.client.friendshipHandleFriendAddRequest({ friend_response_identifier: 'alice', friend_response_action: TIMFriendResponseAction.Agree })).friend_result_code, 0);
    await hears(alice2, 2);
    assert.deepEqual(told(alice2), [['OnAddFriend', ['bob']], ['FriendApplicationListDeleted', ['bob']]]);
    assert.equal(await relation(alice, 'bob'), TIMFriendCheckRelation.AWithB);
  });

  it('only the users a change concerns hear of it, on every device the calling one included; a bystander hears nothing', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob');
    await alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: 'B' } });
    await alice.client.friendshipDeleteFriend({ friendship_delete_friend_param_friend_type: TIMFriendType.Both, friendship_delete_friend_param_identifier_array: ['bob'] });
    for (const device of [alice, alice2]) {
      await hears(device, 3);
      assert.deepEqual(told(device).map(([name, ids]) => [name, name === 'UpdateFriendProfile' ? 'bob' : ids]), [['OnAddFriend', ['bob']], ['UpdateFriendProfile', 'bob'], ['OnDeleteFriend', ['bob']]]);
    }
    for (const device of [bob, bob2]) {
      await hears(device, 2);
      assert.deepEqual(told(device), [['OnAddFriend', ['alice']], ['OnDeleteFriend', ['alice']]], 'the friend is not told of the remark');
    }
    // carol's own change is the first friend event she hears: nothing of the others' reached her.
    await permission(bob, NeedConfirm);
    await carol.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob' });
    await carol.client.friendshipDeletePendency({ friendship_delete_pendency_param_type: SendOut, friendship_delete_pendency_param_identifier_array: ['bob'] });
    await hears(carol, 1);
    assert.deepEqual(told(carol), [['FriendApplicationListDeleted', ['bob']]]);
  });

  it("a one-to-one chat shows the user's remark of the peer (conv_show_name: remark, nick, id): set, changed, cleared or the friendship ended, on the user's devices only", async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob');
    await alice.client.msgSendMessage('bob', 1, { message_elem_array: [{ elem_type: 0, text_elem_content: 'hi bob' }] });
    const shownAs = async (device: Device, peer: string): Promise<string | undefined> => (await device.client.convGetConvList()).find((c) => c.conv_id === peer)?.conv_show_name;
    assert.equal(await shownAs(alice, 'bob'), 'bob');
    // The new chat's own snapshot first (published a little later), so that each change below is an Update.
    for (const device of [alice, alice2]) {
      await device.events.waitFor('ConvEvent', (e) => e.conversations.some((c) => c.conv_id === 'bob'));
      device.events.clear();
    }
    const updatedTo = (device: Device, name: string) =>
      device.events.waitFor('ConvEvent', (e) => e.event === 2 && e.conversations.some((c) => c.conv_id === 'bob' && c.conv_show_name === name));
    await alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: '老板' } });
    await Promise.all([updatedTo(alice, '老板'), updatedTo(alice2, '老板')]);
    assert.equal(await shownAs(alice, 'bob'), '老板');
    assert.equal(await shownAs(bob, 'alice'), 'alice', "bob's chat keeps alice's own name");
    await alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: '' } });
    await updatedTo(alice2, 'bob');
    await alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: 'B' } });
    await updatedTo(alice2, 'B');
    await alice.client.friendshipDeleteFriend({ friendship_delete_friend_param_friend_type: TIMFriendType.Both, friendship_delete_friend_param_identifier_array: ['bob'] });
    alice2.events.clear();
    await alice.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob' });
    assert.equal(await shownAs(alice, 'bob'), 'bob', 'the remark went with the friendship');
  });

  it('modify: custom fields with or without the Tag_SNS_Custom_ prefix, in the order first set; list names once each; an empty remark clears it; the same values again tell nobody', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob', { friendship_add_friend_param_remark: 'B' });
    const modify = (item: object): Promise<void> => alice.client.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: item });
    const custom = (key: string, value: string): object => ({ friend_profile_custom_string_info_key: key, friend_profile_custom_string_info_value: value });
    await modify({ friend_profile_item_custom_string_array: [custom('Level', 'senior'), custom('Tag_SNS_Custom_Team', 'parser')], friend_profile_item_group_name_array: ['a', 'b', 'a'] });
    await modify({ friend_profile_item_custom_string_array: [custom('Tag_SNS_Custom_Level', 'lead')], friend_profile_item_remark: '' });
    const [entry] = await alice.client.friendshipGetFriendProfileList();
    assert.deepEqual(entry?.friend_profile_custom_string_array, [custom('Tag_SNS_Custom_Level', 'lead'), custom('Tag_SNS_Custom_Team', 'parser')]);
    assert.deepEqual([entry?.friend_profile_remark, entry?.friend_profile_group_name_array], ['', ['a', 'b']]);
    const [info] = await alice.client.friendshipGetFriendsInfo(['bob']);
    assert.deepEqual(info?.friendship_friend_info_get_result_field_info, entry);
    await modify({ friend_profile_item_remark: '' });
    await modify({ friend_profile_item_remark: 'last' });
    await hears(alice2, 4);
    const updates = alice2.events.all('UpdateFriendProfile').map((list) => list[0]?.friend_profile_update_item);
    assert.deepEqual(updates, [
      { friend_profile_item_group_name_array: ['a', 'b'], friend_profile_item_custom_string_array: [custom('Tag_SNS_Custom_Level', 'senior'), custom('Tag_SNS_Custom_Team', 'parser')] },
      { friend_profile_item_remark: '', friend_profile_item_custom_string_array: [custom('Tag_SNS_Custom_Level', 'lead')] },
      { friend_profile_item_remark: 'last' },
    ], 'none for the call that changed nothing');
  });

  it('modify refuses: nothing to change or no item 6017, a bad custom key or a value over 500 bytes 9001, a key twice 6017, a 21st custom field 6017, a remark over 96 bytes 9002, an empty list name 9005; nothing changes', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob');
    const modify = (item: unknown): Promise<{ code: number; desc: string }> =>
      raw(alice, 'TIMFriendshipModifyFriendProfile', [stringifyTimJson({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: item })]);
    const custom = (key: string, value = 'v'): object => ({ friend_profile_custom_string_info_key: key, friend_profile_custom_string_info_value: value });
    const cases: Array<[unknown, number]> = [
      [{}, 6017],
      [undefined, 6017],
      [{ friend_profile_item_custom_string_array: [custom('has space')] }, 9001],
      [{ friend_profile_item_custom_string_array: [custom('TooLongKey')] }, 9001],
      [{ friend_profile_item_custom_string_array: [custom('ok', 'v'.repeat(501))] }, 9001],
      [{ friend_profile_item_custom_string_array: [custom('k'), custom('Tag_SNS_Custom_k')] }, 6017],
      [{ friend_profile_item_custom_string_array: Array.from({ length: 21 }, (_, i) => custom(`k${i}`)) }, 6017],
      [{ friend_profile_item_remark: '好'.repeat(33) }, 9002],
      [{ friend_profile_item_group_name_array: [''] }, 9005],
      [{ friend_profile_item_remark: 5 }, 6017],
    ];
    for (const [item, code] of cases) {
      assert.equal((await modify(item)).code, code, JSON.stringify(item)?.slice(0, 60));
    }
    assert.equal((await modify({ friend_profile_item_custom_string_array: Array.from({ length: 20 }, (_, i) => custom(`k${i}`)) })).code, 0, '20 fit');
    const [entry] = await alice.client.friendshipGetFriendProfileList();
    assert.equal(entry?.friend_profile_custom_string_array?.length, 20);
    assert.equal(entry?.friend_profile_remark, '');
  });

  it('the add permission is in every profile (NeedConfirm by default) and in SelfInfoUpdated; a value other than 1, 2, 3 is 6017 naming the field; the same value again tells nobody', async function () {
    const [fresh] = await bob.client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: ['carol'] });
    assert.equal(fresh?.user_profile_add_permission, NeedConfirm);
    for (const value of [0, 4, '1', null, 1.5]) {
      const answer = await raw(carol, 'TIMProfileModifySelfUserProfile', [stringifyTimJson({ user_profile_item_add_permission: value })]);
      assert.equal(answer.code, 6017, String(value));
      assert.match(answer.desc, /user_profile_item_add_permission must be 1 \(AllowAny\), 2 \(NeedConfirm\) or 3 \(DenyAny\)/);
    }
    await permission(carol, NeedConfirm);
    await permission(carol, AllowAny);
    const update = await carol.events.waitFor('SelfInfoUpdated');
    assert.equal(update.user_profile_add_permission, AllowAny);
    assert.equal(carol.events.all('SelfInfoUpdated').length, 1, 'none for the unchanged value');
    assert.equal((await add(bob, 'carol')).friend_result_code, 0, 'and adds follow it');
  });

  it('info and check: one answer per distinct id; one\'s own id has no relation (code 0); a one-way check reads the caller\'s list only; empty lists answer []', async function () {
    await permission(alice, AllowAny);
    await add(bob, 'alice', { friendship_add_friend_param_friend_type: TIMFriendType.Single });
    const infos = await alice.client.friendshipGetFriendsInfo(['bob', 'alice', 'bob', 'carol']);
    assert.deepEqual(
      infos.map((i) => [i.friendship_friend_info_get_result_identifier, i.friendship_friend_info_get_result_relation_type, i.friendship_friend_info_get_result_error_code, i.friendship_friend_info_get_result_error_message]),
      [['bob', TIMFriendshipRelationType.InOtherFriendList, 0, 'OK'], ['alice', TIMFriendshipRelationType.None, 0, 'OK'], ['carol', TIMFriendshipRelationType.None, 0, 'OK']],
    );
    const [mine] = await bob.client.friendshipGetFriendsInfo(['alice']);
    assert.equal(mine?.friendship_friend_info_get_result_relation_type, TIMFriendshipRelationType.InMyFriendList);
    assert.equal(await relation(alice, 'bob', TIMFriendType.Single), TIMFriendCheckRelation.NoRelation, 'one-way: bob\'s list is not read');
    assert.equal(await relation(alice, 'bob', TIMFriendType.Both), TIMFriendCheckRelation.BWithA);
    assert.equal(await relation(bob, 'alice', TIMFriendType.Single), TIMFriendCheckRelation.AWithB);
    assert.equal(await relation(alice, 'alice'), TIMFriendCheckRelation.NoRelation);
    for (const [api, json] of [
      ['TIMFriendshipGetFriendsInfo', '[]'],
      ['TIMFriendshipCheckFriendType', stringifyTimJson({ friendship_check_friendtype_param_identifier_array: [] })],
      ['TIMFriendshipDeleteFriend', stringifyTimJson({ friendship_delete_friend_param_identifier_array: [] })],
      ['TIMFriendshipDeletePendency', stringifyTimJson({ friendship_delete_pendency_param_type: 0, friendship_delete_pendency_param_identifier_array: [] })],
    ] as const) {
      assert.deepEqual(await raw(alice, api, [json]).then((r) => [r.code, r.json]), [0, '[]'], api);
    }
  });

  it('delete requests both ways at once (Both); a delete of friends without a type deletes both ways (*choice*, as REST\'s default)', async function () {
    await add(alice, 'bob');
    await add(bob, 'alice');
    const [result] = await alice.client.friendshipDeletePendency({ friendship_delete_pendency_param_type: Both, friendship_delete_pendency_param_identifier_array: ['bob'] });
    assert.deepEqual(result && codeOf(result), ['bob', 0]);
    assert.deepEqual(infoIds(await page(bob, Both)), []);
    await hears(bob2, 2);
    assert.deepEqual(told(bob2).slice(1), [['FriendApplicationListDeleted', ['alice']]], 'one event naming alice once, for both requests');
    await permission(bob, AllowAny);
    await add(alice, 'bob');
    const [deleted] = await alice.client.friendshipDeleteFriend({ friendship_delete_friend_param_identifier_array: ['bob'] });
    assert.deepEqual(deleted && codeOf(deleted), ['bob', 0]);
    assert.equal(await relation(alice, 'bob'), TIMFriendCheckRelation.NoRelation);
  });

  it('bad arguments are 6017 naming what is wrong, and change nothing', async function () {
    const many = Array.from({ length: 101 }, (_, i) => `id${i}`);
    const cases: Array<[string, unknown, RegExp]> = [
      ['TIMFriendshipAddFriend', 'not json', /json_add_friend_param must be a JSON object/],
      ['TIMFriendshipAddFriend', '', /json_add_friend_param must be a JSON object/],
      ['TIMFriendshipAddFriend', { friendship_add_friend_param_identifier: '' }, /friendship_add_friend_param_identifier must be a non-empty user id/],
      ['TIMFriendshipAddFriend', { friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_friend_type: 'Both' }, /friend_type must be 0 \(Single\), 1 \(Both\)/],
      ['TIMFriendshipDeleteFriend', { friendship_delete_friend_param_identifier_array: 'bob' }, /identifier_array must be an array/],
      ['TIMFriendshipDeleteFriend', { friendship_delete_friend_param_identifier_array: many }, /at most 100 ids/],
      ['TIMFriendshipCheckFriendType', { friendship_check_friendtype_param_identifier_array: [''] }, /non-empty user ids/],
      ['TIMFriendshipGetPendencyList', { friendship_get_pendency_list_param_type: 3 }, /0 \(ComeIn\), 1 \(SendOut\), 2 \(Both\)/],
      ['TIMFriendshipGetPendencyList', { friendship_get_pendency_list_param_type: 0, friendship_get_pendency_list_param_limited_size: -1 }, /limited_size must be a whole number/],
      ['TIMFriendshipGetPendencyList', { friendship_get_pendency_list_param_type: 0, friendship_get_pendency_list_param_start_seq: 'x' }, /start_seq must be a whole number/],
      ['TIMFriendshipDeletePendency', { friendship_delete_pendency_param_identifier_array: ['bob'] }, /friendship_delete_pendency_param_type must be/],
      ['TIMFriendshipModifyFriendProfile', { friendship_modify_friend_profile_param_item: { friend_profile_item_remark: 'x' } }, /param_identifier must be a non-empty user id/],
      ['TIMFriendshipGetFriendsInfo', '{"a":1}', /friend_id_list must be a JSON array/],
    ];
    for (const [api, param, desc] of cases) {
      const answer = await raw(alice, api, [typeof param === 'string' ? param : stringifyTimJson(param)]);
      assert.equal(answer.code, 6017, `${api} ${JSON.stringify(param)}`);
      assert.match(answer.desc, desc);
    }
    await expectCode(raw(alice, 'TIMFriendshipReportPendencyReaded', [-1]), -4);
    assert.deepEqual(infoIds(await page(bob, Both)), []);
    assert.deepEqual(idsOf(await alice.client.friendshipGetFriendProfileList()), []);
  });

  it('blocking: the blocker hears what the block ended before FriendBlackListAdded; blocking someone with no tie tells no friend event', async function () {
    await permission(bob, AllowAny);
    await add(alice, 'bob');
    await add(carol, 'alice');
    await alice.client.friendshipAddToBlackList(['carol', 'bob']);
    await hears(alice2, 4);
    await alice2.events.waitFor('FriendBlackListAdded', (list) => idsOf(list).includes('bob'));
    assert.deepEqual(
      // The end of a friendship may also update the chat's name (a ConvEvent), not compared here.
      alice2.events.events.map((e) => e.name).filter((name) => isFriendEventName(name) && name !== 'FriendApplicationListRead'),
      ['OnAddFriend', 'FriendAddRequest', 'FriendApplicationListDeleted', 'OnDeleteFriend', 'FriendBlackListAdded'],
    );
    assert.deepEqual(told(alice2).slice(2, 4), [['FriendApplicationListDeleted', ['carol']], ['OnDeleteFriend', ['bob']]]);
    await bob.client.friendshipAddToBlackList(['carol']);
    await bob2.events.waitFor('FriendBlackListAdded', (list) => idsOf(list).includes('carol'));
    assert.deepEqual(told(bob2), [['OnAddFriend', ['alice']], ['OnDeleteFriend', ['alice']]], 'no friend event for blocking carol');
  });
});

describe('emulator friends and friend requests (core)', function () {
  let temp: TempCore;
  let core: EmulatorCore;
  let clock: number;

  const ensure = (...users: string[]): void => core.db.transaction(() => users.forEach((user) => core.emu.model.ensureUser(user)))();
  const setPermission = (user: string, value: number): void => void core.db.prepare('UPDATE users SET add_permission = ? WHERE user_id = ?').run(value, user);
  const ask = (peer: string, extra: object = {}): ReturnType<typeof parseAddFriend> => parseAddFriend({ friendship_add_friend_param_identifier: peer, ...extra });
  const addAs = (user: string, peer: string, extra: object = {}): Promise<TimFriendResult> => core.queue.enqueue(() => addFriend(core.emu, user, ask(peer, extra)));
  const answer = (user: string, requester: string, action: number): Promise<TimFriendResult> => core.queue.enqueue(() => answerRequest(core.emu, user, { requester, action, remark: '', groupName: '' }));
  const pageOf = (user: string, type: number, startSeq = 0, limit = 20, startTime = 0): Promise<TimPendencyPage> =>
    core.queue.enqueue(() => pendencyPage(core.emu, user, { type, startSeq, startTime, limit }));
  /** `user` fills their list with `count` made-up friends, straight into the table. */
  const fillList = (user: string, count: number, prefix: string): void =>
    core.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        core.emu.friends.add(user, `${prefix}${i}`, { remark: '', groupNames: [], addSource: '', addWording: '', addTime: 1 });
      }
    })();
  const friendEvents = (frames: string[]): Array<[string, unknown]> =>
    frames
      .map((frame) => JSON.parse(frame) as { event?: { name: string; json?: string } })
      .filter((frame) => frame.event !== undefined && isFriendEventName(frame.event.name))
      .map((frame) => [frame.event?.name ?? '', frame.event?.json === undefined ? undefined : (JSON.parse(frame.event.json) as unknown)]);

  beforeEach(() => {
    temp = new TempCore('tim-friends-');
    core = temp.core;
    clock = 1_000_000;
    core.emu.serverTime = () => clock;
  });

  afterEach(() => {
    temp.close();
  });

  it('pages requests newest first by seq: current_seq is the next page\'s first, 0 at the end; ComeIn, SendOut and Both; a start time leaves older ones out', async function () {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    ensure(...users);
    for (const user of users) {
      clock += 10;
      assert.equal((await addAs(user, 'ann')).friend_result_code, 30539);
    }
    clock += 10;
    await addAs('ann', 'ben');
    const pages: string[][] = [];
    const seqs: number[] = [];
    for (let start = 0, first = true; first || start !== 0; first = false) {
      const page = await pageOf('ann', ComeIn, start, 2);
      pages.push(infoIds(page));
      start = page.pendency_page_current_seq;
      seqs.push(start);
    }
    assert.deepEqual(pages, [['from:u5', 'from:u4'], ['from:u3', 'from:u2'], ['from:u1']]);
    assert.equal(seqs.at(-1), 0);
    assert.ok(seqs[0] !== undefined && seqs[1] !== undefined && seqs[0] > seqs[1] && seqs[1] > 0, 'seqs fall page by page');
    assert.deepEqual(infoIds(await pageOf('ann', SendOut)), ['to:ben']);
    assert.deepEqual(infoIds(await pageOf('ann', Both, 0, 3)), ['to:ben', 'from:u5', 'from:u4']);
    assert.deepEqual(infoIds(await pageOf('ben', Both)), ['from:ann']);
    const recent = await pageOf('ann', ComeIn, 0, 20, 1_000_030);
    assert.deepEqual(infoIds(recent), ['from:u5', 'from:u4', 'from:u3']);
    assert.equal(recent.pendency_page_start_time, 1_000_030);
    // A request renewed becomes the newest.
    clock += 10;
    await addAs('u1', 'ann', { friendship_add_friend_param_add_wording: 'again' });
    assert.deepEqual(infoIds(await pageOf('ann', ComeIn, 0, 2)), ['from:u1', 'from:u5']);
    const [info] = (await pageOf('ann', ComeIn, 0, 1)).pendency_page_pendency_info_array;
    assert.deepEqual([info?.friend_add_pendency_info_add_time, info?.friend_add_pendency_info_add_wording], [clock, 'again']);
  });

  it('limited_size: 0 reads 20, more than 100 reads 100 (the call\'s own handler)', async function () {
    const users = Array.from({ length: 105 }, (_, i) => `p${i}`);
    ensure(...users);
    await core.queue.enqueue(() => users.forEach((user) => addFriend(core.emu, user, ask('ann'))));
    const session = { initialized: true, loginStatus: 1, userId: 'ann', deviceId: 1 } as Ctx['session'];
    const api = 'TIMFriendshipGetPendencyList';
    const listed = async (size: number): Promise<number> => {
      const args = new Args(api, [stringifyTimJson({ friendship_get_pendency_list_param_type: ComeIn, friendship_get_pendency_list_param_limited_size: size })]);
      const outcome = await friendRequestHandlers[api]?.({ emu: core.emu, session, api }, args);
      return (JSON.parse(outcome?.json ?? '{}') as TimPendencyPage).pendency_page_pendency_info_array.length;
    };
    assert.deepEqual([await listed(0), await listed(7), await listed(100), await listed(101), await listed(5000)], [20, 7, 100, 100, 100]);
  });

  it('read marks: unread counts requests to the user made after the mark (seconds), not those they sent; 0 is now; a mark is kept as given, lower too; every device hears FriendApplicationListRead', async function () {
    const annFrames: string[] = [];
    loginDevice(core, 'ann', annFrames);
    ensure('cy', 'di');
    await addAs('ben', 'ann');
    clock += 5;
    await addAs('cy', 'ann');
    await addAs('ann', 'di');
    const unread = async (): Promise<number> => (await pageOf('ann', Both)).pendency_page_unread_num;
    assert.equal(await unread(), 2);
    await core.queue.enqueue(() => reportRead(core.emu, 'ann', BigInt(clock - 5)));
    assert.equal(await unread(), 1, 'a request at the mark\'s second is read');
    await core.queue.enqueue(() => reportRead(core.emu, 'ann', 0n));
    assert.equal(core.emu.friends.readTimeOf('ann'), BigInt(clock));
    assert.equal(await unread(), 0);
    clock += 1;
    await addAs('di', 'ann');
    assert.equal(await unread(), 1);
    await core.queue.enqueue(() => reportRead(core.emu, 'ann', 1n));
    assert.equal(await unread(), 3, 'lowered again');
    await core.queue.enqueue(() => reportRead(core.emu, 'ann', 2n ** 64n - 1n));
    assert.equal(await unread(), 0);
    assert.equal(core.emu.friends.readTimeOf('ann'), 2n ** 64n - 1n);
    const reads = annFrames.map((frame) => (JSON.parse(frame) as { event?: unknown }).event).filter((event) => (event as { name?: string } | undefined)?.name === 'FriendApplicationListRead');
    assert.deepEqual(reads, Array.from({ length: 4 }, () => ({ name: 'FriendApplicationListRead' })), 'one per report, with no json');
  });

  it(`limits: ${MAX_FRIENDS} friends per list (30010 for the caller, 30014 for the other), also when accepting; the request then stays`, async function () {
    fillList('ann', MAX_FRIENDS, 'f');
    setPermission('ben', AllowAny);
    assert.equal((await addAs('ann', 'ben')).friend_result_code, 30010);
    setPermission('ben', NeedConfirm);
    assert.equal((await addAs('ann', 'ben')).friend_result_code, 30010, 'no request either: accepting it would overfill the list');
    // ben asks ann; ann's list is full: Agree is fine (ben's list grows), AgreeAndAdd is not.
    assert.equal((await addAs('ben', 'ann')).friend_result_code, 30539);
    assert.equal((await answer('ann', 'ben', TIMFriendResponseAction.AgreeAndAdd)).friend_result_code, 30010);
    assert.ok(core.emu.friends.request('ben', 'ann') !== undefined, 'the request stays');
    assert.equal((await answer('ann', 'ben', TIMFriendResponseAction.Agree)).friend_result_code, 0);
    // Now the other way round: ann asks cy, whose acceptance needs room in ann's list.
    ensure('cy', 'di');
    core.db.prepare("DELETE FROM friends WHERE user_id = 'ann' AND friend = 'f0'").run();
    assert.equal((await addAs('ann', 'cy')).friend_result_code, 30539);
    fillList('ann', 1, 'g');
    assert.equal((await answer('cy', 'ann', TIMFriendResponseAction.Agree)).friend_result_code, 30014);
    assert.ok(core.emu.friends.request('ann', 'cy') !== undefined);
    // A two-way add to someone who allows anyone and whose list is full: 30014; one way is fine.
    setPermission('ann', AllowAny);
    assert.equal((await addAs('di', 'ann')).friend_result_code, 30014);
    assert.equal((await addAs('di', 'ann', { friendship_add_friend_param_friend_type: 0 })).friend_result_code, 0);
    assert.equal(core.emu.friends.countOf('ann'), MAX_FRIENDS);
  });

  it(`limits: ${MAX_PENDING_REQUESTS} requests waiting sent by a user and as many for a user (30012); renewing one is no new one`, async function () {
    const targets = Array.from({ length: MAX_PENDING_REQUESTS }, (_, i) => `t${i}`);
    ensure(...targets, 'extra');
    await core.queue.enqueue(() => targets.forEach((target) => addFriend(core.emu, 'ann', ask(target))));
    assert.equal(core.emu.friends.sentCount('ann'), MAX_PENDING_REQUESTS);
    const over = await addAs('ann', 'extra');
    assert.equal(over.friend_result_code, 30012);
    assert.match(over.friend_result_desc, /you have/);
    assert.equal((await addAs('ann', 't0', { friendship_add_friend_param_add_wording: 'renewed' })).friend_result_code, 30539);
    await core.queue.enqueue(() => targets.forEach((target) => addFriend(core.emu, target, ask('ben'))));
    const full = await addAs('extra', 'ben');
    assert.equal(full.friend_result_code, 30012);
    assert.match(full.friend_result_desc, /ben has/);
    await core.queue.enqueue(() => deleteRequests(core.emu, 'ben', ['t1'], ComeIn));
    assert.equal((await addAs('extra', 'ben')).friend_result_code, 30539, 'room again');
  });

  it('a change rolled back with its operation or its whole commit leaves no row and tells nobody', async function () {
    const frames: string[] = [];
    loginDevice(core, 'ben', frames);
    setPermission('ben', AllowAny);
    await assert.rejects(inFailingOp(core, () => addFriend(core.emu, 'ann', ask('ben'))), ApiError);
    await inFailingCommit(core, addAs('ann', 'ben'));
    setPermission('ben', NeedConfirm);
    await inFailingCommit(core, addAs('ann', 'ben'));
    assert.deepEqual(friendListOf(core.emu, 'ann'), []);
    assert.deepEqual(friendListOf(core.emu, 'ben'), []);
    assert.equal(core.emu.friends.request('ann', 'ben'), undefined);
    assert.deepEqual(friendEvents(frames), []);
    // Committed, then a delete and an answer rolled back: the friendship and the request stay.
    setPermission('ben', AllowAny);
    await addAs('ann', 'ben');
    setPermission('ann', NeedConfirm);
    ensure('cy');
    await addAs('cy', 'ann');
    await inFailingCommit(core, core.queue.enqueue(() => deleteFriends(core.emu, 'ben', ['ann'], TIMFriendType.Both)));
    await assert.rejects(inFailingOp(core, () => answerRequest(core.emu, 'ann', { requester: 'cy', action: TIMFriendResponseAction.AgreeAndAdd, remark: '', groupName: '' })), ApiError);
    await assert.rejects(inFailingOp(core, () => modifyFriend(core.emu, 'ann', 'ben', { remark: 'gone' })), ApiError);
    assert.deepEqual(idsOf(friendListOf(core.emu, 'ann')), ['ben']);
    assert.equal(friendListOf(core.emu, 'ann')[0]?.friend_profile_remark, '');
    assert.deepEqual(idsOf(friendListOf(core.emu, 'ben')), ['ann']);
    assert.ok(core.emu.friends.request('cy', 'ann') !== undefined);
    assert.deepEqual(friendEvents(frames), [['OnAddFriend', ['ann']]]);
  });

  it('after a restart: friend lists with their fields and order, requests, read marks and add permissions are as they were', async function () {
    ensure('cy');
    setPermission('ben', AllowAny);
    setPermission('cy', AllowAny);
    await addAs('ann', 'cy', { friendship_add_friend_param_remark: 'C', friendship_add_friend_param_group_name: 'team', friendship_add_friend_param_add_source: 'AddSource_Type_X' });
    clock += 1;
    await addAs('ann', 'ben', { friendship_add_friend_param_friend_type: 0 });
    await core.queue.enqueue(() => modifyFriend(core.emu, 'ann', 'cy', { custom: new Map([['Tag_SNS_Custom_Lv', '3']]) }));
    setPermission('ann', DenyAny);
    await addAs('cy', 'ben', { friendship_add_friend_param_friend_type: 0 });
    setPermission('ben', NeedConfirm);
    assert.equal((await addAs('cy', 'ben', { friendship_add_friend_param_add_wording: 'both ways?' })).friend_result_code, 30539);
    await core.queue.enqueue(() => reportRead(core.emu, 'ben', 123n));
    const lists = { ann: friendListOf(core.emu, 'ann'), ben: friendListOf(core.emu, 'ben'), cy: friendListOf(core.emu, 'cy') };
    const benPage = await pageOf('ben', Both);
    core = temp.reopen();
    core.emu.serverTime = () => clock;
    assert.deepEqual({ ann: friendListOf(core.emu, 'ann'), ben: friendListOf(core.emu, 'ben'), cy: friendListOf(core.emu, 'cy') }, lists);
    assert.deepEqual(idsOf(lists.ann), ['cy', 'ben']);
    assert.deepEqual(lists.ann[0]?.friend_profile_custom_string_array, [{ friend_profile_custom_string_info_key: 'Tag_SNS_Custom_Lv', friend_profile_custom_string_info_value: '3' }]);
    assert.deepEqual(await pageOf('ben', Both), benPage);
    assert.equal(benPage.pendency_page_pendency_info_array[0]?.friend_add_pendency_info_add_wording, 'both ways?');
    assert.equal(core.emu.friends.readTimeOf('ben'), 123n);
    assert.equal(core.emu.friends.addPermissionOf('ann'), DenyAny);
    assert.equal((await addAs('ben', 'ann')).friend_result_code, 30516);
  });

  it('blocking (the core): both entries and both requests go in the block\'s operation; a block rolled back keeps them', async function () {
    const annFrames: string[] = [];
    const benFrames: string[] = [];
    loginDevice(core, 'ann', annFrames);
    loginDevice(core, 'ben', benFrames);
    setPermission('ben', AllowAny);
    await addAs('ann', 'ben');
    await addAs('ben', 'ann', { friendship_add_friend_param_friend_type: 0 });
    assert.equal((await addAs('ben', 'ann')).friend_result_code, 30015);
    await core.queue.enqueue(() => deleteFriends(core.emu, 'ben', ['ann'], TIMFriendType.Single));
    assert.equal((await addAs('ben', 'ann')).friend_result_code, 30539);
    await assert.rejects(inFailingOp(core, () => blockUsers(core.emu, 'ann', ['ben'])), ApiError);
    assert.ok(core.emu.friends.has('ann', 'ben') && core.emu.friends.request('ben', 'ann') !== undefined);
    await core.queue.enqueue(() => blockUsers(core.emu, 'ann', ['ben']));
    assert.equal(core.emu.friends.has('ann', 'ben'), false);
    assert.equal(core.emu.friends.request('ben', 'ann'), undefined);
    assert.deepEqual(friendEvents(annFrames).slice(-3).map(([name, json]) => [name, name === 'FriendBlackListAdded' ? 'ben' : json]), [
      ['FriendApplicationListDeleted', ['ben']],
      ['OnDeleteFriend', ['ben']],
      ['FriendBlackListAdded', 'ben'],
    ]);
    assert.deepEqual(friendEvents(benFrames).slice(-1), [['FriendApplicationListDeleted', ['ann']]], 'ben had lost ann from his list already');
  });
});
