/** Next Unread Conversation's choice (conversations/nextUnread.ts): order, wrapping, what waits for the user. */
import * as assert from 'node:assert/strict';
import { nextUnreadKey, waitsForUser } from '../../../src/extension/conversations/nextUnread';
import { summaryOf as summary } from './summaryFixture';

describe('Next Unread Conversation', () => {
  const list = [summary('c2c_a', { unread: 2 }), summary('c2c_b'), summary('group_c', { unread: 1 }), summary('c2c_d'), summary('c2c_e', { markedUnread: true })];

  it('goes to the next one after the current chat in the list, wrapping around', () => {
    assert.equal(nextUnreadKey(list, undefined), 'c2c_a', 'no chat open: the first');
    assert.equal(nextUnreadKey(list, 'c2c_a'), 'group_c');
    assert.equal(nextUnreadKey(list, 'c2c_b'), 'group_c');
    assert.equal(nextUnreadKey(list, 'group_c'), 'c2c_e', 'marked unread counts');
    assert.equal(nextUnreadKey(list, 'c2c_e'), 'c2c_a', 'wraps around');
    assert.equal(nextUnreadKey(list, 'c2c_gone'), 'c2c_a', 'a chat no longer in the list: from the top');
  });

  it('never stays on the current chat, and finds none when no other waits', () => {
    assert.equal(nextUnreadKey([summary('c2c_a', { unread: 3 }), summary('c2c_b')], 'c2c_a'), undefined);
    assert.equal(nextUnreadKey([], undefined), undefined);
    assert.equal(nextUnreadKey([summary('c2c_a'), summary('c2c_b')], undefined), undefined);
  });

  it('skips muted chats unless they mention the user or were marked unread', () => {
    assert.equal(waitsForUser(summary('group_m', { unread: 9, muted: true })), false);
    assert.equal(waitsForUser(summary('group_m', { unread: 9, muted: true, mentioned: true })), true);
    assert.equal(waitsForUser(summary('group_m', { muted: true, markedUnread: true })), true);
    assert.equal(waitsForUser(summary('c2c_x', { unread: 1 })), true);
    assert.equal(waitsForUser(summary('c2c_x')), false);
  });
});
