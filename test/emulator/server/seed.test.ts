/**
 * `tim-emulator seed`: demo users, groups and messages loaded into a data dir before the server starts,
 * then seen through the API as any sent message would be: with the sender's nickname, and found by a
 * search (the seed writes through the same group commit, full-text rows included).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDataDir } from '../../../src/emulator/server/seed';
import { TIMConvType, TIMElemType } from '../../../src/tim/enums';
import { replyQuoteOf } from '../../../src/tim/tuikitReply';
import { emulatorEnv, type TestEnv } from './harness';

describe('emulator seed', function () {
  this.timeout(20_000);
  let env: TestEnv;
  let summary: unknown;

  before(async () => {
    env = await emulatorEnv({
      beforeStart: async (dataDir) => {
        const file = join(dataDir, 'seed.json');
        writeFileSync(
          file,
          JSON.stringify({
            users: [{ id: 'alice', nick: 'Alice' }, { id: 'bob', nick: 'Bob' }],
            groups: [{ id: 'team', name: 'Release Team', type: 0, owner: 'alice', members: ['bob'] }],
            messages: [
              { from: 'bob', to: 'alice', text: 'the release notes are ready' },
              { from: 'bob', group: 'team', text: '请查看发布说明' },
              { from: 'alice', group: 'team', text: '@Bob thanks, merging', mentions: ['bob'], replyTo: 1 },
            ],
          }),
        );
        summary = await seedDataDir(dataDir, file);
      },
    });
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
    const conversation = (await bob.client.convGetConvList()).find((c) => c.conv_id === 'team');
    assert.equal(conversation?.conv_group_at_info_array?.length, 1, 'bob sees that he was mentioned');
  });

  it('refuses a reply to a later message or to another conversation, and mentions outside a group', async () => {
    const attempt = async (messages: unknown[]): Promise<unknown> => {
      const dir = mkdtempSync(join(tmpdir(), 'timchat-seed-'));
      try {
        const file = join(dir, 'seed.json');
        writeFileSync(file, JSON.stringify({ groups: [{ id: 'g', owner: 'a', members: ['b'] }], messages }));
        return await seedDataDir(join(dir, 'data'), file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    await assert.rejects(attempt([{ from: 'a', group: 'g', text: 'x', replyTo: 0 }]), /"replyTo" must be the index of an earlier message in its conversation/);
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x' }, { from: 'a', group: 'g', text: 'y', replyTo: 0 }]), /in its conversation/);
    await assert.rejects(attempt([{ from: 'a', to: 'b', text: 'x', mentions: ['b'] }]), /"mentions" must be user ids, in a group message/);
    assert.deepEqual(await attempt([{ from: 'a', group: 'g', text: 'x' }, { from: 'b', group: 'g', text: 'y', replyTo: 0, mentions: ['a'] }]), { users: 0, groups: 1, messages: 2 });
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
