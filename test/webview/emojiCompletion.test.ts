import * as assert from 'node:assert/strict';
import { emojiQueryAt, insertEmoji, insideCode, MAX_EMOJI_MATCHES, matchEmoji, replaceTypedShortcode } from '../../src/webview/emojiCompletion';
import { EMOJI_SHORTCODES, showShortcodes } from '../../src/shared/emojiShortcodes';

describe('emoji by shortcode (pure)', () => {
  it('finds the shortcode being typed at the caret', () => {
    assert.deepEqual(emojiQueryAt(':ta', 3), { start: 0, query: 'ta' });
    assert.deepEqual(emojiQueryAt('ship it :roc', 12), { start: 8, query: 'roc' });
    assert.deepEqual(emojiQueryAt('ship it :roc now', 12), { start: 8, query: 'roc' }, 'only the text before the caret counts');
    assert.deepEqual(emojiQueryAt('done (:+1', 9), { start: 6, query: '+1' });
    assert.deepEqual(emojiQueryAt('好的 ：笑', 5), { start: 3, query: '笑' }, "a Chinese input method's full-width colon, one Chinese character");
    assert.equal(emojiQueryAt(':t', 2), undefined, 'one letter is not enough');
    assert.equal(emojiQueryAt('at 10:30', 8), undefined, 'a time');
    assert.equal(emojiQueryAt('see http://x', 12), undefined, 'a URL');
    assert.equal(emojiQueryAt('nice :)', 7), undefined, 'an emoticon');
    assert.equal(emojiQueryAt('note:todo', 9), undefined, 'inside a word');
    assert.equal(emojiQueryAt(':ta da', 6), undefined, 'a space ends it');
    assert.equal(emojiQueryAt(`:${'a'.repeat(33)}`, 34), undefined, 'longer than any shortcode');
    assert.equal(emojiQueryAt('`a :ta', 6), undefined, 'in inline code');
    assert.equal(emojiQueryAt('```\nx = {a :ta', 14), undefined, 'in a code block');
    assert.deepEqual(emojiQueryAt('```\ncode\n``` :ta', 16), { start: 13, query: 'ta' }, 'after a closed code block');
  });

  it('tells code apart from text', () => {
    assert.equal(insideCode('plain'), false);
    assert.equal(insideCode('a `b'), true);
    assert.equal(insideCode('a `b` c'), false);
    assert.equal(insideCode('```ts\nconst a'), true);
    assert.equal(insideCode('```ts\nconst a\n```\n'), false);
    assert.equal(insideCode('`a\nb'), false, 'inline code ends with its line');
  });

  it('ranks the shortcode itself, then those starting with the query, then later words, then the rest', () => {
    const codes = (q: string): string[] => matchEmoji(q).map((e) => e.code);
    assert.deepEqual(codes('tada'), ['tada']);
    assert.deepEqual(codes('rocket'), ['rocket']);
    assert.deepEqual(codes('hear').slice(0, 2), ['heart', 'heart_eyes'], 'starts with it, in table order');
    assert.deepEqual(codes('eyes'), ['eyes', 'heart_eyes', 'roll_eyes'], 'then a later word of the shortcode');
    assert.deepEqual(codes('ile'), ['smile', 'sweat_smile'], 'then any that contain it');
    assert.deepEqual(codes('SMILE').slice(0, 1), ['smile'], 'any case');
    assert.deepEqual(codes('zzzzz'), []);
    assert.ok(matchEmoji('a').length <= MAX_EMOJI_MATCHES);
    assert.equal(matchEmoji('e').length, MAX_EMOJI_MATCHES);
  });

  it('puts the emoji picked last first among equally good matches, never above a better one', () => {
    const codes = (q: string, recent: string[]): string[] => matchEmoji(q, MAX_EMOJI_MATCHES, recent).map((e) => e.code);
    assert.deepEqual(codes('hear', []), ['heart', 'heart_eyes', 'broken_heart', 'sparkling_heart']);
    assert.deepEqual(codes('hear', ['💔', '😍']), ['heart_eyes', 'heart', 'broken_heart', 'sparkling_heart'], '😍 before ❤️ (both start with it); 💔 stays behind them (a later word)');
    assert.deepEqual(codes('smil', ['😅']), ['smile', 'sweat_smile', 'slightly_smiling_face'], '😅 first among the later words');
    assert.deepEqual(codes('eyes', ['🙄']), ['eyes', 'roll_eyes', 'heart_eyes'], 'the shortcode itself stays first; 🙄 before 😍 among later words');
    assert.deepEqual(codes('eyes', ['👀']), ['eyes', 'heart_eyes', 'roll_eyes'], 'a recent emoji that is already first changes nothing');
    assert.deepEqual(codes('ile', ['😅', '🎉']), ['sweat_smile', 'smile'], 'most recent first, emoji that do not match ignored');
  });

  it('lists each emoji once, under its best shortcode', () => {
    assert.deepEqual(matchEmoji('thumbsu').map((e) => e.emoji), ['👍']);
    assert.deepEqual(matchEmoji('+1').map((e) => e.code), ['+1']);
    const emoji = matchEmoji('赞').map((e) => e.emoji);
    assert.deepEqual(emoji, ['👍'], '"+1" and "thumbsup" are both 赞: one row');
  });

  it('finds Chinese names', () => {
    assert.deepEqual(matchEmoji('火箭').map((e) => e.emoji), ['🚀']);
    assert.equal(matchEmoji('笑')[0]?.emoji, '😄', 'the name itself first');
    assert.ok(matchEmoji('笑').some((e) => e.emoji === '😂'), 'then names that contain it');
  });

  it('replaces the query with the emoji and puts the caret after it', () => {
    assert.deepEqual(insertEmoji('ship it :roc now', { start: 8, query: 'roc' }, '🚀'), { text: 'ship it 🚀 now', caret: 10 });
    assert.deepEqual(insertEmoji(':ta', { start: 0, query: 'ta' }, '🎉'), { text: '🎉', caret: 2 });
  });

  it('turns a shortcode typed out to its closing colon into its emoji, and nothing else', () => {
    assert.deepEqual(replaceTypedShortcode('great :tada:', 12), { text: 'great 🎉', caret: 8, emoji: '🎉' });
    assert.deepEqual(replaceTypedShortcode(':+1: and more', 4), { text: '👍 and more', caret: 2, emoji: '👍' });
    assert.equal(replaceTypedShortcode('great :nosuchcode:', 18), undefined, 'not a shortcode');
    assert.equal(replaceTypedShortcode('at 10:30:', 9), undefined, 'not after a space');
    assert.equal(replaceTypedShortcode('great :tada: ', 13), undefined, 'only at the closing colon');
    assert.equal(replaceTypedShortcode('`great :tada:', 13), undefined, 'not in code');
    assert.equal(replaceTypedShortcode('great ：tada：', 12), undefined, 'full-width colons are text');
  });

  it('has unique shortcodes of the documented characters, each with an emoji and a Chinese name', () => {
    const codes = EMOJI_SHORTCODES.map((e) => e.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const entry of EMOJI_SHORTCODES) {
      assert.match(entry.code, /^[a-z0-9_+-]+$/, entry.code);
      assert.match(entry.emoji, /\p{Extended_Pictographic}/u, entry.code);
      assert.match(entry.zh, /^\p{Script=Han}+$/u, entry.code);
      assert.equal(matchEmoji(entry.code)[0]?.emoji, entry.emoji, `:${entry.code} finds its emoji first`);
    }
  });

  it('shows the shortcodes other apps send as their emoji, and leaves times, code-like text and unknown names', () => {
    assert.equal(showShortcodes(':white_check_mark: build passed :tada:'), '✅ build passed 🎉');
    assert.equal(showShortcodes('(:+1:) and "ok :100:!"'), '(👍) and "ok 💯!"');
    assert.equal(showShortcodes('at 10:30:00, a:x:b, ns::x::y'), 'at 10:30:00, a:x:b, ns::x::y');
    assert.equal(showShortcodes('two together :+1::tada: and three :fire::fire::fire:'), 'two together 👍🎉 and three 🔥🔥🔥');
    assert.equal(showShortcodes(':tada::nosuchcode: half known'), '🎉:nosuchcode: half known');
    assert.equal(showShortcodes('std::vector::size and ::x:: and :a::b:c and x:tada::fire:'), 'std::vector::size and ::x:: and :a::b:c and x:tada::fire:');
    assert.equal(showShortcodes(':nosuchcode: and :Tada:'), ':nosuchcode: and :Tada:');
    assert.equal(showShortcodes('no colon at all'), 'no colon at all');
  });
});
