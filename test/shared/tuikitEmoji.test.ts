/**
 * TUIKit's emoji keys (tuikitEmoji.ts) shown as Unicode emoji: each of TUIKit's 62 basic keys has one,
 * keys in running text are replaced, and anything else in brackets stays as written.
 */
import * as assert from 'node:assert/strict';
import { showTuikitEmoji, TUIKIT_EMOJI } from '../../src/shared/tuikitEmoji';

describe('TUIKit emoji', () => {
  it("gives each of TUIKit's 62 basic emoji keys one emoji", () => {
    const keys = Object.keys(TUIKIT_EMOJI);
    assert.equal(keys.length, 62);
    for (const key of keys) {
      assert.match(key, /^\[TUIEmoji_[A-Za-z0-9]+\]$/);
      const emoji = TUIKIT_EMOJI[key] ?? '';
      assert.ok(/\p{Extended_Pictographic}/u.test(emoji), `${key} -> ${emoji}`);
      assert.ok([...emoji].length <= 2, `${key} is one emoji (with at most a variation selector)`);
    }
  });

  it('replaces keys in running text, several and adjacent ones too', () => {
    assert.equal(showTuikitEmoji('ship it[TUIEmoji_Like][TUIEmoji_Celebrate] ok'), 'ship it👍🎉 ok');
    assert.equal(showTuikitEmoji('你好[TUIEmoji_Smile]'), '你好🙂');
  });

  it('leaves other brackets, unknown keys and text without keys as written', () => {
    for (const text of ['[TUIEmoji_NotOne]', '[微笑]', '[link](https://x)', 'array[0]', '[TUIEmoji_Smile', '']) {
      assert.equal(showTuikitEmoji(text), text);
    }
  });
});
