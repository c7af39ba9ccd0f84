/**
 * User status at the core level (userStatus.ts): what a restart keeps, and a status change whose commit
 * rolled back being told again by the next one. The API suite covers the calls themselves.
 */
import * as assert from 'node:assert/strict';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import type { OutFrame } from '../../../src/emulator/server/frameText';
import { frameText } from '../../../src/emulator/server/frameText';
import { TIMUserStatusType } from '../../../src/tim/enums';
import { TempCore } from './tempCore';

describe('emulator user status (core)', () => {
  let temp: TempCore;
  let core: EmulatorCore;

  /** A logged-in device of `user` (a devices row and the hub's login), connected when `frames` is given. */
  const loginDevice = (user: string, path: string, frames?: string[]): number => {
    core.db.prepare('INSERT INTO devices(user_id, config_path, base_msg, logged_in) VALUES (?, ?, 0, 1)').run(user, path);
    const id = (core.db.prepare('SELECT id FROM devices WHERE user_id = ? AND config_path = ?').get(user, path) as { id: number }).id;
    core.emu.hub.addLoggedIn(user, id);
    if (frames !== undefined) {
      core.emu.hub.bindSink(id, { pushFrame: (frame: OutFrame) => void frames.push(frameText(frame)) });
    }
    return id;
  };
  const statusEvents = (frames: string[]): Array<{ user_status_identifier: string; user_status_status_type: number; user_status_custom_status: string }> =>
    frames
      .map((text) => JSON.parse(text) as { event?: { name: string; json: string } })
      .filter((frame) => frame.event?.name === 'UserStatusChanged')
      .flatMap((frame) => JSON.parse(frame.event?.json ?? '[]') as []);

  beforeEach(() => {
    temp = new TempCore('tim-status-');
    core = temp.core;
  });

  afterEach(() => {
    temp.close();
  });

  it('after a restart a user whose devices stayed logged in is Offline, keeps the custom status, and subscriptions stay', async () => {
    const { statuses } = core.emu;
    loginDevice('ann', 'a', []);
    await core.queue.enqueue(() => {
      statuses.subscribe('ben', ['ann']);
      statuses.setCustom('ann', 'coding');
    });
    assert.equal(statuses.typeOf('ann'), TIMUserStatusType.Online);
    core = temp.reopen();
    const after = core.emu.statuses.statusOf('ann');
    assert.deepEqual(after, { user_status_identifier: 'ann', user_status_status_type: TIMUserStatusType.Offline, user_status_custom_status: 'coding', user_status_online_devices: [] });
    assert.deepEqual(core.db.prepare('SELECT user_id, target FROM status_subs').all(), [{ user_id: 'ben', target: 'ann' }]);
    assert.equal(core.emu.statuses.typeOf('ben'), TIMUserStatusType.UnLogined);
  });

  it('a status change whose commit rolled back is told by the next refresh', async () => {
    const { statuses, hub } = core.emu;
    const benFrames: string[] = [];
    loginDevice('ben', 'b', benFrames);
    const annDevice = loginDevice('ann', 'a', []);
    await core.queue.enqueue(() => statuses.subscribe('ben', ['ann']));
    // ann's only connection closes (as Connection.handleClose does), and the commit that tells ben fails.
    statuses.remember('ann');
    hub.bindSink(annDevice, undefined);
    const results = await Promise.allSettled([
      core.queue.enqueue(() => statuses.refresh('ann')),
      core.queue.enqueue(() => {
        throw new Error('the group transaction fails');
      }, { atomic: true }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.deepEqual(statusEvents(benFrames), []);
    await core.queue.enqueue(() => statuses.refresh('ann'));
    assert.deepEqual(statusEvents(benFrames).map((s) => [s.user_status_identifier, s.user_status_status_type]), [['ann', TIMUserStatusType.Offline]]);
    // Nothing changed since: no second event.
    await core.queue.enqueue(() => statuses.refresh('ann'));
    assert.equal(statusEvents(benFrames).length, 1);
  });
});
