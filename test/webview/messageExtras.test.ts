/** Selection, upload progress, merged expansion and image state kept beside the messages; the extra actions. */
import * as assert from 'node:assert/strict';
import { actionsFor } from '../../src/webview/messageActions';
import { MessageExtras } from '../../src/webview/messageExtras';
import { message } from './fixtures';

describe('message extras', () => {
  it('toggles, extends ranges, replaces and forgets the selection', () => {
    const changed: string[][] = [];
    const selections: string[][] = [];
    const extras = new MessageExtras((ids) => changed.push([...ids]), (ids) => selections.push([...ids]));
    const order = ['a', 'b', 'c', 'd', 'e'];
    extras.toggle('b');
    extras.extendTo('d', order);
    assert.deepEqual(extras.selection, ['b', 'c', 'd']);
    assert.ok(extras.revisionOf('c') > 0);
    extras.toggle('c');
    assert.deepEqual(extras.selection, ['b', 'd']);
    extras.forget(['b']);
    assert.deepEqual(extras.selection, ['d']);
    extras.setSelection([]);
    assert.deepEqual(selections.at(-1), []);
    assert.ok(changed.length >= 4);
  });
  it('keeps progress, expansion and media per message, bumping its revision', () => {
    const extras = new MessageExtras(() => undefined, () => undefined);
    extras.setProgress('p', 41.6);
    assert.equal(extras.progressOf('p'), 42);
    const before = extras.revisionOf('m');
    extras.setExpansion('m', { state: 'loading' });
    extras.setMedia('m', 0, { state: 'ready', uri: 'https://file+.vscode-resource/x.png' });
    assert.equal(extras.revisionOf('m'), before + 2);
    assert.deepEqual(extras.mediaOf('m', 0), { state: 'ready', uri: 'https://file+.vscode-resource/x.png' });
    assert.equal(extras.mediaOf('m', 1), undefined);
  });
  it('keys nested merger expansions by path; closing a level closes those inside it', () => {
    const extras = new MessageExtras(() => undefined, () => undefined);
    const open = { state: 'open', messages: [] } as const;
    extras.setExpansion('m', open);
    extras.setExpansion('m', open, [0]);
    extras.setExpansion('m', open, [0, 2]);
    extras.setExpansion('m', open, [1]);
    extras.setExpansion('m1', open);
    assert.equal(extras.expansionOf('m', [2]), undefined);
    assert.equal(extras.expansionOf('m', [0, 2]), open);
    extras.setExpansion('m', undefined, [0]);
    assert.equal(extras.expansionOf('m', [0]), undefined);
    assert.equal(extras.expansionOf('m', [0, 2]), undefined);
    assert.equal(extras.expansionOf('m', [1]), open, 'a sibling stays open');
    assert.equal(extras.expansionOf('m'), open);
    extras.forget(['m']);
    assert.equal(extras.expansionOf('m'), undefined);
    assert.equal(extras.expansionOf('m', [1]), undefined);
    assert.equal(extras.expansionOf('m1'), open, 'another message with a longer id is untouched');
  });
});

describe('extra message actions', () => {
  const labels = { retry: 'Retry', cancel: 'Cancel', revoke: 'Recall', delete: 'Delete', copy: 'Copy', link: (u: string) => u };
  const more = { reply: 'Reply', react: 'React', whoReacted: 'Who', edit: 'Edit', star: 'Star', unstar: 'Unstar', forward: 'Forward', select: 'Select', deselect: 'Deselect', download: 'Download', selected: false };
  it('offers reply, download per file, star or unstar, forward and select for settled messages', () => {
    const file = message('f', { elements: [{ kind: 'file', elemIndex: 0, name: 'a.zip', size: 3 }] });
    assert.deepEqual(actionsFor(file, 0, [], { ...labels, more }, false).map((a) => a.id), ['reply', 'react', 'download:0', 'star', 'forward', 'select', 'delete']);
    const tip = message('t', { elements: [{ kind: 'groupTips', text: 'bob joined' }] });
    assert.ok(!actionsFor(tip, 0, [], { ...labels, more }, false).some((a) => a.id === 'reply'), 'a group tip is not replied to');
    assert.ok(!actionsFor(message('r', { status: 'failed' }), 0, [], { ...labels, more }, true).some((a) => a.id === 'reply'), 'nor a failed send');
    const reacted = message('h', { reactions: [{ id: '👍', count: 1, mine: false, users: ['bob'] }] });
    assert.deepEqual(actionsFor(reacted, 0, [], { ...labels, more }, true).map((a) => a.id).slice(0, 3), ['reply', 'react', 'whoReacted'], 'who reacted, once someone has');
    assert.ok(!actionsFor(message('n'), 0, [], { ...labels, more }, true).some((a) => a.id === 'whoReacted'), 'not before');
    const { react: _react, whoReacted: _who, ...withoutReactions } = more;
    assert.ok(!actionsFor(reacted, 0, [], { ...labels, more: withoutReactions }, true).some((a) => a.id === 'react' || a.id === 'whoReacted'), 'none where the app has no reactions');
    for (const [what, unreactable] of [['a group tip', tip], ['a failed send', message('r', { status: 'failed' })], ['a local-only message', message('l', { status: 'local' })]] as const) {
      assert.ok(!actionsFor(unreactable, 0, [], { ...labels, more }, true).some((a) => a.id === 'react'), `no reactions on ${what}`);
    }
    const own = message('o', { isSelf: true, elements: [{ kind: 'text', text: 'typo' }] });
    assert.deepEqual(actionsFor(own, 0, [], { ...labels, more }, true).slice(0, 2).map((a) => a.id), ['reply', 'edit'], 'own sent text can be edited');
    assert.ok(!actionsFor(message('x', { elements: [{ kind: 'text', text: 'theirs' }] }), 0, [], { ...labels, more }, true).some((a) => a.id === 'edit'), "not someone else's");
    assert.ok(!actionsFor(message('f2', { isSelf: true, elements: [{ kind: 'file', elemIndex: 0, name: 'a.zip', size: 3 }] }), 0, [], { ...labels, more }, false).some((a) => a.id === 'edit'), 'nor a file');
    const starred = message('s', { starred: true });
    assert.ok(actionsFor(starred, 0, [], { ...labels, more: { ...more, selected: true } }, true).some((a) => a.id === 'unstar'));
    assert.ok(actionsFor(starred, 0, [], { ...labels, more: { ...more, selected: true } }, true).some((a) => a.id === 'deselect'));
    const sending = message('p', { status: 'sending' });
    assert.deepEqual(actionsFor(sending, 0, [], { ...labels, more }, true).map((a) => a.id), ['cancel', 'copy']);
    assert.ok(!actionsFor(file, 0, [], labels, false).some((a) => a.id === 'star'), 'older callers get the old list');
  });
});
