/**
 * A group panel's pinned messages on the host (pinnedMessages.ts): read with the user's role, kept
 * current from MsgGroupPinnedMessageChanged, pinned and unpinned with TIM's refusals turned into the
 * panel's errors. The TIM side is the recording fake endpoint: what goes over the seam is what is
 * checked here; the emulator's pins are tested in the API suite and through the real extension host.
 */
import assert from 'node:assert/strict';
import { PinnedMessages, pinnedMessageViews } from '../../../src/extension/chat/pinnedMessages';
import type { ConversationRef } from '../../../src/extension/conversations/conversationKey';
import { TimClient } from '../../../src/tim/client';
import { TIMConvType, TIMGroupMemberRole } from '../../../src/tim/enums';
import { parseTimJson, stringifyTimJson } from '../../../src/tim/json';
import type { TimMessage } from '../../../src/tim/types/message';
import { FakeEndpoint } from '../../tim/fakeEndpoint';
import { MESSAGE } from '../../tim/samples';

const GROUP: ConversationRef = { id: 'team', type: TIMConvType.Group };
const message = (id: string, pinner = 'alice'): TimMessage => ({ ...MESSAGE, message_msg_id: id, message_conv_id: 'team', message_conv_type: TIMConvType.Group, message_pinner_user_id: pinner });
const errors = { tooMany: () => new Error('too many'), notAllowed: () => new Error('not allowed'), unavailable: () => new Error('no pins here') };

function setUp(role: number = TIMGroupMemberRole.Admin, ref: ConversationRef = GROUP) {
  const endpoint = new FakeEndpoint();
  const client = new TimClient(endpoint);
  const warnings: string[] = [];
  let server: TimMessage[] = [message('m2'), message('m1')];
  endpoint.respond('TIMGetPinnedGroupMessageList', () => ({ code: 0, desc: '', json: stringifyTimJson(server) }));
  endpoint.respond('TIMGroupGetMemberInfoList', () => ({
    code: 0,
    desc: '',
    json: JSON.stringify({ group_get_member_info_list_result_next_seq: 0, group_get_member_info_list_result_info_array: [{ group_member_info_identifier: 'me', group_member_info_member_role: role }] }),
  }));
  const pins = new PinnedMessages(ref, () => client, () => 'me', (w) => warnings.push(w));
  return { endpoint, pins, warnings, setServer: (list: TimMessage[]) => (server = list) };
}

describe('pinned message views', () => {
  it('name the sender and the pinner by name card, nickname or id, the user as "You", with a one-line summary', () => {
    const t = (text: string, ...args: unknown[]) => text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
    const views = pinnedMessageViews(
      [
        { ...message('m1', 'bob'), message_sender: 'me', message_pinner_name_card: 'Bobby' },
        { ...message('m2', 'me'), message_sender: 'carol', message_sender_profile: { user_profile_identifier: 'carol', user_profile_nick_name: 'Carol Wang' } as never },
      ],
      { selfId: 'me', displayName: () => undefined, t },
    );
    assert.deepEqual(views.map((v) => [v.id, v.senderName, v.pinnedBy]), [['m1', 'You', 'Bobby'], ['m2', 'Carol Wang', 'You']]);
    assert.ok(views.every((v) => v.text.length > 0 && !v.text.includes('\n')));
  });
});

describe('PinnedMessages', () => {
  it("reads the group's list and only the user's own member info; owners and admins may pin, members not", async () => {
    for (const [role, may] of [[TIMGroupMemberRole.Owner, true], [TIMGroupMemberRole.Admin, true], [TIMGroupMemberRole.Normal, false]] as const) {
      const { endpoint, pins } = setUp(role);
      assert.equal(await pins.refresh(), true);
      assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['m2', 'm1']);
      assert.equal(pins.canPin, may, `role ${role}`);
      const roleCall = endpoint.calls.find((c) => c.api === 'TIMGroupGetMemberInfoList');
      assert.deepEqual(parseTimJson(String(roleCall?.args[0])), { group_get_members_info_list_param_group_id: 'team', group_get_members_info_list_param_identifier_array: ['me'] });
      assert.deepEqual(endpoint.calls.find((c) => c.api === 'TIMGetPinnedGroupMessageList')?.args, ['team']);
      assert.equal(await pins.refresh(), false, 'nothing changed the second time');
    }
  });

  it('asks nothing in a one-to-one chat', async () => {
    const { endpoint, pins } = setUp(TIMGroupMemberRole.Owner, { id: 'bob', type: TIMConvType.C2C });
    assert.equal(await pins.refresh(), false);
    assert.equal(pins.canPin, false);
    assert.deepEqual(endpoint.calls, []);
    await assert.rejects(pins.setPinned(message('m1'), true, errors), /not allowed/);
  });

  it('never takes a list read while a change arrived (it may be older): it reads again, at most three times', async () => {
    const { endpoint, pins } = setUp();
    const answer = (list: TimMessage[]) => ({ code: 0, desc: '', json: stringifyTimJson(list) });
    let reads = 0;
    endpoint.respond('TIMGetPinnedGroupMessageList', () => {
      reads += 1;
      if (reads === 1) {
        // bob's pin lands while the first answer, from before it, is on its way.
        pins.apply({ groupId: 'team', message: message('m3', 'bob'), isPinned: true, opUser: 'bob' });
        return answer([message('m2'), message('m1')]);
      }
      return answer([message('m3', 'bob'), message('m2'), message('m1')]);
    });
    assert.equal(await pins.refresh(), true);
    assert.equal(reads, 2);
    assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['m3', 'm2', 'm1']);

    // A change racing every read: after three reads the list stays as the changes left it.
    reads = 0;
    endpoint.respond('TIMGetPinnedGroupMessageList', () => {
      reads += 1;
      pins.apply({ groupId: 'team', message: message(`n${reads}`, 'bob'), isPinned: true, opUser: 'bob' });
      return answer([]);
    });
    await pins.refresh();
    assert.equal(reads, 3);
    assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['n3', 'n2', 'n1', 'm3', 'm2', 'm1']);
  });

  it('applies change events of its own group: a pin goes first, an unpin leaves', async () => {
    const { pins } = setUp();
    await pins.refresh();
    assert.deepEqual(pins.apply({ groupId: 'team', message: message('m3', 'bob'), isPinned: true, opUser: 'bob' }), ['m3']);
    assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['m3', 'm2', 'm1']);
    assert.deepEqual(pins.apply({ groupId: 'team', message: message('m2'), isPinned: false, opUser: 'bob' }), ['m2']);
    assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['m3', 'm1']);
    assert.deepEqual(pins.apply({ groupId: 'team', message: message('m9'), isPinned: false, opUser: 'bob' }), [], 'unpinning what was not pinned changes nothing');
    assert.deepEqual(pins.apply({ groupId: 'other', message: message('m7'), isPinned: true, opUser: 'bob' }), [], "another group's event");
    assert.equal(pins.isPinned('m7'), false);
  });

  it('pins and unpins over TIMPinGroupMessage, and shows the change before the event arrives', async () => {
    const { endpoint, pins } = setUp();
    await pins.refresh();
    await pins.setPinned(message('m5', ''), true, errors);
    const call = endpoint.calls.filter((c) => c.api === 'TIMPinGroupMessage').pop();
    assert.equal(call?.args[0], 'team');
    assert.equal((parseTimJson(String(call?.args[1])) as TimMessage).message_msg_id, 'm5');
    assert.equal(call?.args[2], true);
    assert.equal(pins.list()[0]?.message_msg_id, 'm5');
    assert.equal(pins.list()[0]?.message_pinner_user_id, 'me');
    await pins.setPinned(message('m5'), false, errors);
    assert.equal(endpoint.calls.filter((c) => c.api === 'TIMPinGroupMessage').pop()?.args[2], false);
    assert.equal(pins.isPinned('m5'), false);
  });

  it("turns TIM's refusals into the panel's errors, and reads the role again after a refusal", async () => {
    const { endpoint, pins } = setUp();
    await pins.refresh();
    endpoint.respond('TIMPinGroupMessage', { code: 10070, desc: 'pinned message count limit' });
    await assert.rejects(pins.setPinned(message('m5'), true, errors), /too many/);
    const roleReads = endpoint.calls.filter((c) => c.api === 'TIMGroupGetMemberInfoList').length;
    endpoint.respond('TIMPinGroupMessage', { code: 10007, desc: 'permission denied' });
    await assert.rejects(pins.setPinned(message('m5'), true, errors), /not allowed/);
    assert.equal(endpoint.calls.filter((c) => c.api === 'TIMGroupGetMemberInfoList').length, roleReads + 1);
    endpoint.respond('TIMPinGroupMessage', { code: 6014, desc: 'not logged in' });
    await assert.rejects(pins.setPinned(message('m5'), true, errors), /not logged in/, 'anything else as TIM said it');
  });

  it('counts "already pinned" and "not pinned" as done when the list read again agrees, and as errors when not', async () => {
    const { endpoint, pins, setServer } = setUp();
    await pins.refresh();
    endpoint.respond('TIMPinGroupMessage', { code: 10071, desc: 'already pinned' });
    setServer([message('m5', 'bob'), message('m2'), message('m1')]);
    await pins.setPinned(message('m5'), true, errors);
    assert.equal(pins.isPinned('m5'), true, 'someone else pinned it first');
    endpoint.respond('TIMPinGroupMessage', { code: 10004, desc: 'message is not pinned' });
    setServer([message('m2'), message('m1')]);
    await pins.setPinned(message('m5'), false, errors);
    assert.equal(pins.isPinned('m5'), false, 'someone else unpinned it first');
    await assert.rejects(pins.setPinned(message('m2'), false, errors), /message is not pinned/, 'still pinned on TIM: a real error');
  });

  it('turns pins off, quietly, for an app without them (60020, 7013), until the next sign-in', async () => {
    for (const code of [60020, 7013]) {
      const { endpoint, pins, warnings } = setUp(TIMGroupMemberRole.Owner);
      endpoint.respond('TIMGetPinnedGroupMessageList', { code, desc: 'service not enabled' });
      await pins.refresh();
      assert.equal(pins.canPin, false);
      assert.deepEqual(pins.list(), []);
      assert.deepEqual(warnings, []);
      const calls = endpoint.calls.length;
      assert.equal(await pins.refresh(), false);
      await assert.rejects(pins.setPinned(message('m1'), true, errors), /no pins here/);
      assert.equal(endpoint.calls.length, calls, 'nothing more is asked of TIM');
      pins.reset();
      endpoint.respond('TIMGetPinnedGroupMessageList', { json: '[]' });
      await pins.refresh();
      assert.equal(pins.canPin, true, 'asked again after a new sign-in');
    }
  });

  it('logs a failed read and keeps what it had', async () => {
    const { endpoint, pins, warnings } = setUp();
    await pins.refresh();
    endpoint.respond('TIMGetPinnedGroupMessageList', { code: 6014, desc: 'not logged in' });
    assert.equal(await pins.refresh(), false);
    assert.deepEqual(pins.list().map((m) => m.message_msg_id), ['m2', 'm1']);
    assert.match(warnings.join('\n'), /not logged in/);
  });
});
