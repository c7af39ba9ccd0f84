/**
 * Message JSON written once and shared (stringifyFast with RawJson, MessageModel.viewText): every text
 * must parse to exactly what the object path (view + stringifyTimJson) gives.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTimJson, stringifyTimJson } from '../../../src/tim/json';
import { type EmulatorCore, openEmulator } from '../../../src/emulator/server/core';
import { RawJson, stringifyFast } from '../../../src/emulator/server/fastJson';
import { c2cStream, type MessageRow } from '../../../src/emulator/server/messageModel';

describe('emulator message text', () => {
  it('stringifyFast writes what stringifyTimJson writes, bigints at any depth included', () => {
    const big = 2n ** 63n - 5n;
    const values: unknown[] = [
      { a: 1, b: big, c: 'x' },
      { conv: { last: { id: big, elems: [{ t: 0, s: '压测 "quoted"' }] }, n: 2 }, list: [big, { d: big }, undefined, 3] },
      [{ x: big }, 'plain', null, { y: { z: [big] } }],
      { when: new Date(0), nothing: undefined, fn: () => 1, arr: [] },
      {},
      'text',
      12,
    ];
    for (const value of values) {
      assert.deepEqual(parseTimJson(stringifyFast(value)), parseTimJson(stringifyTimJson(value)), stringifyTimJson(value));
    }
  });

  it('splices RawJson text in as it is, also next to bigints', () => {
    const text = stringifyFast({ conv_id: 'c', conv_last_msg: new RawJson('{"message_unique_id":18446744073709551610,"k":"v"}'), n: 1n });
    assert.deepEqual(parseTimJson(text), { conv_id: 'c', n: 1, conv_last_msg: { message_unique_id: 18446744073709551610n, k: 'v' } });
    assert.deepEqual(parseTimJson(stringifyFast([new RawJson('[1,2]'), { r: new RawJson('true') }])), [[1, 2], { r: true }]);
  });

  describe('MessageModel.viewText', () => {
    let dir: string;
    let core: EmulatorCore;
    let row: MessageRow;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tim-text-'));
      core = openEmulator(dir, { durability: 'normal' });
      core.emu.model.ensureUser('ann');
      core.emu.model.ensureUser('ben');
      row = await core.queue.enqueue(() =>
        core.emu.delivery.deliver({
          stream: c2cStream('ann', 'ben'),
          convType: 1,
          convId: 'ben',
          sender: 'ann',
          senderDevice: 0,
          msgId: 'ann-1',
          rand: 7,
          serverTime: 1700000000,
          elemType: 0,
          searchText: '你好',
          noUnread: false,
          body: { message_elem_array: [{ elem_type: 0, text_elem_content: '你好 "there"' }], message_cloud_custom_str: 'c', message_is_read: true },
        }),
      );
    });

    afterEach(() => {
      core.queue.close();
      core.db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const same = (user: string, device: number, fresh: boolean): void => {
      const model = core.emu.model;
      const stored = model.row(row.id);
      assert.ok(stored !== undefined);
      assert.deepEqual(parseTimJson(model.viewText(stored, user, device, fresh)), parseTimJson(stringifyTimJson(model.view(stored, user, device, fresh))));
    };

    it('gives each viewer what view() gives, fresh or read back, and stores the whole body', () => {
      for (const fresh of [true, false]) {
        same('ann', 0, fresh);
        same('ben', 0, fresh);
      }
      const stored = parseTimJson(core.emu.model.row(row.id)?.body ?? '') as Record<string, unknown>;
      assert.equal(stored.message_conv_id, 'ben');
      assert.equal(stored.message_status, 2);
      assert.equal(typeof stored.message_unique_id, 'bigint');
      const seen = parseTimJson(core.emu.model.viewText(row, 'ben', 0)) as Record<string, unknown>;
      assert.deepEqual([seen.message_conv_id, seen.message_is_from_self, seen.message_is_read], ['ann', false, false]);
    });

    it('follows read state, local custom data and revokes', async () => {
      await core.queue.enqueue(() => {
        core.db.prepare("UPDATE convs SET read_msg = ?, peer_read_time = ? WHERE user_id = 'ben'").run(row.id, 1700000000);
        core.db.prepare("UPDATE convs SET peer_read_time = ? WHERE user_id = 'ann'").run(1700000000);
        core.db.prepare('INSERT INTO dev_msgs(device_id, msg, custom_str, custom_int) VALUES (5, ?, ?, ?)').run(row.id, 'mine', 3);
      });
      same('ben', 0, false);
      same('ann', 0, false);
      same('ann', 5, false);
      await core.queue.enqueue(() => core.db.prepare("UPDATE messages SET status = 6, revoker = 'ann', revoke_reason = '' WHERE id = ?").run(row.id));
      core.emu.model.endCommit();
      same('ben', 0, false);
      same('ann', 5, false);
    });
  });
});
