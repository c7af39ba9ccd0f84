import * as assert from 'node:assert/strict';
import { insertMention, matchCandidates, MAX_MATCHES, mentionedIds, mentionQueryAt } from '../../src/webview/mentions';

const members = [
  { userId: 'alice', name: 'Alice Liddell' },
  { userId: 'bob', name: 'Bob Stone' },
  { userId: 'bobby', name: 'Bobby Tables' },
  { userId: 'carol', name: 'Carol 张' },
  { userId: 'u_robert', name: 'u_robert' },
  { userId: '__kImSDK_MessageAtALL__', name: 'everyone', everyone: true },
];

describe('@-mentions (pure)', () => {
  it('finds the mention being typed at the caret', () => {
    assert.deepEqual(mentionQueryAt('@', 1), { start: 0, query: '' });
    assert.deepEqual(mentionQueryAt('hi @bo', 6), { start: 3, query: 'bo' });
    assert.deepEqual(mentionQueryAt('hi @bo and more', 6), { start: 3, query: 'bo' }, 'only the text before the caret counts');
    assert.deepEqual(mentionQueryAt('line\n@ca', 8), { start: 5, query: 'ca' });
    assert.deepEqual(mentionQueryAt('（@张', 3), { start: 1, query: '张' });
    assert.equal(mentionQueryAt('mail a@b.com', 12), undefined, 'not inside a word');
    assert.equal(mentionQueryAt('@Bob Stone ', 11), undefined, 'a space ends it');
    assert.equal(mentionQueryAt('no at sign', 10), undefined);
    assert.equal(mentionQueryAt(`@${'x'.repeat(41)}`, 42), undefined, 'too long to be a name');
  });

  it('ranks names and ids that start with the query before words and substrings, everyone last', () => {
    const names = (q: string): string[] => matchCandidates(members, q).map((m) => m.userId);
    assert.deepEqual(names(''), ['alice', 'bob', 'bobby', 'carol', 'u_robert', '__kImSDK_MessageAtALL__']);
    assert.deepEqual(names('BO'), ['bob', 'bobby']);
    assert.deepEqual(names('st'), ['bob'], 'a word of the name');
    assert.deepEqual(names('rob'), ['u_robert'], 'a word of an id-like name');
    assert.deepEqual(names('ob'), ['bob', 'bobby', 'u_robert'], 'substrings come last');
    assert.deepEqual(names('张'), ['carol']);
    assert.deepEqual(names('e'), ['alice', 'bob', 'bobby', 'u_robert', '__kImSDK_MessageAtALL__'], 'everyone (a prefix) ranks behind members (substrings)');
    assert.deepEqual(names('zz'), []);
    const many = Array.from({ length: 20 }, (_, i) => ({ userId: `user${i}`, name: `User ${i}` }));
    assert.equal(matchCandidates(many, 'user').length, MAX_MATCHES);
  });

  it('replaces the query with the name and a space, and puts the caret after it', () => {
    assert.deepEqual(insertMention('hi @bo', { start: 3, query: 'bo' }, 'Bob Stone'), { text: 'hi @Bob Stone ', caret: 14 });
    assert.deepEqual(insertMention('hi @bo, ok', { start: 3, query: 'bo' }, 'Bob Stone'), { text: 'hi @Bob Stone, ok', caret: 13 }, 'no space before punctuation');
    assert.deepEqual(insertMention('@b there', { start: 0, query: 'b' }, 'Bob Stone'), { text: '@Bob Stone there', caret: 11 }, 'no double space; the caret after the one there');
    assert.deepEqual(insertMention('@bthere', { start: 0, query: 'b' }, 'Bob Stone'), { text: '@Bob Stone there', caret: 11 });
  });

  it('sends the picked members whose @name is still whole in the text, once each', () => {
    const picked = [members[1], members[2], members[3]];
    assert.deepEqual(mentionedIds('@Bob Stone and @Carol 张!', picked), ['bob', 'carol']);
    assert.deepEqual(mentionedIds('@Bobby Tables', picked), ['bobby'], '"@Bob" inside "@Bobby" is not bob');
    assert.deepEqual(mentionedIds('@Bob Stoneware', picked), [], 'a name cut by letters is no mention');
    assert.deepEqual(mentionedIds('@Bob Stone @Bob Stone', [...picked, members[1]]), ['bob']);
    assert.deepEqual(mentionedIds('@Bob Ston', picked), []);
    assert.deepEqual(mentionedIds('hello', []), []);
  });
});
