/**
 * The blocklist's emulator choices and edges (docs/emulator.md "Blocklist"; blocklist.ts,
 * blocklistStore.ts): argument errors, per-user results, duplicates, which devices hear of a change,
 * online messages to a blocker; and at the core level the 1,000-user limit, rolled-back changes and a
 * restart, which must all leave the send path's in-memory index in step with the `blocks` table. What
 * Tencent documents is in the API suite (apiSuite.ts), which also runs live.
 */
import { strict as assert } from 'node:assert';
import { blockUsers, blocklistOf, unblockUsers } from '../../../src/emulator/server/blocklist';
import { MAX_BLOCKLIST_ENTRIES } from '../../../src/emulator/server/blocklistStore';
import { ApiError } from '../../../src/emulator/server/apiError';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import { stringifyTimJson } from '../../../src/tim/json';
import type { TimFriendProfile, TimFriendResult } from '../../../src/tim/types/friendship';
import type { TimMessage } from '../../../src/tim/types/message';
import { type Device, type TestEnv, emulatorEnv, sleep, text } from './harness';
import { inFailingCommit, inFailingOp, loginDevice, TempCore } from './tempCore';

const C2C = 1;
const GROUP = 2;

const codes = (results: readonly TimFriendResult[]): Array<[string, number]> => results.map((r) => [r.friend_result_identifier, r.friend_result_code]);
const idsOf = (list: readonly TimFriendProfile[]): string[] => list.map((p) => p.friend_profile_identifier);
const has = (msgId: string) => (list: readonly TimMessage[]): boolean => list.some((m) => m.message_msg_id === msgId);

describe('emulator blocklist', function () {
  let env: TestEnv;
  let alice: Device;
  let alice2: Device;
  let bob: Device;
  let bob2: Device;
  let carol: Device;
  let everyone: Device[];

  /** The raw answer of a call (for arguments the typed client would refuse before sending). */
  const raw = async (device: Device, api: string, args: Array<string | number>): Promise<{ code: number; desc: string; json: string }> => device.endpoint.call(api, args);
  /** Every id `device` was told of in events `name`, in order. */
  const told = (device: Device, name: 'FriendBlackListAdded' | 'FriendBlackListDeleted'): string[] =>
    name === 'FriendBlackListAdded' ? device.events.all(name).flatMap(idsOf) : device.events.all(name).flatMap((ids) => [...ids]);

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

  afterEach(async function () {
    const clearAll = (): void => everyone.forEach((device) => device.events.clear());
    clearAll();
    // Every list emptied, and the events of that received, so that none reaches the next test.
    for (const [owner, devices] of [[alice, [alice, alice2]], [bob, [bob, bob2]], [carol, [carol]]] as const) {
      const ids = idsOf(await owner.client.friendshipGetBlackList());
      if (ids.length > 0) {
        await owner.client.friendshipDeleteFromBlackList(ids);
        for (const device of devices) {
          await device.events.waitFor('FriendBlackListDeleted');
        }
      }
    }
    clearAll();
  });

  it('bad arguments are 6017 (bad JSON, NULL, not an array of non-empty strings, over 1,000 ids) and change nothing; an empty array answers []', async function () {
    await alice.client.friendshipAddToBlackList(['carol']);
    await alice2.events.waitFor('FriendBlackListAdded');
    const many = stringifyTimJson(Array.from({ length: 1001 }, (_, i) => `id${i}`));
    for (const api of ['TIMFriendshipAddToBlackList', 'TIMFriendshipDeleteFromBlackList']) {
      for (const json of ['not json', '', '{}', '"bob"', '[1]', '["bob", 2]', '[""]', '["bob", null]', many]) {
        const answer = await raw(alice, api, [json]);
        assert.equal(answer.code, 6017, `${api} ${json.slice(0, 30)}`);
        assert.match(answer.desc, /json_identifier_array must/);
      }
      const empty = await raw(alice, api, ['[]']);
      assert.deepEqual([empty.code, empty.json], [0, '[]'], `${api} []`);
    }
    assert.deepEqual(idsOf(await alice.client.friendshipGetBlackList()), ['carol'], 'nothing changed');
    // A change after them: had any of them changed something, its event would have come first.
    await alice.client.friendshipAddToBlackList(['bob']);
    await alice2.events.waitFor('FriendBlackListAdded', (list) => idsOf(list).includes('bob'));
    assert.deepEqual(told(alice2, 'FriendBlackListAdded'), ['carol', 'bob']);
    assert.deepEqual(told(alice2, 'FriendBlackListDeleted'), []);
  });

  it('per-user results: the caller\'s own id 30001, no such account 30003, already blocked 0 (add time kept, no event); a repeated id answers once, in first-seen order', async function () {
    await alice.client.friendshipAddToBlackList(['carol']);
    const [before] = await alice.client.friendshipGetBlackList();
    await sleep(1100); // a re-add that renewed the add time would show a later second
    const results = await alice.client.friendshipAddToBlackList(['bob', 'alice', 'ghost', 'carol', 'bob', 'ghost']);
    assert.deepEqual(codes(results), [['bob', 0], ['alice', 30001], ['ghost', 30003], ['carol', 0]]);
    for (const r of results.filter((x) => x.friend_result_code !== 0)) {
      assert.ok(r.friend_result_desc.length > 0, `a desc for ${r.friend_result_identifier}`);
    }
    const list = await alice.client.friendshipGetBlackList();
    assert.deepEqual(idsOf(list), ['carol', 'bob'], 'oldest first');
    assert.equal(list[0]?.friend_profile_add_time, before?.friend_profile_add_time, 'carol\'s add time is kept');
    assert.ok(Number(list[1]?.friend_profile_add_time) > Number(before?.friend_profile_add_time));
    await alice2.events.waitFor('FriendBlackListAdded', (added) => idsOf(added).includes('bob'));
    assert.deepEqual(alice2.events.all('FriendBlackListAdded').map(idsOf), [['carol'], ['bob']], 'one event per call, the newly blocked only');
  });

  it('delete answers 0 for every id, also one not blocked (no event for it); a repeated id answers once; the event lists the ids removed', async function () {
    await alice.client.friendshipAddToBlackList(['bob', 'carol']);
    const results = await alice.client.friendshipDeleteFromBlackList(['ghost', 'bob', 'alice', 'bob', 'dave']);
    assert.deepEqual(codes(results), [['ghost', 0], ['bob', 0], ['alice', 0], ['dave', 0]]);
    assert.deepEqual(idsOf(await alice.client.friendshipGetBlackList()), ['carol']);
    assert.deepEqual(codes(await alice.client.friendshipDeleteFromBlackList(['bob'])), [['bob', 0]], 'again: nothing to remove');
    await alice.client.friendshipDeleteFromBlackList(['carol']);
    await alice2.events.waitFor('FriendBlackListDeleted', (ids) => ids.includes('carol'));
    assert.deepEqual(alice2.events.all('FriendBlackListDeleted'), [['bob'], ['carol']], 'no event for the call that removed nothing');
  });

  it('a change reaches every device of the caller, the calling one included, and nobody else; each user sees and changes their own list only', async function () {
    await alice.client.friendshipAddToBlackList(['bob']);
    for (const device of [alice, alice2]) {
      const [added] = await device.events.waitFor('FriendBlackListAdded');
      assert.equal(added?.friend_profile_identifier, 'bob');
    }
    await bob.client.friendshipAddToBlackList(['alice', 'carol']);
    await bob2.events.waitFor('FriendBlackListAdded');
    await bob.client.friendshipDeleteFromBlackList(['carol']);
    await bob2.events.waitFor('FriendBlackListDeleted');
    assert.deepEqual(idsOf(await alice.client.friendshipGetBlackList()), ['bob']);
    assert.deepEqual(idsOf(await bob.client.friendshipGetBlackList()), ['alice']);
    assert.deepEqual(idsOf(await carol.client.friendshipGetBlackList()), []);
    // Bob removing an id only alice blocked changes alice's list no more than his own.
    await bob.client.friendshipDeleteFromBlackList(['bob']);
    assert.deepEqual(idsOf(await alice.client.friendshipGetBlackList()), ['bob']);
    // alice's devices get a later change of her own only after the ones before it: none of bob's came.
    await alice.client.friendshipDeleteFromBlackList(['bob']);
    for (const device of [alice, alice2]) {
      await device.events.waitFor('FriendBlackListDeleted');
      assert.deepEqual(told(device, 'FriendBlackListAdded'), ['bob']);
      assert.deepEqual(told(device, 'FriendBlackListDeleted'), ['bob']);
    }
    assert.deepEqual(told(bob, 'FriendBlackListAdded'), ['alice', 'carol'], 'bob\'s own change only: alice blocking him was not told');
    assert.deepEqual(told(bob2, 'FriendBlackListDeleted'), ['carol']);
    assert.deepEqual([...told(carol, 'FriendBlackListAdded'), ...told(carol, 'FriendBlackListDeleted')], [], 'the blocked user is never told');
  });

  it('the list and FriendBlackListAdded give the whole FriendProfile, the user profile as TIMProfileGetUserProfileList reads it', async function () {
    await carol.client.profileModifySelfUserProfile({ user_profile_item_nick_name: 'Carol C', user_profile_item_self_signature: 'hi' } as never);
    await alice.client.friendshipAddToBlackList(['carol']);
    const [entry] = await alice.client.friendshipGetBlackList();
    const [profile] = await alice.client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: ['carol'] } as never);
    assert.ok(entry !== undefined && profile !== undefined);
    assert.deepEqual(entry, {
      friend_profile_identifier: 'carol',
      friend_profile_remark: '',
      friend_profile_group_name_array: [],
      friend_profile_add_source: '',
      friend_profile_add_wording: '',
      friend_profile_add_time: entry.friend_profile_add_time,
      friend_profile_custom_string_array: [],
      friend_profile_user_profile: profile,
    });
    assert.equal(profile.user_profile_nick_name, 'Carol C');
    assert.ok(Math.abs(Number(entry.friend_profile_add_time) - Date.now() / 1000) < 5, 'seconds');
    const [added] = await alice2.events.waitFor('FriendBlackListAdded');
    assert.deepEqual(added, entry);
  });

  it('online messages (a typing notice) to a blocker fail with 20007, in a batch per receiver; notes to self and group messages still go; the blocker still writes to the blocked user', async function () {
    await alice.client.friendshipAddToBlackList(['bob']);
    const typing = { message_elem_array: [{ elem_type: 3, custom_elem_data: '{"businessID":"user_typing_status","typingStatus":1,"version":1}' }], message_is_online_msg: true };
    const online = await raw(bob, 'TIMMsgSendMessage', ['alice', C2C, stringifyTimJson(typing)]);
    assert.equal(online.code, 20007);
    assert.match(online.desc, /blocked by the receiver/);
    assert.equal((JSON.parse(online.json) as { message_status: number }).message_status, 3);
    const batch = await bob.client.msgBatchSend({ msg_batch_send_param_identifier_array: ['alice', 'carol'], msg_batch_send_param_msg: { ...text('online batch'), message_is_online_msg: true } } as never);
    assert.deepEqual(batch.map((r) => [r.msg_batch_send_result_identifier, r.msg_batch_send_result_code]), [['alice', 20007], ['carol', 0]]);
    assert.equal(batch[0]?.msg_batch_send_result_msg?.message_status, 3);
    const toSelf = await alice.client.msgSendMessage('alice', C2C, text('note to self'));
    await alice2.events.waitFor('RecvNewMsg', has(toSelf.messageId));
    const created = await alice.client.groupCreate({
      create_group_param_group_name: 'block test',
      create_group_param_group_type: 0,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }],
    } as never);
    const inGroup = await bob.client.msgSendMessage(created.create_group_result_groupid, GROUP, text('the group still hears bob'));
    await alice.events.waitFor('RecvNewMsg', has(inGroup.messageId));
    const toBob = await alice.client.msgSendMessage('bob', C2C, text('alice to bob'));
    await bob.events.waitFor('RecvNewMsg', has(toBob.messageId));
    assert.ok(!alice.events.all('RecvNewMsg').some((list) => list.some((m) => m.message_is_online_msg === true)), 'no online message reached alice');
  });
});

describe('emulator blocklist (core)', function () {
  let temp: TempCore;
  let core: EmulatorCore;

  const blockEvents = (frames: string[]): Array<[string, string]> =>
    frames
      .map((frame) => JSON.parse(frame) as { event?: { name: string; json: string } })
      .filter((frame) => frame.event?.name.startsWith('FriendBlackList') === true)
      .map((frame) => [frame.event?.name ?? '', frame.event?.json ?? '']);
  /** The table's rows of `owner`, and the index agreeing with them for every user in `users`. */
  const assertInStep = (owner: string, users: readonly string[]): void => {
    const rows = new Set(core.db.prepare('SELECT blocked FROM blocks WHERE user_id = ?').pluck().all(owner) as string[]);
    assert.equal(core.emu.blocklists.countOf(owner), rows.size, 'count');
    for (const user of users) {
      assert.equal(core.emu.blocklists.blocks(owner, user), rows.has(user), `${owner} blocks ${user}`);
    }
  };
  const block = (owner: string, ids: readonly string[]): Promise<TimFriendResult[]> => core.queue.enqueue(() => blockUsers(core.emu, owner, ids));
  const unblock = (owner: string, ids: readonly string[]): Promise<TimFriendResult[]> => core.queue.enqueue(() => unblockUsers(core.emu, owner, ids));

  beforeEach(() => {
    temp = new TempCore('tim-blocklist-');
    core = temp.core;
  });

  afterEach(() => {
    temp.close();
  });

  it(`keeps ${MAX_BLOCKLIST_ENTRIES} users per list: beyond, 30013 per id; an id already blocked still answers 0; a removal makes room`, async function () {
    const users = Array.from({ length: MAX_BLOCKLIST_ENTRIES + 2 }, (_, i) => `u${i}`);
    core.db.transaction(() => users.forEach((user) => core.emu.model.ensureUser(user)))();
    const first = await block('ann', users.slice(0, MAX_BLOCKLIST_ENTRIES));
    assert.ok(first.every((r) => r.friend_result_code === 0));
    const [over, extra] = users.slice(MAX_BLOCKLIST_ENTRIES);
    const results = await block('ann', ['u0', over as string, 'ben']);
    assert.deepEqual(codes(results), [['u0', 0], [over, 30013], ['ben', 30013]]);
    assert.match(results[1]?.friend_result_desc ?? '', /full/);
    await unblock('ann', ['u5']);
    assert.deepEqual(codes(await block('ann', [over as string, extra as string])), [[over, 0], [extra, 30013]]);
    assertInStep('ann', [...users, 'ben']);
    assert.equal(blocklistOf(core.emu, 'ann').length, MAX_BLOCKLIST_ENTRIES);
    // ben's own list is his: ann's full one does not limit it.
    assert.deepEqual(codes(await block('ben', ['ann'])), [['ann', 0]]);
  });

  it('an add or delete rolled back with its operation, or with its whole commit, leaves the index as the table is, and tells nobody', async function () {
    const annFrames: string[] = [];
    loginDevice(core, 'ann', annFrames);
    await assert.rejects(inFailingOp(core, () => blockUsers(core.emu, 'ann', ['ben'])), ApiError);
    assertInStep('ann', ['ben']);
    await inFailingCommit(core, block('ann', ['ben']));
    assertInStep('ann', ['ben']);
    assert.equal(core.emu.blocklists.blocks('ann', 'ben'), false);
    assert.deepEqual(blockEvents(annFrames), [], 'nothing rolled back was told');
    // Committed, then a delete rolled back either way: ben stays blocked.
    await block('ann', ['ben']);
    await assert.rejects(inFailingOp(core, () => unblockUsers(core.emu, 'ann', ['ben'])), ApiError);
    await inFailingCommit(core, unblock('ann', ['ben']));
    assertInStep('ann', ['ben']);
    assert.equal(core.emu.blocklists.blocks('ann', 'ben'), true);
    // A change in the same commit as another user's failed operation stands; that one's does not.
    const mixed = await Promise.allSettled([unblock('ann', ['ben']), inFailingOp(core, () => blockUsers(core.emu, 'ben', ['ann']))]);
    assert.deepEqual(mixed.map((r) => r.status), ['fulfilled', 'rejected']);
    assertInStep('ann', ['ben']);
    assertInStep('ben', ['ann']);
    assert.equal(core.emu.blocklists.blocks('ann', 'ben'), false);
    assert.equal(core.emu.blocklists.blocks('ben', 'ann'), false);
    const told = blockEvents(annFrames).map(([name, json]) => {
      const payload = JSON.parse(json) as unknown;
      return [name, name === 'FriendBlackListAdded' ? idsOf(payload as TimFriendProfile[]) : payload];
    });
    assert.deepEqual(told, [
      ['FriendBlackListAdded', ['ben']],
      ['FriendBlackListDeleted', ['ben']],
    ]);
  });

  it('after a restart the index is loaded from the table: who blocks whom, the order and the add times', async function () {
    core.emu.model.ensureUser('cy');
    await block('ann', ['cy']);
    await block('ann', ['ben']);
    await block('ben', ['cy']);
    await unblock('ann', ['cy']);
    await block('ann', ['cy']);
    const before = blocklistOf(core.emu, 'ann');
    core = temp.reopen();
    assert.deepEqual(blocklistOf(core.emu, 'ann'), before);
    assert.deepEqual(idsOf(before), ['ben', 'cy'], 'a block made again counts as new');
    assertInStep('ann', ['ben', 'cy', 'ann']);
    assertInStep('ben', ['ann', 'cy']);
    assert.equal(core.emu.blocklists.blocks('ben', 'cy'), true);
    assert.equal(core.emu.blocklists.blocks('cy', 'ben'), false);
    // The reopened index goes on following changes.
    await unblock('ben', ['cy']);
    assertInStep('ben', ['cy']);
    assert.equal(core.emu.blocklists.blocks('ben', 'cy'), false);
  });
});
