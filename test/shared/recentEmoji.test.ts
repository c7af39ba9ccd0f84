import * as assert from 'node:assert/strict';
import { DISTINCT_EMOJI } from '../../src/shared/emojiShortcodes';
import { isPanelEmoji, MAX_RECENT_EMOJI, recentEmojiOf, withRecentEmoji } from '../../src/shared/recentEmoji';

describe('recently used emoji', () => {
  it('takes only the emoji panel’s emoji', () => {
    assert.ok(isPanelEmoji('🎉'));
    assert.ok(isPanelEmoji(DISTINCT_EMOJI[DISTINCT_EMOJI.length - 1]?.emoji));
    for (const bad of ['', 'tada', ':tada:', '🎉🎉', '<img src=x>', 42, undefined, null, ['🎉']]) {
      assert.equal(isPanelEmoji(bad), false, String(bad));
    }
  });

  it('moves a pick to the front, once, and keeps one row of the panel', () => {
    assert.deepEqual(withRecentEmoji([], '🎉'), ['🎉']);
    assert.deepEqual(withRecentEmoji(['🐢', '🎉', '🔥'], '🎉'), ['🎉', '🐢', '🔥']);
    const full = DISTINCT_EMOJI.slice(0, MAX_RECENT_EMOJI).map((entry) => entry.emoji);
    const newest = DISTINCT_EMOJI[MAX_RECENT_EMOJI]?.emoji ?? '';
    const after = withRecentEmoji(full, newest);
    assert.equal(after.length, MAX_RECENT_EMOJI);
    assert.equal(after[0], newest);
    assert.equal(after.includes(full[MAX_RECENT_EMOJI - 1] ?? ''), false, 'the oldest goes');
    assert.deepEqual(withRecentEmoji(['🐢'], '<b>'), ['🐢'], 'anything else changes nothing');
  });

  it('checks a stored list again: emoji of the panel, each once, one row at most', () => {
    assert.deepEqual(recentEmojiOf(['🐢', 'x', '🐢', 7, '🎉']), ['🐢', '🎉']);
    assert.deepEqual(recentEmojiOf('🐢'), []);
    assert.deepEqual(recentEmojiOf(undefined), []);
    assert.equal(recentEmojiOf(DISTINCT_EMOJI.map((entry) => entry.emoji)).length, MAX_RECENT_EMOJI);
  });
});
