/**
 * `tim-emulator seed`: demo users, groups and messages loaded into a data dir before the server starts,
 * then seen through the API as any sent message would be: with the sender's nickname, and found by a
 * search (the seed writes through the same group commit, full-text rows included).
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDataDir } from '../../../src/emulator/server/seed';
import { TIMConvType } from '../../../src/tim/enums';
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
    assert.deepEqual(summary, { users: 2, groups: 1, messages: 2 });
  });

  it('stores seeded messages with the sender\'s profile, as a client send does', async () => {
    const alice = await env.device('alice');
    // Roaming: the seed ran before this device existed, so its messages are not in the device's local store.
    const [c2c] = await alice.client.msgGetMsgList('bob', TIMConvType.C2C, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    assert.equal(c2c?.message_sender_profile?.user_profile_nick_name, 'Bob');
    const [group] = await alice.client.msgGetMsgList('team', TIMConvType.Group, { msg_getmsglist_param_count: 10, msg_getmsglist_param_is_ramble: true });
    assert.equal(group?.message_sender_profile?.user_profile_nick_name, 'Bob');
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
