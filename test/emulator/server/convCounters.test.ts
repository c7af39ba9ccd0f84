/**
 * Conversation counters (active_time, hidden, unread) written once per group commit for sends: every
 * other operation, in the same commit or later, sees them as if each send had updated them itself.
 */
import * as assert from 'node:assert/strict';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import { c2cText } from './c2cText';
import { TempCore } from './tempCore';

describe('emulator conversation counters', () => {
  let temp: TempCore;
  let core: EmulatorCore;
  let n = 0;
  const deliver = (from: string, to: string, serverTime = 1700000000): void =>
    void core.emu.delivery.deliver(c2cText(from, to, { msgId: `${from}-counter-${n++}`, serverTime }));
  const conv = (user: string, peer: string): { unread: number; active_time: number; hidden: number } | undefined =>
    core.db.prepare('SELECT unread, active_time, hidden FROM convs WHERE user_id = ? AND conv_type = 1 AND conv_id = ?').get(user, peer) as
      | { unread: number; active_time: number; hidden: number }
      | undefined;
  const send = (from: string, to: string, serverTime?: number): Promise<void> => core.queue.enqueue(() => deliver(from, to, serverTime), { atomic: true });

  beforeEach(() => {
    temp = new TempCore('tim-counters-');
    core = temp.core;
  });

  afterEach(() => temp.close());

  it('sums the sends of one commit into one row per conversation, with the last message\'s time', async () => {
    await Promise.all([send('ann', 'ben', 1700000001), send('ann', 'ben', 1700000002), send('ben', 'ann', 1700000003), send('ann', 'ben', 1700000004)]);
    assert.equal(core.queue.flushes, 1, 'one group commit');
    assert.deepEqual(conv('ben', 'ann'), { unread: 3, active_time: 1700000004, hidden: 0 });
    assert.deepEqual(conv('ann', 'ben'), { unread: 1, active_time: 1700000004, hidden: 0 });
  });

  it('writes them before another operation of the same commit reads or changes the row', async () => {
    const [, seen] = await Promise.all([
      send('ann', 'ben'),
      core.queue.enqueue(() => conv('ben', 'ann')?.unread),
      send('ann', 'ben'),
      core.queue.enqueue(() => {
        // TIMConvDelete's change: hides the conversation and clears its unread count.
        core.db.prepare("UPDATE convs SET hidden = 1, unread = 0 WHERE user_id = 'ben' AND conv_id = 'ann'").run();
      }),
    ]);
    assert.equal(core.queue.flushes, 1, 'one group commit');
    assert.equal(seen, 1, 'the send before the read is counted');
    assert.deepEqual(conv('ben', 'ann'), { unread: 0, active_time: 1700000000, hidden: 1 }, 'the delete after both sends wins');
  });

  it('keeps the pending counters when a later operation of the commit fails and rolls back', async () => {
    const results = await Promise.allSettled([
      send('ann', 'ben'),
      core.queue.enqueue(() => {
        deliver('ann', 'ben');
        throw new Error('fails after its own send: its savepoint undoes it');
      }),
      send('ann', 'ben'),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(conv('ben', 'ann')?.unread, 2);
  });

  it('drops them with a commit that fails as a whole', async () => {
    await send('ann', 'ben');
    const results = await Promise.allSettled([
      send('ann', 'ben'),
      core.queue.enqueue(() => {
        deliver('ann', 'ben');
        throw new Error('an atomic operation failing half way fails the whole commit');
      }, { atomic: true }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(conv('ben', 'ann')?.unread, 1);
    await send('ann', 'ben');
    assert.equal(conv('ben', 'ann')?.unread, 2, 'nothing of the failed commit is written later');
  });
});
