/** The loaded messages: pages, ordered inserts, updates, removals, and the splices they report. */
import * as assert from 'node:assert/strict';
import { compareMessages, MessageStore } from '../../src/webview/messageStore';
import { message } from './fixtures';

describe('MessageStore', () => {
  it('resets to a page, prepends older pages and drops duplicates', () => {
    const store = new MessageStore();
    assert.equal(store.loaded, false);
    assert.deepEqual(store.reset({ messages: [message('m3', { time: 3 }), message('m4', { time: 4 })], hasMoreBefore: true }), { at: 0, removed: 0, inserted: 2 });
    assert.equal(store.loaded, true);
    assert.deepEqual(store.prepend({ messages: [message('m1', { time: 1 }), message('m2', { time: 2 }), message('m3', { time: 3 })], hasMoreBefore: false }), { at: 0, removed: 0, inserted: 2 });
    assert.deepEqual(store.messages.map((m) => m.id), ['m1', 'm2', 'm3', 'm4']);
    assert.equal(store.indexOf('m4'), 3);
    assert.equal(store.hasMoreBefore, false);
    assert.equal(store.oldest?.id, 'm1');
  });

  it('adds new messages in time order, and updates known ones', () => {
    const store = new MessageStore();
    store.reset({ messages: [message('m1', { time: 10 }), message('m3', { time: 30 })], hasMoreBefore: false });
    const { splices, updated } = store.add([message('m4', { time: 40 }), message('m2', { time: 20 }), message('m1', { time: 10, isPeerRead: true })]);
    assert.deepEqual(splices, [{ at: 2, removed: 0, inserted: 1 }, { at: 1, removed: 0, inserted: 1 }]);
    assert.deepEqual(updated, [0]);
    assert.deepEqual(store.messages.map((m) => m.id), ['m1', 'm2', 'm3', 'm4']);
    assert.equal(store.at(0)?.isPeerRead, true);
    assert.equal(store.revisionOf('m1'), 1);
    assert.equal(store.indexOf('m3'), 2);
  });

  it('updates in place and bumps the revision', () => {
    const store = new MessageStore();
    store.reset({ messages: [message('m1')], hasMoreBefore: false });
    assert.equal(store.update(message('m1', { status: 'revoked' })), 0);
    assert.equal(store.update(message('zz')), undefined);
    assert.equal(store.at(0)?.status, 'revoked');
    assert.equal(store.revisionOf('m1'), 1);
  });

  it('gives a provisional message its real id in place', () => {
    const store = new MessageStore();
    store.reset({ messages: [message('m1', { time: 1 }), message('pending-1', { time: 2, status: 'sending' })], hasMoreBefore: false });
    assert.deepEqual(store.replaceId('pending-1', message('real-1', { time: 2, status: 'sent' })), []);
    assert.deepEqual(store.messages.map((m) => m.id), ['m1', 'real-1']);
    assert.equal(store.indexOf('pending-1'), undefined);
    assert.equal(store.indexOf('real-1'), 1);
    assert.equal(store.at(1)?.status, 'sent');
    assert.equal(store.replaceId('unknown', message('x')), undefined);
  });

  it('drops the provisional row when the real message is already there', () => {
    const store = new MessageStore();
    store.reset({ messages: [message('real-1', { time: 2 }), message('pending-1', { time: 3, status: 'sending' })], hasMoreBefore: false });
    assert.deepEqual(store.replaceId('pending-1', message('real-1', { time: 2, isPeerRead: true })), [{ at: 1, removed: 1, inserted: 0 }]);
    assert.deepEqual(store.messages.map((m) => m.id), ['real-1']);
    assert.equal(store.at(0)?.isPeerRead, true);
  });

  it('removes messages, reporting one splice each from the back', () => {
    const store = new MessageStore();
    store.reset({ messages: ['a1', 'a2', 'a3', 'a4'].map((id, i) => message(id, { time: i })), hasMoreBefore: false });
    assert.deepEqual(store.remove(['a2', 'a4', 'nope', 'a2']), [{ at: 3, removed: 1, inserted: 0 }, { at: 1, removed: 1, inserted: 0 }]);
    assert.deepEqual(store.messages.map((m) => m.id), ['a1', 'a3']);
    assert.equal(store.indexOf('a3'), 1);
    assert.equal(store.indexOf('a2'), undefined);
  });

  it('orders by time, then seq numerically, sending messages last', () => {
    assert.ok(compareMessages(message('a', { time: 1 }), message('b', { time: 2 })) < 0);
    assert.ok(compareMessages(message('a', { seq: '9' }), message('b', { seq: '10' })) < 0);
    assert.ok(compareMessages(message('a', { seq: '0' }), message('b', { seq: '10' })) > 0);
    assert.equal(compareMessages(message('a', { seq: '5' }), message('b', { seq: '5' })), 0);
  });
});
