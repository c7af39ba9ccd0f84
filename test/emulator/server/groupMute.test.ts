/**
 * Muting in groups, the emulator's choices and edges (docs/emulator.md "Muting"; groupMute.ts,
 * groupMuteStore.ts): who may mute whom, argument errors, the tip and report fields, what a send of a
 * muted member answers, muting everyone, a mute that outlives leaving, a handover, a dismissal; and at
 * the core level a mute's expiry by the clock, rolled-back changes and a restart, which must all leave
 * the send path's in-memory index in step with the `group_mutes` table. What Tencent documents is in
 * the API suite (apiSuite.ts, "muting"), which also runs live.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { GroupRow } from '../../../src/emulator/server/access';
import { ApiError } from '../../../src/emulator/server/apiError';
import type { Ctx } from '../../../src/emulator/server/context';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import { muteEveryone, muteMember, requireNotMuted } from '../../../src/emulator/server/groupMute';
import { addMember, Role } from '../../../src/emulator/server/groups';
import { DB_FILE } from '../../../src/emulator/server/schema';
import { stringifyTimJson } from '../../../src/tim/json';
import type { TimMessage } from '../../../src/tim/types/message';
import { expectCode } from './apiSuite';
import { type Device, type TestEnv, emulatorEnv, text } from './harness';
import { inFailingCommit, inFailingOp, loginDevice, TempCore } from './tempCore';

const GROUP = 2;
const PUBLIC = 0;
const WORK = 1;
const AVCHATROOM = 4;
const ADMIN = 300;
const TIP_MEMBER_INFO_CHANGE = 7;
const TIP_GROUP_INFO_CHANGE = 6;
const TIP_SET_ADMIN = 4;
const REPORT_SHUT_UP_MEMBER = 17;

type Elem = Record<string, unknown>;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('emulator group muting', function () {
  let env: TestEnv;
  let alice: Device;
  let bob: Device;
  let bob2: Device;
  let carol: Device;
  let dave: Device;
  let erin: Device;
  let everyone: Device[];

  /** The raw answer of a call with one JSON argument (for arguments the typed client would refuse). */
  const call = (device: Device, api: string, param: object): Promise<{ code: number; desc: string; json: string }> => device.endpoint.call(api, [stringifyTimJson(param)]);
  const mute = async (device: Device, groupId: string, user: string, seconds: unknown, extra: object = {}): Promise<number> =>
    (
      await call(device, 'TIMGroupModifyMemberInfo', {
        group_modify_member_info_group_id: groupId,
        group_modify_member_info_identifier: user,
        group_modify_member_info_modify_flag: 0x4,
        group_modify_member_info_shutup_time: seconds,
        ...extra,
      })
    ).code;
  const muteAll = async (device: Device, groupId: string, muted: unknown, extra: object = {}): Promise<number> =>
    (await call(device, 'TIMGroupModifyGroupInfo', { group_modify_info_param_group_id: groupId, group_modify_info_param_modify_flag: 0x100, group_modify_info_param_is_shutup_all: muted, ...extra })).code;
  const send = (device: Device, groupId: string, content: string, online = false): Promise<{ code: number; desc: string; json: string }> =>
    device.endpoint.call('TIMMsgSendMessage', [groupId, GROUP, stringifyTimJson({ ...text(content), ...(online ? { message_is_online_msg: true } : {}) })]);
  const createGroup = async (name: string, type: number, members: Array<[Device, number?]>): Promise<string> =>
    (
      await alice.client.groupCreate({
        create_group_param_group_name: name,
        create_group_param_group_type: type,
        create_group_param_group_member_array: members.map(([device, role]) => ({ group_member_info_identifier: device.userId, group_member_info_member_role: role ?? 200 })),
      } as never)
    ).create_group_result_groupid;
  const members = async (device: Device, groupId: string) =>
    (await device.client.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: groupId } as never)).group_get_member_info_list_result_info_array;
  const shutupTime = async (groupId: string, user: string): Promise<number | undefined> =>
    (await members(alice, groupId)).find((m) => m.group_member_info_identifier === user)?.group_member_info_shutup_time;
  const received = (device: Device): TimMessage[] => device.events.all('RecvNewMsg').flat();
  /** The group tip elems of `tipType` in `groupId` that `device` received so far. */
  const tipsOf = (device: Device, groupId: string, tipType: number): Elem[] =>
    received(device)
      .filter((m) => m.message_conv_id === groupId)
      .map((m) => m.message_elem_array[0] as Elem)
      .filter((e) => e.elem_type === 5 && e.group_tips_elem_tip_type === tipType);
  /** The group report messages about `groupId` that `device` received so far. */
  const reportsOf = (device: Device, groupId: string): TimMessage[] =>
    received(device).filter((m) => m.message_conv_type === 3 && (m.message_elem_array[0] as Elem).group_report_elem_group_id === groupId);
  /**
   * Sends a marker from alice and waits until every other device in `devices` got it: whatever came
   * before it has arrived (on alice's sending device too, whose events of earlier commits precede the answer).
   */
  const settle = async (groupId: string, devices: Device[]): Promise<void> => {
    const marker = await alice.client.msgSendMessage(groupId, GROUP, text(`marker ${Math.random()}`));
    for (const device of devices.filter((d) => d !== alice)) {
      await device.events.waitFor('RecvNewMsg', (list) => list.some((m) => m.message_msg_id === marker.messageId));
    }
  };

  before(async function () {
    env = await emulatorEnv();
    alice = await env.device('alice', 'laptop');
    bob = await env.device('bob', 'laptop');
    bob2 = await env.device('bob', 'phone');
    carol = await env.device('carol', 'laptop');
    dave = await env.device('dave', 'laptop');
    erin = await env.device('erin', 'laptop');
    everyone = [alice, bob, bob2, carol, dave, erin];
  });

  after(async function () {
    await env?.close();
  });

  afterEach(function () {
    everyone.forEach((device) => device.events.clear());
  });

  it('the owner mutes a member: their sends (online and legacy too) fail with 10017 and status 3, the others write; one MemberInfoChange tip to every member, one ShutUpMember report to the muted member\'s devices only; unmuting tells the same with 0', async function () {
    const groupId = await createGroup('mute basics', PUBLIC, [[bob], [carol], [dave]]);
    const start = nowSeconds();
    assert.equal(await mute(alice, groupId, 'bob', 60), 0);
    const end = nowSeconds();
    const refused = await send(bob, groupId, 'refused while muted');
    assert.equal(refused.code, 10017);
    assert.match(refused.desc, new RegExp(`bob is muted in group ${groupId.replace(/[$#.]/g, '\\$&')} until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z`));
    assert.equal((JSON.parse(refused.json) as { message_status: number }).message_status, 3);
    assert.equal((await send(bob2, groupId, 'refused online while muted', true)).code, 10017);
    await expectCode(bob.client.msgSendNewMsg(groupId, GROUP, text('refused legacy')), 10017);
    await carol.client.msgSendMessage(groupId, GROUP, text('carol still writes'));
    const until = Number(await shutupTime(groupId, 'bob'));
    assert.ok(until >= start + 60 && until <= end + 60, `muted until now + 60: ${until}`);
    assert.equal(await shutupTime(groupId, 'carol'), 0);
    const inGroup = [alice, bob, bob2, carol, dave];
    await settle(groupId, inGroup);
    for (const device of inGroup) {
      assert.deepEqual(tipsOf(device, groupId, TIP_MEMBER_INFO_CHANGE), [
        {
          elem_type: 5,
          group_tips_elem_tip_type: TIP_MEMBER_INFO_CHANGE,
          group_tips_elem_join_type: 0,
          group_tips_elem_op_user: 'alice',
          group_tips_elem_group_id: groupId,
          group_tips_elem_user_array: ['bob'],
          group_tips_elem_member_num: 4,
          group_tips_elem_group_change_info_array: [],
          group_tips_elem_member_change_info_array: [{ group_tips_member_change_info_identifier: 'bob', group_tips_member_change_info_shutupTime: 60 }],
          group_tips_elem_platform: '',
        },
      ], device.userId);
      assert.ok(!received(device).some((m) => (m.message_elem_array[0] as Elem).text_elem_content?.toString().startsWith('refused')), 'the refused messages never arrived');
    }
    for (const device of [bob, bob2]) {
      const reports = reportsOf(device, groupId);
      assert.equal(reports.length, 1);
      const report = reports[0] as TimMessage;
      assert.equal(report.message_sender, '@TIM#SYSTEM');
      assert.deepEqual(report.message_elem_array, [
        {
          elem_type: 8,
          group_report_elem_report_type: REPORT_SHUT_UP_MEMBER,
          group_report_elem_group_id: groupId,
          group_report_elem_group_name: 'mute basics',
          group_report_elem_op_user: 'alice',
          group_report_elem_msg: '',
          group_report_elem_user_data: '',
          group_report_elem_platform: '',
          group_report_elem_shut_up_time: 60,
        },
      ]);
    }
    for (const device of [alice, carol, dave, erin]) {
      assert.deepEqual(reportsOf(device, groupId), [], `${device.userId} gets no report`);
    }
    everyone.forEach((device) => device.events.clear());
    assert.equal(await mute(alice, groupId, 'bob', 0), 0);
    await bob.client.msgSendMessage(groupId, GROUP, text('bob writes again'));
    assert.equal(await shutupTime(groupId, 'bob'), 0);
    await settle(groupId, inGroup);
    for (const device of inGroup) {
      const tips = tipsOf(device, groupId, TIP_MEMBER_INFO_CHANGE);
      assert.deepEqual(tips.map((tip) => tip.group_tips_elem_member_change_info_array), [[{ group_tips_member_change_info_identifier: 'bob', group_tips_member_change_info_shutupTime: 0 }]]);
    }
    assert.deepEqual(reportsOf(bob2, groupId).map((m) => (m.message_elem_array[0] as Elem).group_report_elem_shut_up_time), [0]);
    assert.deepEqual(reportsOf(carol, groupId), []);
  });

  it('who mutes whom: the owner admins and members, an admin members only; nobody the owner or themselves; a member nobody (10007); a target who is not a member 10004; a refusal changes nothing', async function () {
    const groupId = await createGroup('mute rights', PUBLIC, [[bob, ADMIN], [carol, ADMIN], [dave]]);
    assert.equal(await mute(bob, groupId, 'dave', 30), 0, 'an admin mutes a member');
    assert.equal(await mute(bob, groupId, 'carol', 30), 10007, 'an admin mutes no other admin');
    assert.equal(await mute(bob, groupId, 'alice', 30), 10007, 'nor the owner');
    assert.equal(await mute(bob, groupId, 'bob', 30), 10007, 'nor themselves');
    assert.equal(await mute(alice, groupId, 'alice', 30), 10007, 'the owner does not mute themselves');
    assert.equal(await mute(dave, groupId, 'dave', 0), 10007, 'a member unmutes nobody, themselves included');
    assert.equal(await mute(dave, groupId, 'carol', 30), 10007, 'a member mutes nobody');
    assert.equal(await mute(alice, groupId, 'carol', 30), 0, 'the owner mutes an admin');
    assert.equal(await mute(alice, groupId, 'erin', 30), 10004, 'not a member');
    assert.equal(await mute(erin, groupId, 'dave', 30), 10007, 'a caller who is not a member');
    assert.equal(await mute(alice, 'no-such-group', 'dave', 30), 10010);
    assert.equal((await send(carol, groupId, 'a muted admin')).code, 10017);
    assert.equal(await shutupTime(groupId, 'alice'), 0);
    assert.equal(await shutupTime(groupId, 'bob'), 0);
    await settle(groupId, [alice]);
    assert.deepEqual(tipsOf(alice, groupId, TIP_MEMBER_INFO_CHANGE).map((tip) => [tip.group_tips_elem_op_user, tip.group_tips_elem_user_array]), [
      ['bob', ['dave']],
      ['alice', ['carol']],
    ]);
  });

  it('Work groups do not support muting (10007 for the owner too, both calls); AVChatRoom groups do, as Public ones', async function () {
    const work = await createGroup('mute work', WORK, [[bob]]);
    assert.equal(await mute(alice, work, 'bob', 60), 10007);
    assert.equal(await muteAll(alice, work, true), 10007);
    assert.equal(await muteAll(bob, work, true), 10007);
    await bob.client.msgSendMessage(work, GROUP, text('Work groups never mute'));
    const [info] = await alice.client.groupGetGroupInfoList([work]);
    assert.equal(info?.get_groups_info_result_info?.group_detail_info_is_shutup_all, false);
    const live = await createGroup('mute live', AVCHATROOM, [[bob], [carol]]);
    assert.equal(await mute(alice, live, 'bob', 60), 0);
    assert.equal((await send(bob, live, 'muted in a live group')).code, 10017);
    assert.equal(await muteAll(alice, live, true), 0);
    assert.equal((await send(carol, live, 'everyone muted in a live group')).code, 10017);
    await alice.client.msgSendMessage(live, GROUP, text('the owner of a live group writes'));
  });

  it('a mute length must be whole seconds from 0 to 4294967295, else 6017 and nothing changes; the longest mute ends at 4294967295', async function () {
    const groupId = await createGroup('mute values', PUBLIC, [[bob]]);
    for (const bad of [-1, 1.5, 4294967296, '60', true, undefined, null]) {
      assert.equal(await mute(alice, groupId, 'bob', bad), 6017, String(bad));
    }
    const withCard = { group_modify_member_info_modify_flag: 0x4 | 0x8, group_modify_member_info_name_card: 'not set' };
    assert.equal(await mute(alice, groupId, 'bob', -5, withCard), 6017);
    const bobInfo = (await members(alice, groupId)).find((m) => m.group_member_info_identifier === 'bob');
    assert.deepEqual([bobInfo?.group_member_info_shutup_time, bobInfo?.group_member_info_name_card], [0, '']);
    await bob.client.msgSendMessage(groupId, GROUP, text('never muted'));
    assert.equal(await mute(alice, groupId, 'bob', 4294967295), 0);
    assert.equal(await shutupTime(groupId, 'bob'), 4294967295);
    assert.equal((await send(bob, groupId, 'muted for good')).code, 10017);
  });

  it('an unmute of someone not muted succeeds and tells nobody; muting again replaces the end', async function () {
    const groupId = await createGroup('mute idempotent', PUBLIC, [[bob], [carol]]);
    assert.equal(await mute(alice, groupId, 'bob', 0), 0);
    assert.equal(await mute(alice, groupId, 'bob', 3600), 0);
    assert.equal(await mute(alice, groupId, 'bob', 60), 0);
    const until = Number(await shutupTime(groupId, 'bob'));
    assert.ok(until <= nowSeconds() + 60, `the later call's end replaced the earlier one: ${until}`);
    await settle(groupId, [carol, bob]);
    assert.deepEqual(tipsOf(carol, groupId, TIP_MEMBER_INFO_CHANGE).map((tip) => tip.group_tips_elem_member_change_info_array), [
      [{ group_tips_member_change_info_identifier: 'bob', group_tips_member_change_info_shutupTime: 3600 }],
      [{ group_tips_member_change_info_identifier: 'bob', group_tips_member_change_info_shutupTime: 60 }],
    ]);
    assert.deepEqual(reportsOf(bob, groupId).map((m) => (m.message_elem_array[0] as Elem).group_report_elem_shut_up_time), [3600, 60]);
  });

  it('a mute with a role and a name card in one call: all applied, one tip per kind (SetAdmin, then MemberInfoChange); a refused mute refuses the whole call', async function () {
    const groupId = await createGroup('mute combined', PUBLIC, [[bob, ADMIN], [carol], [dave]]);
    const code = await mute(alice, groupId, 'carol', 120, {
      group_modify_member_info_modify_flag: 0x2 | 0x4 | 0x8,
      group_modify_member_info_member_role: ADMIN,
      group_modify_member_info_name_card: 'Carol',
    });
    assert.equal(code, 0);
    const carolInfo = (await members(alice, groupId)).find((m) => m.group_member_info_identifier === 'carol');
    assert.equal(carolInfo?.group_member_info_member_role, ADMIN);
    assert.equal(carolInfo?.group_member_info_name_card, 'Carol');
    assert.ok(Number(carolInfo?.group_member_info_shutup_time) > nowSeconds());
    assert.equal((await send(carol, groupId, 'a muted new admin')).code, 10017);
    assert.equal(await mute(bob, groupId, 'dave', 60, { group_modify_member_info_modify_flag: 0x4 | 0x8, group_modify_member_info_name_card: 'Dave' }), 0);
    assert.equal(await mute(bob, groupId, 'carol', 60, { group_modify_member_info_modify_flag: 0x4 | 0x8, group_modify_member_info_name_card: 'not Carol' }), 10007);
    assert.equal((await members(alice, groupId)).find((m) => m.group_member_info_identifier === 'carol')?.group_member_info_name_card, 'Carol');
    await settle(groupId, [dave]);
    const tipTypes = received(dave)
      .filter((m) => m.message_conv_id === groupId && (m.message_elem_array[0] as Elem).elem_type === 5)
      .map((m) => (m.message_elem_array[0] as Elem).group_tips_elem_tip_type);
    assert.deepEqual(tipTypes, [1, TIP_SET_ADMIN, TIP_MEMBER_INFO_CHANGE, TIP_MEMBER_INFO_CHANGE]);
  });

  it('muting everyone: the owner and admins only; normal members\' sends fail with 10017, the owner\'s and admins\' go; a GroupInfoChange tip with flag 8 and the bool value; the group info and joined list show it', async function () {
    const groupId = await createGroup('mute everyone', PUBLIC, [[bob, ADMIN], [carol]]);
    assert.equal(await muteAll(carol, groupId, true), 10007, 'a normal member may not');
    assert.equal(await muteAll(alice, groupId, 'yes'), 6017);
    assert.equal(await muteAll(alice, groupId, undefined), 6017);
    assert.equal(await muteAll(alice, groupId, true, { group_modify_info_param_modify_flag: 0x100 | 0x80000000, group_modify_info_param_owner: 'bob' }), 6017, 'a handover goes alone');
    assert.equal(await muteAll(alice, groupId, true, { group_modify_info_param_modify_flag: 0x1 | 0x100, group_modify_info_param_group_name: 'quiet please' }), 0);
    const refused = await send(carol, groupId, 'refused while everyone is muted');
    assert.equal(refused.code, 10017);
    assert.match(refused.desc, /muted for everyone but its owner and admins/);
    assert.equal((await send(carol, groupId, 'refused online', true)).code, 10017);
    await bob.client.msgSendMessage(groupId, GROUP, text('the admin writes'));
    await alice.client.msgSendMessage(groupId, GROUP, text('the owner writes'));
    const [info] = await carol.client.groupGetGroupInfoList([groupId]);
    assert.equal(info?.get_groups_info_result_info?.group_detail_info_is_shutup_all, true);
    const joined = (await carol.client.groupGetJoinedGroupList()).find((g) => g.group_base_info_group_id === groupId);
    assert.equal(joined?.group_base_info_is_shutup_all, true);
    assert.equal(await shutupTime(groupId, 'carol'), 0, 'muting everyone sets nobody\'s own mute');
    assert.equal(await muteAll(bob, groupId, false), 0, 'an admin may');
    await carol.client.msgSendMessage(groupId, GROUP, text('carol writes again'));
    assert.equal((await alice.client.groupGetJoinedGroupList()).find((g) => g.group_base_info_group_id === groupId)?.group_base_info_is_shutup_all, false);
    await settle(groupId, [carol]);
    assert.deepEqual(tipsOf(carol, groupId, TIP_GROUP_INFO_CHANGE).map((tip) => [tip.group_tips_elem_op_user, tip.group_tips_elem_group_change_info_array]), [
      [
        'alice',
        [
          { group_tips_group_change_info_flag: 1, group_tips_group_change_info_value: 'quiet please' },
          { group_tips_group_change_info_flag: 8, group_tips_group_change_info_value: '', group_tips_group_change_info_bool_value: true },
        ],
      ],
      ['bob', [{ group_tips_group_change_info_flag: 8, group_tips_group_change_info_value: '', group_tips_group_change_info_bool_value: false }]],
    ]);
    assert.deepEqual(reportsOf(carol, groupId), [], 'muting everyone sends no report');
  });

  it('a muted member who quits and joins again, or is removed and invited again, is still muted', async function () {
    const groupId = await createGroup('mute outlives', PUBLIC, [[bob], [carol]]);
    assert.equal(await mute(alice, groupId, 'bob', 600), 0);
    const until = await shutupTime(groupId, 'bob');
    await bob.client.groupQuit(groupId);
    assert.equal(await shutupTime(groupId, 'bob'), undefined, 'not listed while out');
    await bob.client.groupJoin(groupId, 'back');
    assert.equal(await shutupTime(groupId, 'bob'), until);
    assert.equal((await send(bob, groupId, 'still muted after rejoining')).code, 10017);
    await alice.client.groupDeleteMember({ group_delete_member_param_group_id: groupId, group_delete_member_param_identifier_array: ['bob'] });
    await alice.client.groupInviteMember({ group_invite_member_param_group_id: groupId, group_invite_member_param_identifier_array: ['bob'] });
    assert.equal((await send(bob, groupId, 'still muted after an invitation')).code, 10017);
  });

  it('a handover to a muted member ends their mute (nobody mutes the owner); the new owner may mute the old one', async function () {
    const groupId = await createGroup('mute handover', PUBLIC, [[bob]]);
    assert.equal(await mute(alice, groupId, 'bob', 600), 0);
    await alice.client.groupModifyGroupInfo({ group_modify_info_param_group_id: groupId, group_modify_info_param_modify_flag: 0x80000000, group_modify_info_param_owner: 'bob' });
    assert.equal(await shutupTime(groupId, 'bob'), 0);
    await bob.client.msgSendMessage(groupId, GROUP, text('the new owner writes'));
    assert.equal(await mute(bob, groupId, 'alice', 60), 0);
    assert.equal((await send(alice, groupId, 'the old owner, muted')).code, 10017);
  });

  it('a dismissal deletes the group\'s mutes', async function () {
    const groupId = await createGroup('mute dismissed', PUBLIC, [[bob]]);
    assert.equal(await mute(alice, groupId, 'bob', 600), 0);
    const db = new Database(join(env.dataDir as string, DB_FILE), { readonly: true });
    try {
      const mutes = (): unknown => db.prepare('SELECT count(*) FROM group_mutes WHERE group_id = ?').pluck().get(groupId);
      assert.equal(mutes(), 1);
      await alice.client.groupDelete(groupId);
      assert.equal(mutes(), 0);
    } finally {
      db.close();
    }
  });
});

describe('emulator group muting at the core level', function () {
  let temp: TempCore;
  let core: EmulatorCore;
  let clock: number;

  const ctx = (): Ctx => ({ emu: core.emu }) as unknown as Ctx;
  const team = (): GroupRow => core.emu.access.groupRow('team') as GroupRow;
  const mute = (seconds: number): Promise<void> => core.queue.enqueue(() => muteMember(ctx(), team(), 'ann', 'ben', seconds));
  /** ben's send check in team: undefined when he may write, else the code. */
  const sendRefusal = (): number | undefined => {
    try {
      requireNotMuted(core.emu, core.emu.access.conv('ben', 'team', GROUP), 'ben');
      return undefined;
    } catch (error: unknown) {
      return error instanceof ApiError ? error.code : -1;
    }
  };
  /** The `group_mutes` rows and the index agreeing with them, for ben and ann. */
  const assertInStep = (): void => {
    for (const user of ['ann', 'ben']) {
      const row = core.db.prepare("SELECT muted_until FROM group_mutes WHERE group_id = 'team' AND user_id = ?").pluck().get(user) as number | undefined;
      assert.equal(core.emu.groupMutes.storedUntil('team', user), row ?? 0, user);
    }
  };
  /** Tips and reports among `frames`: [tip type or report type, shutup time]. */
  const muteNews = (frames: string[]): Array<[string, number]> =>
    frames
      .map((frame) => JSON.parse(frame) as { event?: { name: string; json: string } })
      .filter((frame) => frame.event?.name === 'RecvNewMsg')
      .flatMap((frame) => JSON.parse(frame.event?.json ?? '[]') as TimMessage[])
      .map((m) => m.message_elem_array[0] as Elem)
      .flatMap((e): Array<[string, number]> =>
        e.elem_type === 8
          ? [['report', e.group_report_elem_shut_up_time as number]]
          : e.group_tips_elem_tip_type === TIP_MEMBER_INFO_CHANGE
            ? [['tip', (e.group_tips_elem_member_change_info_array as Elem[])[0]?.group_tips_member_change_info_shutupTime as number]]
            : [],
      );

  beforeEach(async () => {
    temp = new TempCore('tim-group-mute-');
    core = temp.core;
    clock = 1_000_000;
    core.emu.serverTime = () => clock;
    await core.queue.enqueue(() => {
      core.db.prepare("INSERT INTO groups(group_id, name, type, owner, created, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 2000)").run();
      addMember(ctx(), 'team', 'ann', Role.OWNER);
      addMember(ctx(), 'team', 'ben', Role.NORMAL);
    });
  });

  afterEach(() => {
    temp.close();
  });

  it('a mute ends by the clock: no timer, the end stays stored, it no longer blocks and reads as 0; unmuting then tells nobody', async function () {
    const benFrames: string[] = [];
    loginDevice(core, 'ben', benFrames);
    await mute(1);
    assert.equal(sendRefusal(), 10017);
    assert.equal(core.emu.groupMutes.activeUntil('team', 'ben', clock), clock + 1);
    clock += 1;
    assert.equal(sendRefusal(), undefined, 'the end has come');
    assert.equal(core.emu.groupMutes.activeUntil('team', 'ben', clock), 0);
    assert.equal(core.emu.groupMutes.storedUntil('team', 'ben'), clock);
    await mute(0);
    assert.equal(core.emu.groupMutes.storedUntil('team', 'ben'), 0, 'the stale row went');
    assertInStep();
    assert.deepEqual(muteNews(benFrames), [['tip', 1], ['report', 1]], 'the unmute of an ended mute made no tip or report');
  });

  it('muting everyone: stored on the group row, read by the membership check; the owner is never blocked by it', async function () {
    assert.equal(sendRefusal(), undefined);
    const change = await core.queue.enqueue(() => muteEveryone(ctx(), 'team', true));
    assert.equal(change.group_tips_group_change_info_bool_value, true);
    assert.equal(core.emu.access.conv('ben', 'team', GROUP).shutupAll, true);
    assert.equal(sendRefusal(), 10017);
    assert.doesNotThrow(() => requireNotMuted(core.emu, core.emu.access.conv('ann', 'team', GROUP), 'ann'));
    core = temp.reopen();
    assert.equal(sendRefusal(), 10017, 'kept across a restart');
  });

  it('a mute or unmute rolled back with its operation, or with its whole commit, leaves the index as the table is, and tells nobody', async function () {
    const benFrames: string[] = [];
    loginDevice(core, 'ben', benFrames);
    await assert.rejects(inFailingOp(core, () => muteMember(ctx(), team(), 'ann', 'ben', 60)), ApiError);
    assertInStep();
    await inFailingCommit(core, mute(60));
    assertInStep();
    assert.equal(sendRefusal(), undefined);
    assert.deepEqual(muteNews(benFrames), [], 'nothing rolled back was told');
    // Committed, then a new end, an unmute and the group's deletion rolled back: the first end stands.
    await mute(60);
    const until = core.emu.groupMutes.storedUntil('team', 'ben');
    await assert.rejects(inFailingOp(core, () => muteMember(ctx(), team(), 'ann', 'ben', 3600)), ApiError);
    await inFailingCommit(core, mute(0));
    await assert.rejects(inFailingOp(core, () => core.emu.groupMutes.clearGroup('team')), ApiError);
    await inFailingCommit(core, core.queue.enqueue(() => core.emu.groupMutes.clearGroup('team')));
    assertInStep();
    assert.equal(core.emu.groupMutes.storedUntil('team', 'ben'), until);
    assert.equal(sendRefusal(), 10017);
    // A change in the same commit as another operation that fails stands; that one's does not.
    const mixed = await Promise.allSettled([mute(0), inFailingOp(core, () => muteMember(ctx(), team(), 'ann', 'ben', 5))]);
    assert.deepEqual(mixed.map((r) => r.status), ['fulfilled', 'rejected']);
    assertInStep();
    assert.equal(sendRefusal(), undefined);
    assert.deepEqual(muteNews(benFrames), [['tip', 60], ['report', 60], ['tip', 0], ['report', 0]]);
  });

  it('after a restart the index is loaded from the table', async function () {
    await mute(600);
    const until = core.emu.groupMutes.storedUntil('team', 'ben');
    core = temp.reopen();
    core.emu.serverTime = () => clock;
    assert.equal(core.emu.groupMutes.storedUntil('team', 'ben'), until);
    assert.equal(sendRefusal(), 10017);
    assertInStep();
    // The reopened index goes on following changes.
    await mute(0);
    assertInStep();
    assert.equal(sendRefusal(), undefined);
  });
});
