/** Pure presentation helpers: strings, avatars, day grouping, unread marker, sizes, element summaries. */
import * as assert from 'node:assert/strict';
import { AVATAR_COLOURS, colourIndexOf, initialsOf } from '../../src/webview/avatar';
import { dayKeyOf, dayLabelOf, firstUnreadIdOf, isTip, rowContextOf } from '../../src/webview/dayGroups';
import { canReact } from '../../src/webview/messageActions';
import { plainTextOf, summarizeElement } from '../../src/webview/elementText';
import { formatDuration, formatSize } from '../../src/webview/format';
import { estimateRowHeight } from '../../src/webview/rowEstimate';
import { createTranslate, ENGLISH_STRINGS, format } from '../../src/webview/strings';
import { message } from './fixtures';

const t = createTranslate();
const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime() / 1000;

describe('strings', () => {
  it('prefers the host translation and falls back to English', () => {
    const zh = createTranslate({ 'composer.send': '发送', 'list.loadFailed': '无法加载：{0}', 'list.today': '' });
    assert.equal(zh('composer.send'), '发送');
    assert.equal(zh('list.loadFailed', 'x'), '无法加载：x');
    assert.equal(zh('list.today'), 'Today');
    assert.equal(zh('action.retry'), 'Retry');
  });

  it('fills placeholders and leaves unknown ones', () => {
    assert.equal(format('{0} and {1} and {2}', ['a', 3]), 'a and 3 and {2}');
  });

  it('has no empty English strings', () => {
    for (const [key, value] of Object.entries(ENGLISH_STRINGS)) {
      assert.ok(value.length > 0, key);
    }
  });
});

describe('avatars', () => {
  it('takes initials from the first and last word', () => {
    assert.equal(initialsOf('Alice Liddell'), 'AL');
    assert.equal(initialsOf('bob'), 'B');
    assert.equal(initialsOf('mary-jane watson'), 'MW');
    assert.equal(initialsOf('  '), '?');
    assert.equal(initialsOf('张三'), '张');
    assert.equal(initialsOf('👩‍💻 dev'), '👩‍💻D');
  });

  it('picks a stable colour from the id', () => {
    assert.equal(colourIndexOf('alice'), colourIndexOf('alice'));
    const seen = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'].map(colourIndexOf));
    assert.ok(seen.size >= 4, 'ids spread over the palette');
    for (const index of seen) {
      assert.ok(index >= 0 && index < AVATAR_COLOURS);
    }
  });
});

describe('day grouping', () => {
  it('separates days and groups runs of one sender', () => {
    const a = message('m1', { time: at(2026, 3, 1, 10, 0) });
    const b = message('m2', { time: at(2026, 3, 1, 10, 2) });
    const c = message('m3', { time: at(2026, 3, 1, 10, 20) });
    const d = message('m4', { time: at(2026, 3, 2, 9, 0), sender: 'bob' });
    assert.deepEqual(rowContextOf(undefined, a, undefined), { daySeparator: true, unreadMarker: false, showHeader: true });
    assert.deepEqual(rowContextOf(a, b, undefined), { daySeparator: false, unreadMarker: false, showHeader: false });
    assert.deepEqual(rowContextOf(b, c, undefined), { daySeparator: false, unreadMarker: false, showHeader: true });
    assert.deepEqual(rowContextOf(c, d, undefined), { daySeparator: true, unreadMarker: false, showHeader: true });
    assert.deepEqual(rowContextOf(a, b, 'm2'), { daySeparator: false, unreadMarker: true, showHeader: true });
  });

  it('never gives a group tip a header', () => {
    const tip = message('t1', { elements: [{ kind: 'groupTips', text: 'Bob joined' }] });
    assert.equal(rowContextOf(undefined, tip, undefined).showHeader, false);
    assert.equal(rowContextOf(tip, message('m1'), undefined).showHeader, true);
  });

  it("shows a group's call record as a tip, never a one-to-one call, and counts it unread as TIM does", () => {
    const card = { icon: 'call-incoming', text: 'Bob started a voice call', details: [] };
    const groupCall = message('g1', { elements: [{ kind: 'custom', data: '{}', description: '', extension: '', card: { ...card, tip: true } }] });
    const oneToOne = message('c1', { elements: [{ kind: 'custom', data: '{}', description: '', extension: '', card }] });
    assert.equal(isTip(groupCall), true);
    assert.equal(isTip(oneToOne), false);
    assert.equal(rowContextOf(undefined, groupCall, undefined).showHeader, false);
    assert.equal(canReact(groupCall), false, 'a tip takes no reactions');
    assert.equal(canReact(oneToOne), true);
    assert.equal(firstUnreadIdOf([message('m1'), groupCall, message('t', { elements: [{ kind: 'groupTips', text: 'x' }] })], 1), 'g1');
    assert.deepEqual(summarizeElement({ kind: 'custom', data: '{}', description: 'ignored', extension: 'x', card: { icon: 'link', text: 'Docs', details: ['more'], link: { url: 'https://example.com', label: 'View Details' } } }, t), { icon: 'link', text: 'Docs', details: ['more'] });
  });

  it('labels today, yesterday and older days', () => {
    const now = new Date(2026, 2, 10, 15, 0);
    assert.equal(dayLabelOf(at(2026, 3, 10, 0, 5), now, 'en-US', 'Today', 'Yesterday'), 'Today');
    assert.equal(dayLabelOf(at(2026, 3, 9, 23, 59), now, 'en-US', 'Today', 'Yesterday'), 'Yesterday');
    assert.equal(dayLabelOf(at(2026, 3, 2), now, 'en-US', 'Today', 'Yesterday'), 'Monday, March 2');
    assert.match(dayLabelOf(at(2025, 12, 31), now, 'en-US', 'T', 'Y'), /2025/);
    assert.ok(dayLabelOf(at(2026, 3, 2), now, 'not a locale!!', 'T', 'Y').length > 0);
    assert.notEqual(dayKeyOf(at(2026, 3, 2, 0, 1)), dayKeyOf(at(2026, 3, 1, 23, 59)));
  });

  it('finds the first unread message from the unread count, skipping own messages and tips', () => {
    const list = [
      message('m1'),
      message('m2'),
      message('m3', { isSelf: true }),
      message('m4', { elements: [{ kind: 'groupTips', text: 'x' }] }),
      message('m5'),
    ];
    assert.equal(firstUnreadIdOf(list, 0), undefined);
    assert.equal(firstUnreadIdOf(list, 1), 'm5');
    assert.equal(firstUnreadIdOf(list, 2), 'm2');
    assert.equal(firstUnreadIdOf(list, 9), undefined);
  });
});

describe('sizes, durations and element summaries', () => {
  it('formats sizes in binary units', () => {
    assert.equal(formatSize(0, t), '0 B');
    assert.equal(formatSize(1023, t), '1023 B');
    assert.equal(formatSize(1536, t), '1.5 KB');
    assert.equal(formatSize(10 * 1024 * 1024, t), '10 MB');
    assert.equal(formatSize(3.25 * 1024 ** 3, t), '3.3 GB');
    assert.equal(formatSize(Number.NaN, t), '0 B');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(5), '0:05');
    assert.equal(formatDuration(65), '1:05');
    assert.equal(formatDuration(3725), '1:02:05');
  });

  it('summarizes every element kind', () => {
    assert.equal(summarizeElement({ kind: 'text', text: 'x' }, t), undefined);
    assert.deepEqual(summarizeElement({ kind: 'file', elemIndex: 0, name: 'spec.pdf', size: 2048 }, t), { icon: 'file', text: 'File spec.pdf (2 KB)', details: [] });
    assert.equal(summarizeElement({ kind: 'image', elemIndex: 0, name: 'a.png', size: 1024, width: 640, height: 480 }, t)?.details[0], '640 × 480 · 1 KB');
    assert.equal(summarizeElement({ kind: 'sound', elemIndex: 0, durationSeconds: 12, size: 0 }, t)?.text, 'Voice message (0:12)');
    assert.equal(summarizeElement({ kind: 'video', elemIndex: 0, durationSeconds: 61, size: 0 }, t)?.text, 'Video (1:01)');
    assert.equal(summarizeElement({ kind: 'location', description: 'Office', latitude: 22.5, longitude: 114 }, t)?.text, 'Location: Office');
    assert.equal(summarizeElement({ kind: 'face', index: 3, data: '' }, t)?.text, 'Sticker');
    assert.equal(summarizeElement({ kind: 'custom', data: '{"a":1}', description: '', extension: 'poll' }, t)?.text, 'Custom message');
    const merger = summarizeElement({ kind: 'merger', title: 'Chat history', abstracts: ['a: hi', 'b: yo'], count: 2 }, t);
    assert.deepEqual(merger, { icon: 'layers', text: 'Chat history (2 messages)', details: ['a: hi', 'b: yo'] });
    // As received: the inner messages are not in the element until downloaded, so there is no count to show.
    assert.equal(summarizeElement({ kind: 'merger', title: 'Chat history', abstracts: [], count: 0 }, t)?.text, 'Chat history');
    assert.equal(summarizeElement({ kind: 'unsupported', label: 'kind 99' }, t)?.text, 'Unsupported message: kind 99');
    assert.equal(summarizeElement({ kind: 'groupTips', text: 'Bob joined' }, t)?.text, 'Bob joined');
  });

  it('gives the plain text of a message', () => {
    assert.equal(plainTextOf([{ kind: 'text', text: '**hi**' }, { kind: 'file', elemIndex: 1, name: 'f', size: 1 }], t), '**hi**\nFile f (1 B)');
  });
});

describe('row height estimates', () => {
  it('grows with text, separators and headers', () => {
    const context = { daySeparator: false, unreadMarker: false, showHeader: false };
    const short = estimateRowHeight(message('m1'), context, 600);
    const long = estimateRowHeight(message('m1', { elements: [{ kind: 'text', text: 'word '.repeat(400) }] }), context, 600);
    const withHeader = estimateRowHeight(message('m1'), { daySeparator: true, unreadMarker: true, showHeader: true }, 600);
    const code = estimateRowHeight(message('m1', { elements: [{ kind: 'text', text: '```\na\nb\nc\n```' }] }), context, 600);
    assert.ok(short > 0 && long > short * 5 && withHeader > short + 50 && code > short);
  });
});
