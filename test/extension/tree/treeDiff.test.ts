import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../../src/extension/conversations/conversationSummary';
import { diffTree } from '../../../src/extension/tree/treeDiff';
import { summaryOf } from '../conversations/summaryFixture';

function summary(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return summaryOf(`c2c_${id}`, { preview: 'hello', lastTime: 1_700_000_000, ...overrides });
}

describe('conversation tree diff', () => {
  const list = [summary('bob', { unread: 2 }), summary('carol')];

  it('asks for nothing when a change leaves every row as it was (new objects, same content)', () => {
    assert.deepEqual(diffTree(list, list.map((s) => ({ ...s }))), { rows: false, badges: [] });
  });

  it('refreshes rows when the order changes, without touching unchanged badges', () => {
    assert.deepEqual(diffTree(list, [list[1], list[0]]), { rows: true, badges: [] });
  });

  it('refreshes rows when something shown changes (preview, draft, pin, name, receive option)', () => {
    // The receive option between two muted ones (Not_Notify 2 to Not_Notify_Except_At 3) changes the context menu.
    const muted = [summary('bob', { unread: 2, muted: true, receiveOpt: 2 }), list[1]];
    assert.equal(diffTree(muted, [summary('bob', { unread: 2, muted: true, receiveOpt: 3 }), list[1]]).rows, true);
    for (const change of [{ preview: 'new' }, { draft: 'wip' }, { pinned: true }, { name: 'Bob B.' }, { lastTime: 1_700_000_060 }]) {
      assert.equal(diffTree(list, [summary('bob', { unread: 2, ...change }), list[1]]).rows, true, JSON.stringify(change));
    }
  });

  it('re-decorates exactly the badges that changed, appeared or went away', () => {
    const next = [summary('bob', { unread: 3 }), summary('carol', { unread: 1 }), summary('dave')];
    assert.deepEqual(diffTree(list, next), { rows: true, badges: ['c2c_bob', 'c2c_carol'] });
    assert.deepEqual(diffTree(list, [list[1]]).badges, ['c2c_bob']);
    assert.deepEqual(diffTree(list, [summary('bob', { unread: 2, muted: true }), list[1]]).badges, ['c2c_bob']);
    // A read conversation has no badge: muting it changes its row (the icon) and no badge.
    assert.deepEqual(diffTree(list, [list[0], summary('carol', { muted: true })]), { rows: true, badges: [] });
  });

  it('shows an unread mark and a star as they come and go: the dot badge and the row (its menu and star)', () => {
    const marked = [list[0], summary('carol', { markedUnread: true })];
    assert.deepEqual(diffTree(list, marked), { rows: true, badges: ['c2c_carol'] });
    assert.deepEqual(diffTree(marked, list), { rows: true, badges: ['c2c_carol'] });
    // Marked with messages unread as well: the count is the badge either way.
    assert.deepEqual(diffTree(list, [summary('bob', { unread: 2, markedUnread: true }), list[1]]).badges, []);
    assert.deepEqual(diffTree(list, [list[0], summary('carol', { starred: true })]), { rows: true, badges: [] });
  });

  it('treats a first list (nothing shown yet) as new rows and new badges', () => {
    assert.deepEqual(diffTree([], list), { rows: true, badges: ['c2c_bob'] });
    assert.deepEqual(diffTree([], []), { rows: false, badges: [] });
  });
});
