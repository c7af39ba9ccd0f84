/**
 * Group commit without per-operation savepoints, and event counters that live in the event rows: what
 * must still hold. Runs the emulator core (its commit queue wired as the server wires it) on a temporary
 * database; a second core opened on the same files stands for the server restarted after a kill -9.
 */
import * as assert from 'node:assert/strict';
import { ApiError, Err } from '../../../src/emulator/server/apiError';
import { MAX_OPERATIONS_PER_COMMIT } from '../../../src/emulator/server/commitQueue';
import { type EmulatorCore, openEmulator } from '../../../src/emulator/server/core';
import { c2cStream } from '../../../src/emulator/server/messageModel';
import { c2cText } from './c2cText';
import { closeCore, TempCore } from './tempCore';

describe('emulator group commit', () => {
  let temp: TempCore;
  let core: EmulatorCore;
  const extra: EmulatorCore[] = [];
  const reopen = (): EmulatorCore => {
    const next = openEmulator(temp.dir, { durability: 'normal' });
    extra.push(next);
    return next;
  };
  const meta = (db: EmulatorCore['db']): string[] =>
    (db.prepare("SELECT key FROM meta WHERE key LIKE 'test-%' ORDER BY key").all() as Array<{ key: string }>).map((r) => r.key);
  const putMeta = (key: string): void => void core.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run(key, '');
  const deliver = (from: string, to: string, words: string): void =>
    void core.emu.delivery.deliver(c2cText(from, to, { msgId: `${from}-${words.replace(/\W/g, '')}-${Math.random()}`, words }));
  const hasConv = (db: EmulatorCore['db'], user: string, peer: string): boolean =>
    db.prepare('SELECT 1 FROM convs WHERE user_id = ? AND conv_type = 1 AND conv_id = ?').get(user, peer) !== undefined;

  beforeEach(() => {
    temp = new TempCore('tim-commit-');
    core = temp.core;
  });

  afterEach(() => {
    for (const other of extra.splice(0)) {
      closeCore(other);
    }
    temp.close();
  });

  it(`commits a turn of more than ${MAX_OPERATIONS_PER_COMMIT} operations in slices, in order, answering each slice before the next runs`, async () => {
    const count = 2 * MAX_OPERATIONS_PER_COMMIT + 5;
    const key = (i: number): string => `test-${String(i).padStart(4, '0')}`;
    const log: string[] = [];
    const flushesBefore = core.queue.flushes;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        core.queue
          .enqueue(() => {
            log.push(`run ${i}`);
            putMeta(key(i));
          }, { atomic: true })
          .then(() => log.push(`answered ${i}`)),
      ),
    );
    assert.equal(core.queue.flushes, flushesBefore + 3, 'three transactions');
    const runs = log.filter((entry) => entry.startsWith('run ')).map((entry) => Number(entry.slice(4)));
    assert.deepEqual(runs, Array.from({ length: count }, (_, i) => i), 'in the order they were queued');
    assert.ok(log.indexOf('answered 0') < log.indexOf(`run ${MAX_OPERATIONS_PER_COMMIT}`), 'the first slice is answered before the second runs');
    assert.ok(log.indexOf(`answered ${MAX_OPERATIONS_PER_COMMIT}`) < log.indexOf(`run ${2 * MAX_OPERATIONS_PER_COMMIT}`), 'and the second before the third');
    assert.deepEqual(meta(core.db), Array.from({ length: count }, (_, i) => key(i)));
  });

  it('commits every slice of what is queued when flushed at shutdown', async () => {
    const count = MAX_OPERATIONS_PER_COMMIT + 10;
    const flushesBefore = core.queue.flushes;
    const done = Array.from({ length: count }, (_, i) => core.queue.enqueue(() => putMeta(`test-${String(i).padStart(4, '0')}`)));
    core.queue.flush();
    assert.equal(core.queue.flushes, flushesBefore + 2, 'two transactions, both before flush returned');
    assert.equal(meta(core.db).length, count);
    await Promise.all(done);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(core.queue.flushes, flushesBefore + 2, 'the turn that was scheduled finds nothing left');
  });

  it('an atomic operation refused with an ApiError leaves the rest of its commit in place', async () => {
    const results = await Promise.allSettled([
      core.queue.enqueue(() => putMeta('test-a')),
      core.queue.enqueue(() => {
        throw new ApiError(Err.INVALID_PARAMETERS, 'refused before writing');
      }, { atomic: true }),
      core.queue.enqueue(() => putMeta('test-c'), { atomic: true }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(meta(core.db), ['test-a', 'test-c']);
  });

  it('an atomic operation failing any other way fails its whole commit, which leaves nothing behind', async () => {
    const results = await Promise.allSettled([
      core.queue.enqueue(() => putMeta('test-a')),
      core.queue.enqueue(() => {
        putMeta('test-b');
        throw new Error('failed half way, without a savepoint to undo it');
      }, { atomic: true }),
      core.queue.enqueue(() => putMeta('test-c')),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.deepEqual(meta(core.db), []);
    await core.queue.enqueue(() => putMeta('test-d'), { atomic: true });
    assert.deepEqual(meta(core.db), ['test-d'], 'the next commit works');
  });

  it('a conversation whose creation was rolled back is created by the next message', async () => {
    const stream = c2cStream('ann', 'ben');
    await assert.rejects(
      core.queue.enqueue(() => {
        core.emu.delivery.ensureConversation('ann', 1, 'ben', stream, 1700000000);
        throw new Error('the operation fails after creating it');
      }),
    );
    await assert.rejects(
      core.queue.enqueue(() => {
        core.emu.delivery.ensureConversation('ben', 1, 'ann', stream, 1700000000);
        throw new Error('the whole commit fails after creating it');
      }, { atomic: true }),
    );
    assert.equal(hasConv(core.db, 'ann', 'ben') || hasConv(core.db, 'ben', 'ann'), false);
    await core.queue.enqueue(() => deliver('ann', 'ben', 'hello again'), { atomic: true });
    assert.equal(hasConv(core.db, 'ann', 'ben'), true);
    assert.equal(hasConv(core.db, 'ben', 'ann'), true);
  });

  it('numbers a device\'s events on across a restart, also after its stored events were deleted', async () => {
    core.db.prepare("INSERT INTO devices(user_id, config_path, base_msg, logged_in) VALUES ('ben', '/ben', 0, 1)").run();
    const device = (core.db.prepare("SELECT id FROM devices WHERE user_id = 'ben'").get() as { id: number }).id;
    core.emu.hub.addLoggedIn('ben', device);
    for (const words of ['one', 'two', 'three']) {
      await core.queue.enqueue(() => deliver('ann', 'ben', words), { atomic: true });
    }
    const stored = (db: EmulatorCore['db']): number[] =>
      (db.prepare('SELECT seq FROM events WHERE device_id = ? ORDER BY seq').all(device) as Array<{ seq: number }>).map((r) => r.seq);
    assert.deepEqual(stored(core.db), [1, 2, 3]);
    // Not closed: as after a kill -9, nothing was written at shutdown.
    const restarted = reopen();
    assert.equal(restarted.emu.hub.currentSeq(device), 3);
    // A login deletes the events the client has seen, the newest included.
    await restarted.queue.enqueue(() => {
      restarted.emu.hub.persistSeq(device);
      restarted.db.prepare('DELETE FROM events WHERE device_id = ?').run(device);
    });
    assert.equal(reopen().emu.hub.currentSeq(device), 3);
    await restarted.queue.enqueue(() => restarted.emu.hub.toDevice(device, { name: 'KickedOffline' }));
    assert.deepEqual(stored(restarted.db), [4]);
  });

  it('writes every device\'s event counter to its devices row at a clean shutdown', async () => {
    core.db.prepare("INSERT INTO devices(user_id, config_path, base_msg, logged_in) VALUES ('ben', '/ben', 0, 1)").run();
    const device = (core.db.prepare("SELECT id FROM devices WHERE user_id = 'ben'").get() as { id: number }).id;
    core.emu.hub.addLoggedIn('ben', device);
    await core.queue.enqueue(() => deliver('ann', 'ben', 'before shutdown'), { atomic: true });
    core.queue.close();
    const row = core.db.prepare('SELECT event_seq FROM devices WHERE id = ?').get(device) as { event_seq: number };
    assert.equal(row.event_seq, 1, 'an older emulator reading only devices.event_seq numbers on from here');
    core.db.close();
    // For afterEach, which closes the current core.
    core = openEmulator(temp.dir, { durability: 'normal' });
    temp.core = core;
  });
});
