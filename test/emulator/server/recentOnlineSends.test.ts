/**
 * RecentOnlineSends (onlineSend.ts): how the emulator tells a resent online message (same client
 * message id, after a reconnect) from a new one, with nothing of it stored: the sender's own recent
 * sends only, for ten minutes, at most 10,000 of them.
 */
import * as assert from 'node:assert/strict';
import { RecentOnlineSends } from '../../../src/emulator/server/messages/onlineSend';

describe('RecentOnlineSends', () => {
  it("finds the same user's send by its id within ten minutes, never another user's", () => {
    let now = 0;
    const recent = new RecentOnlineSends(() => now);
    recent.remember('pia', 'm1', '{"answer":1}');
    assert.equal(recent.find('pia', 'm1'), '{"answer":1}');
    assert.equal(recent.find('ola', 'm1'), undefined, 'an id of another user');
    assert.equal(recent.find('pia', 'm2'), undefined);
    now = 10 * 60 * 1000;
    assert.equal(recent.find('pia', 'm1'), '{"answer":1}', 'at ten minutes');
    now += 1;
    assert.equal(recent.find('pia', 'm1'), undefined, 'after them');
  });

  it('keeps at most 10,000, forgetting the oldest first', () => {
    const recent = new RecentOnlineSends(() => 0);
    for (let i = 0; i <= 10_000; i++) {
      recent.remember('pia', `m${i}`, String(i));
    }
    assert.equal(recent.find('pia', 'm0'), undefined);
    assert.equal(recent.find('pia', 'm1'), '1');
    assert.equal(recent.find('pia', 'm10000'), '10000');
  });
});
